// Writes mocks/world/records/large-2mb.json: a long-term patient with about 2 MB of Observations
// HTML, for speed work. Deterministic (no randomness): run it again and the file is identical.
import { writeFileSync } from 'node:fs';

const KINDS = [
  ['Systolic blood pressure', (i) => `${118 + ((i * 7) % 31)} mmHg`, '90 - 140 mmHg', 'Seated, left arm, after 5 minutes rest.'],
  ['Diastolic blood pressure', (i) => `${70 + ((i * 5) % 21)} mmHg`, '60 - 90 mmHg', 'Seated, left arm, after 5 minutes rest.'],
  ['Haemoglobin A1c level', (i) => `${48 + ((i * 3) % 25)} mmol/mol`, '20 - 41 mmol/mol', 'Diabetes annual review bloods.'],
  ['Serum creatinine', (i) => `${88 + ((i * 11) % 40)} umol/L`, '59 - 104 umol/L', 'Renal function monitoring on ACE inhibitor.'],
  ['eGFR using creatinine (CKD-EPI)', (i) => `${58 + ((i * 7) % 30)} mL/min/1.73m2`, '>90 mL/min/1.73m2', 'CKD stage 3a monitoring.'],
  ['Serum potassium', (i) => `${(3.8 + ((i * 3) % 15) / 10).toFixed(1)} mmol/L`, '3.5 - 5.3 mmol/L', 'Taken with renal profile.'],
  ['Body mass index', (i) => `${(29 + ((i * 7) % 40) / 10).toFixed(1)} kg/m2`, '18.5 - 24.9 kg/m2', 'Weight management advice given.'],
  ['Body weight', (i) => `${(88 + ((i * 13) % 90) / 10).toFixed(1)} kg`, '', 'Clinic scales.'],
  ['Total cholesterol', (i) => `${(4.1 + ((i * 5) % 20) / 10).toFixed(1)} mmol/L`, '<5.0 mmol/L', 'Non-fasting lipid profile.'],
  ['Pulse rate', (i) => `${62 + ((i * 9) % 30)} /min`, '60 - 100 /min', 'Regular.'],
  ['Peak expiratory flow rate', (i) => `${410 + ((i * 17) % 120)} L/min`, '', 'Best of three blows.'],
  ['Oxygen saturation at periphery', (i) => `${94 + (i % 5)} %`, '95 - 100 %', 'On air, at rest.'],
];

const rows = [];
const start = Date.UTC(1991, 0, 7);
for (let i = 0; i < 13_500; i++) {
  const [entry, value, range, details] = KINDS[i % KINDS.length];
  // Several observations a week across 35 years (1991 to early 2026), newest last.
  const date = new Date(start + Math.floor(i * 0.95) * 86_400_000).toISOString().slice(0, 10);
  rows.push({ date, entry, value: value(i), range, details });
}

const record = {
  contentBanner: 'Long-term record migrated from three previous GP systems; all observations are shown.',
  problems: {
    active: [
      { date: '2004-03-15', entry: 'Type 2 diabetes mellitus', significance: 'Major', details: 'Diet, then metformin from 2005.' },
      { date: '1998-06-02', entry: 'Essential hypertension', significance: 'Major', details: 'Ramipril.' },
      { date: '2019-11-20', entry: 'Chronic kidney disease stage 3a', significance: 'Minor', details: 'Annual monitoring.' },
    ],
  },
  observations: rows,
};
writeFileSync(new URL('../mocks/world/records/large-2mb.json', import.meta.url), JSON.stringify(record));
console.log(`wrote ${rows.length} observations`);
