/**
 * The BFF's mapping of a structured bundle into the viewer's contract, per area, on bundles the
 * simulated GP systems build from the world, and on bundles broken on purpose.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { structuredBundle } from '../../mocks/handlers/provider-stu3/structured/bundle';
import { readStructuredParameters } from '../../mocks/handlers/provider-stu3/structured/parameters';
import { world } from '../../mocks/world';
import { mapStructuredBundle } from '../../src/server/structured/map';
import { AppError } from '../../src/server/problem';
import { StructuredDataSchema } from '../../src/shared/structuredRecord';

type Json = any;
const today = new Date().toISOString().slice(0, 10);

function bundleFor(nhsNumber: string, ...parameter: Json[]): Json {
  const query = readStructuredParameters(
    JSON.stringify({
      resourceType: 'Parameters',
      parameter: [{ name: 'patientNHSNumber', valueIdentifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber } }, ...parameter],
    }),
    today,
  );
  if ('status' in query) throw new Error(query.diagnostics);
  const patient = world.patient(nhsNumber)!;
  const practice = world.practice(patient.pds!.practiceOdsCode!)!;
  return structuredBundle({ traceId: 't', query, patient, record: world.record(patient.gp?.record), practice, header: [], patientId: '1', today });
}
const allergies = { name: 'includeAllergies', part: [{ name: 'includeResolvedAllergies', valueBoolean: true }] };
const medication = { name: 'includeMedication' };
const problems = { name: 'includeProblems' };
const MEAKIN = '9658218873';
const LUND = '9690125184'; // System B, Structured only, degraded items

describe('allergies', () => {
  it('active and ended apart, ended with date and reason, reactions with severity; the result fits the contract', () => {
    const data = mapStructuredBundle(bundleFor(MEAKIN, allergies), ['allergies']);
    StructuredDataSchema.parse(data);
    const record = world.record('9658218873');
    const items = data.areas.allergies!.items;
    expect(items.filter((a) => a.status === 'active')).toHaveLength(record.allergies!.current!.length);
    expect(items.filter((a) => a.status === 'ended')).toHaveLength(record.allergies!.historical!.length);
    expect(items.find((a) => a.status === 'ended')!.ended).toMatchObject({
      date: record.allergies!.historical![0].endDate,
      reason: 'No information available',
    });
    expect(items[0]).toMatchObject({
      term: { text: 'Penicillin allergy', degraded: false },
      reactions: [{ manifestation: 'urticarial rash', severity: 'moderate' }],
    });
    expect(data.unmapped).toBe(0);
  });

  it("System B's top-level copies of ended allergies are not counted twice; a degraded allergy is flagged", () => {
    const data = mapStructuredBundle(bundleFor(LUND, allergies), ['allergies']);
    const ended = data.areas.allergies!.items.filter((a) => a.status === 'ended');
    expect(ended).toHaveLength(world.record('9690123823').allergies!.historical!.length);
    expect(data.areas.allergies!.items.find((a) => a.term.degraded)!.term.text).toBe('Allergy to Elastoplast (EMIS code EGTON123)');
  });
});

describe('R29: medications as plan and issues', () => {
  it('a repeat with issues made and allowed, last issued and review date; a stopped one with its reason; issues under their plan', () => {
    const data = mapStructuredBundle(bundleFor(MEAKIN, medication), ['medications']);
    const items = data.areas.medications!.items;
    const metformin = items.find((m) => m.name.text === 'Metformin 500mg modified-release tablets')!;
    expect(metformin).toMatchObject({ type: 'repeat', status: 'active', issuesMade: 9, issuesAllowed: 13, lastIssued: '2026-10-28', reviewDate: '2027-03-18' });
    expect(metformin.prescribingAgency).toBe('Prescribed at GP practice');
    const stopped = items.find((m) => m.status === 'stopped')!;
    expect(stopped.stopReason).toBe('Adverse effect: gastrointestinal intolerance');
    const acute = items.find((m) => m.type === 'acute')!;
    expect(acute.issues.length).toBeGreaterThanOrEqual(1);
    expect(items.every((m) => !m.dosageChanged)).toBe(true);
  });

  it("the dosage-changed warning in a plan's dosage text is recognised", () => {
    const bundle = bundleFor(MEAKIN, medication);
    const statement = bundle.entry.map((e: Json) => e.resource).find((r: Json) => r.resourceType === 'MedicationStatement');
    statement.dosage[0].text = 'One tablet daily. WARNING – Dosage has changed during the effective period. The latest change was made on 01-Mar-2026';
    const data = mapStructuredBundle(bundle, ['medications']);
    expect(data.areas.medications!.items.find((m) => m.id === statement.id)!.dosageChanged).toBe(true);
  });
});

describe('R30: problems and what they link to', () => {
  it('status, significance and dates, and linked medications and consultations named', () => {
    const data = mapStructuredBundle(bundleFor(MEAKIN, problems), ['problems']);
    const items = data.areas.problems!.items;
    expect(items.filter((p) => p.status === 'active')).toHaveLength(5);
    const lrti = items.find((p) => p.term.text === 'Lower respiratory tract infection')!;
    expect(lrti).toMatchObject({ status: 'inactive', significance: 'minor', onset: '2026-01-14', ended: '2026-02-02' });
    expect(lrti.links).toContainEqual(expect.objectContaining({ kind: 'medication', label: 'Doxycycline 100mg capsules' }));
    const diabetes = items.find((p) => p.term.text === 'Type 2 diabetes mellitus')!;
    expect(diabetes.links.some((l) => l.kind === 'consultation' && l.date === '2015-09-16')).toBe(true);
  });

  it('linked results and readings: each laboratory result and blood pressure reading the problem relates to, with its value and date', () => {
    const bundle = bundleFor(MEAKIN, problems);
    const data = mapStructuredBundle(bundle, ['problems']);
    expect(data.unmapped).toBe(0);
    const items = data.areas.problems!.items;
    const hba1c = world.record(MEAKIN).observations!.filter((o) => o.entry === 'Haemoglobin A1c level - IFCC standardised');
    const diabetes = items.find((p) => p.term.text === 'Type 2 diabetes mellitus')!;
    expect(diabetes.links.filter((l) => l.kind === 'investigation').map((l) => [l.label, l.detail, l.date])).toEqual(
      hba1c.map((o) => ['Haemoglobin A1c level - IFCC standardised', o.value, o.date]),
    );
    const hypertension = items.find((p) => p.term.text === 'Essential hypertension')!;
    expect(hypertension.links.filter((l) => l.kind === 'observation').length).toBeGreaterThan(0);
    expect(hypertension.links.find((l) => l.kind === 'observation')!.detail).toMatch(/\d+ mm\[Hg\]/);
    // The related items come with their secondary Lists (accessrecord_structured_development_lists_for_message_structure).
    const secondary = bundle.entry
      .map((e: Json) => e.resource)
      .filter((r: Json) => r.resourceType === 'List' && !r.id)
      .map((l: Json) => l.code.coding[0].code);
    expect(secondary).toEqual(expect.arrayContaining(['problems-uncategorised-data-related-to-problems', 'problems-investigations-related-to-problems']));
  });
});

describe('immunisations', () => {
  it('given with vaccination, product, dose and notes; not given with its reason when asked for', () => {
    const data = mapStructuredBundle(bundleFor(MEAKIN, { name: 'includeImmunisations', part: [{ name: 'includeNotGiven', valueBoolean: true }] }), [
      'immunisations',
    ]);
    StructuredDataSchema.parse(data);
    const items = data.areas.immunisations!.items;
    expect(items).toHaveLength(world.record(MEAKIN).immunisations!.length);
    expect(items[0]).toMatchObject({
      vaccination: { text: 'Pneumococcal polysaccharide vaccination' },
      product: 'Pneumococcal polysaccharide vaccine (PPV23) 0.5ml',
      date: '2015-10-14',
      given: true,
      dose: '1st',
    });
    const lund = mapStructuredBundle(bundleFor(LUND, { name: 'includeImmunisations', part: [{ name: 'includeNotGiven', valueBoolean: true }] }), [
      'immunisations',
    ]);
    const notGiven = lund.areas.immunisations!.items.filter((i) => !i.given);
    expect(notGiven).toHaveLength(world.record('9690123823').immunisationsNotGiven!.length);
    expect(notGiven[0].reasonNotGiven).toBeTruthy();
  });
});

describe('consultations', () => {
  it('each Encounter with its consultation, topic and heading Lists, and the free text under its heading', () => {
    const data = mapStructuredBundle(bundleFor(MEAKIN, { name: 'includeConsultations' }), ['consultations']);
    StructuredDataSchema.parse(data);
    const encounters = world.record(MEAKIN).encounters!;
    const items = data.areas.consultations!.items;
    expect(items).toHaveLength(encounters.length);
    expect(items[0]).toMatchObject({
      title: encounters[0].title,
      date: encounters[0].date,
      topics: [{ title: 'Face to face consultation', headings: [{ title: 'History', items: [{ kind: 'note', text: encounters[0].details }] }] }],
    });
  });
});

describe('investigations and uncategorised data', () => {
  it('reports with their specimen and results: value, number, unit, range and H/L flag', () => {
    const data = mapStructuredBundle(bundleFor(MEAKIN, { name: 'includeInvestigations' }), ['investigations']);
    StructuredDataSchema.parse(data);
    const reports = data.areas.investigations!.items;
    expect(reports.length).toBeGreaterThan(0);
    const first = reports[0];
    expect(first).toMatchObject({ date: '2015-09-09', specimen: { type: 'Blood specimen', collected: '2015-09-09' } });
    expect(first.title).toContain('Haemoglobin A1c level - IFCC standardised');
    expect(first.results[0]).toMatchObject({
      value: '58 mmol/mol',
      numeric: { value: 58, unit: 'mmol/mol' },
      range: '20 - 41 mmol/mol',
      flag: 'H',
    });
    // Every laboratory row of the world is in one report or another.
    const laboratory = world
      .record(MEAKIN)
      .observations!.filter((o) => !/blood pressure|body mass index|weight|height|pulse|oxygen|peak|temperature/i.test(o.entry!));
    expect(reports.flatMap((r) => r.results)).toHaveLength(laboratory.length);
  });

  it('a test group gives its members, each named by the group', () => {
    const bundle = bundleFor(MEAKIN, { name: 'includeInvestigations' });
    const report = bundle.entry.find((e: Json) => e.resource.resourceType === 'DiagnosticReport').resource;
    const members = report.result.map((r: Json) => r.reference);
    bundle.entry.push({
      resource: {
        resourceType: 'Observation',
        id: 'group-1',
        code: { text: 'Diabetes bloods' },
        related: members.map((reference: string) => ({ type: 'has-member', target: { reference } })),
      },
    });
    report.result = [{ reference: 'Observation/group-1' }];
    const data = mapStructuredBundle(bundle, ['investigations']);
    expect(data.areas.investigations!.items[0].title).toBe('Diabetes bloods');
    expect(data.areas.investigations!.items[0].results.map((r) => r.group)).toEqual(members.map(() => 'Diabetes bloods'));
    expect(data.unmapped).toBe(0);
  });

  it('blood pressure as one reading with systolic and diastolic components', () => {
    const data = mapStructuredBundle(bundleFor(MEAKIN, { name: 'includeUncategorisedData' }), ['uncategorised']);
    StructuredDataSchema.parse(data);
    const bp = data.areas.uncategorised!.items.find((o) => o.date === '2016-01-20')!;
    expect(bp.term.text).toBe('Blood pressure');
    expect(bp.components).toEqual([
      { term: 'Systolic arterial pressure', value: '148 mm[Hg]', numeric: 148, unit: 'mm[Hg]' },
      { term: 'Diastolic arterial pressure', value: '92 mm[Hg]', numeric: 92, unit: 'mm[Hg]' },
    ]);
    expect(data.unmapped).toBe(0);
  });
});

describe('referrals and diary entries', () => {
  it('referrals with date, priority, from, to and reason; status as the GP system knows it', () => {
    const data = mapStructuredBundle(bundleFor(MEAKIN, { name: 'includeReferrals' }), ['referrals']);
    StructuredDataSchema.parse(data);
    const rows = world.record(MEAKIN).referrals!;
    expect(data.areas.referrals!.items).toHaveLength(rows.length);
    expect(data.areas.referrals!.items[2]).toMatchObject({
      date: rows[2].date,
      priority: 'urgent',
      from: rows[2].from,
      to: [rows[2].to],
      reason: rows[2].details,
      status: 'unknown',
    });
  });

  it('diary entries with due and authored dates, overdue ones included', () => {
    const data = mapStructuredBundle(bundleFor(MEAKIN, { name: 'includeDiaryEntries' }), ['diary']);
    StructuredDataSchema.parse(data);
    expect(data.areas.diary!.items.map((d) => [d.entry.text, d.due, d.authored])).toEqual([
      ['Diabetes annual review', '2027-03-18', '2026-03-18'],
      ['Medication review', '2027-03-18', '2026-03-18'],
      ['Blood pressure check', '2026-11-01', '2026-09-16'],
    ]);
  });
});

describe('R28: what the provider said beside the items', () => {
  it('an empty List: its reason and note, no items', () => {
    const data = mapStructuredBundle(bundleFor('9658218865', allergies, medication), ['allergies', 'medications']);
    expect(data.areas.medications).toMatchObject({
      status: { state: 'answered', emptyReason: 'No Content Recorded', notes: ['Information not available'] },
      items: [],
    });
  });

  it('several warnings on one List, each kept', () => {
    const data = mapStructuredBundle(bundleFor(LUND, problems), ['problems']);
    expect(data.areas.problems!.status.warnings.map((w) => w.code)).toEqual(['confidential-items', 'data-in-transit']);
    // Uncategorised data at the same practice: three at once, each with its text in the note.
    const uncategorised = mapStructuredBundle(bundleFor(LUND, { name: 'includeUncategorisedData' }), ['uncategorised']).areas.uncategorised!.status;
    expect(uncategorised.warnings.map((w) => w.code)).toEqual(['confidential-items', 'data-in-transit', 'data-awaiting-filing']);
    expect(uncategorised.notes.join(' ')).toMatch(/items in the GP practice workflow that have not been reviewed for inclusion in this message/);
  });

  it('an area disabled at the practice is "disabled" with the provider\'s words; an unknown parameter is kept as another warning', () => {
    const bundle = bundleFor(MEAKIN, problems);
    bundle.entry.push({
      resource: {
        resourceType: 'OperationOutcome',
        issue: [
          { severity: 'warning', code: 'not-supported', details: { text: 'includeMedication has been disabled' }, diagnostics: 'includeMedication' },
          { severity: 'warning', code: 'not-supported', details: { text: 'includeFoo is an unrecognised parameter' }, diagnostics: 'includeFoo' },
        ],
      },
    });
    const data = mapStructuredBundle(bundle, ['problems', 'medications']);
    expect(data.areas.medications!.status).toMatchObject({ state: 'disabled', providerWarning: 'includeMedication has been disabled' });
    expect(data.otherWarnings).toEqual(['includeFoo is an unrecognised parameter']);
  });

  it('an area asked for with no List and no warning is "missing", never empty', () => {
    const data = mapStructuredBundle(bundleFor(MEAKIN), ['allergies']);
    expect(data.areas.allergies!.status.state).toBe('missing');
  });
});

describe('a bundle that is not what the specification describes', () => {
  it('not a collection Bundle is UPSTREAM_MALFORMED', () => {
    for (const body of [null, 'text', { resourceType: 'OperationOutcome' }, { resourceType: 'Bundle', type: 'searchset', entry: [] }]) {
      expect(() => mapStructuredBundle(body, ['allergies'])).toThrow(AppError);
      try {
        mapStructuredBundle(body, ['allergies']);
      } catch (error) {
        expect((error as AppError).code).toBe('UPSTREAM_MALFORMED');
      }
    }
  });

  it('a List entry that points at nothing, or at the wrong type, is counted as unmapped', () => {
    const bundle = bundleFor(MEAKIN, problems);
    const list = bundle.entry.map((e: Json) => e.resource).find((r: Json) => r.resourceType === 'List' && !r.id && r.code.coding[0].code === '717711000000103');
    list.entry.push({ item: { reference: 'Condition/not-there' } }, { item: { reference: 'Patient/1' } });
    const data = mapStructuredBundle(bundle, ['problems']);
    expect(data.unmapped).toBe(2);
    expect(data.areas.problems!.items).toHaveLength(12);
  });

  it("the specification's own example bundle: its items mapped, a degraded code flagged, and what it cannot place counted and said", () => {
    const example = JSON.parse(readFileSync(new URL('../fixtures/spec-examples/stu3-structured-allergies-response-bundle.json', import.meta.url), 'utf8'));
    const data = mapStructuredBundle(example, ['allergies']);
    StructuredDataSchema.parse(data);
    expect(data.areas.allergies!.items.map((a) => a.term.text)).toEqual(['Amoxicillin 250mg capsules', 'Nut allergy', 'Allergy to paracetemol']);
    expect(data.areas.allergies!.items[2].term.degraded).toBe(true);
    // Its active List names a fourth allergy the example leaves out, and its draft "Resolved Allergies" List has code TBD.
    expect(data.unmapped).toBe(2);
    expect(data.otherWarnings).toEqual(['The GP system sent a list this viewer cannot show: "Resolved Allergies" (1 item).']);
  });

  it("a secondary list's warning is said beside the record", () => {
    const bundle = bundleFor(MEAKIN, problems);
    bundle.entry.push({
      resource: {
        resourceType: 'List',
        title: 'Medications related to problems',
        code: {
          coding: [{ system: 'https://fhir.hl7.org.uk/STU3/CodeSystem/GPConnect-SecondaryListValues-1', code: 'problems-medications-related-to-problems' }],
        },
        extension: [{ url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-ListWarningCode-1', valueCode: 'confidential-items' }],
        note: [{ text: 'Items excluded due to confidentiality and/or patient preferences.' }],
        entry: [],
      },
    });
    expect(mapStructuredBundle(bundle, ['problems']).otherWarnings).toEqual([
      'Medications related to problems: Items excluded due to confidentiality and/or patient preferences.',
    ]);
  });

  it('an item of a shape the mapper does not expect is counted as unmapped; the others are still shown', () => {
    const bundle = bundleFor(MEAKIN, allergies);
    const first = bundle.entry.map((e: Json) => e.resource).find((r: Json) => r.resourceType === 'AllergyIntolerance');
    first.reaction = { manifestation: 'not an array' };
    const data = mapStructuredBundle(bundle, ['allergies']);
    expect(data.unmapped).toBe(1);
    expect(data.areas.allergies!.items.length).toBe(
      world.record('9658218873').allergies!.current!.length - 1 + world.record('9658218873').allergies!.historical!.length,
    );
  });
});
