/**
 * Builds Access Record HTML as a GP Connect 0.7.4 provider does (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section, accessrecord_development_html_implementation_guide):
 * section title as h1, banners with the spec's classes, subsections as h2, the spec's table ids
 * and columns, dates as dd-Mmm-yyyy in date-column cells, "no data" fragments for empty tables.
 */
import { XSS_VECTORS } from '../../world/xss-vectors';
import { providerDate, SECTIONS, type SectionCode } from '../rules';
import type { Row, WorldRecord } from '../../world/types';

export interface Period {
  start?: string;
  end?: string;
}

interface Column {
  header: string;
  key: string;
  date?: boolean;
}

interface TableSpec {
  id: string;
  /** h2 heading; absent for single-table sections. */
  heading?: string;
  columns: Column[];
  rows: (r: WorldRecord) => Row[] | undefined;
  /** Does a consumer date range apply to this table? (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section) */
  filtered: boolean;
  /** Sort key, descending: "date" by default; inactive problems and historical allergies sort by end date. */
  sortKey?: string;
  /** Rows grouped under one line per medication item (All Medication, All Medication Issues). */
  groupByItem?: boolean;
  limit?: number;
}

const c = (header: string, key: string, date = false): Column => ({ header, key, date });

const ENC: Column[] = [c('Date', 'date', true), c('Title', 'title'), c('Details', 'details')];
const PRB_ACT: Column[] = [c('Start Date', 'date', true), c('Entry', 'entry'), c('Significance', 'significance'), c('Details', 'details')];
const PRB_INACT: Column[] = [
  c('Start Date', 'date', true),
  c('End Date', 'endDate', true),
  c('Entry', 'entry'),
  c('Significance', 'significance'),
  c('Details', 'details'),
];
const ALL_CURR: Column[] = [c('Start Date', 'date', true), c('Details', 'details')];
const ALL_HIST: Column[] = [c('Start Date', 'date', true), c('End Date', 'endDate', true), c('Details', 'details')];
const MED_ACUTE: Column[] = [
  c('Type', 'type'),
  c('Start Date', 'date', true),
  c('Medication Item', 'item'),
  c('Dosage Instruction', 'dosage'),
  c('Quantity', 'quantity'),
  c('Scheduled End Date', 'scheduledEndDate', true),
  c('Days Duration', 'daysDuration'),
  c('Additional Information', 'additionalInformation'),
];
const MED_REPEAT: Column[] = [
  c('Type', 'type'),
  c('Start Date', 'date', true),
  c('Medication Item', 'item'),
  c('Dosage Instruction', 'dosage'),
  c('Quantity', 'quantity'),
  c('Last Issued Date', 'lastIssuedDate', true),
  c('Number of Prescriptions Issued', 'issuesCount'),
  c('Max Issues', 'maxIssues'),
  c('Review Date', 'reviewDate', true),
  c('Additional Information', 'additionalInformation'),
];
const MED_DISC: Column[] = [
  c('Type', 'type'),
  c('Last Issued Date', 'date', true),
  c('Medication Item', 'item'),
  c('Dosage Instruction', 'dosage'),
  c('Quantity', 'quantity'),
  c('Discontinued Date', 'discontinuedDate', true),
  c('Discontinuation Reason', 'discontinuationReason'),
  c('Additional Information', 'additionalInformation'),
];
const MED_ALL: Column[] = [
  c('Type', 'type'),
  c('Start Date', 'date', true),
  c('Medication Item', 'item'),
  c('Dosage Instruction', 'dosage'),
  c('Quantity', 'quantity'),
  c('Last Issued Date', 'lastIssuedDate', true),
  c('Number of Prescriptions Issued', 'issuesCount'),
  c('Discontinuation Details', 'discontinuationDetails'),
  c('Additional Information', 'additionalInformation'),
];
const MED_ISS: Column[] = [
  c('Type', 'type'),
  c('Issue Date', 'date', true),
  c('Medication Item', 'item'),
  c('Dosage Instruction', 'dosage'),
  c('Quantity', 'quantity'),
  c('Days Duration', 'daysDuration'),
  c('Additional Information', 'additionalInformation'),
];

const TABLES: Record<SectionCode, TableSpec[]> = {
  SUM: [
    { id: 'enc-tab', heading: 'Last 3 Encounters', columns: ENC, rows: (r) => r.encounters, filtered: false, limit: 3 },
    { id: 'prb-tab-act', heading: 'Active Problems and Issues', columns: PRB_ACT, rows: (r) => r.problems?.active, filtered: false },
    {
      id: 'prb-tab-majinact',
      heading: 'Major Inactive Problems and Issues',
      columns: PRB_INACT,
      rows: (r) => r.problems?.majorInactive,
      filtered: false,
      sortKey: 'endDate',
    },
    { id: 'all-tab-curr', heading: 'Current Allergies and Adverse Reactions', columns: ALL_CURR, rows: (r) => r.allergies?.current, filtered: false },
    { id: 'med-tab-acu-med', heading: 'Acute Medication (Last 12 Months)', columns: MED_ACUTE, rows: (r) => r.medications?.acute, filtered: false },
    { id: 'med-tab-curr-rep', heading: 'Current Repeat Medication', columns: MED_REPEAT, rows: (r) => r.medications?.currentRepeat, filtered: false },
  ],
  PRB: [
    { id: 'prb-tab-act', heading: 'Active Problems and Issues', columns: PRB_ACT, rows: (r) => r.problems?.active, filtered: false },
    {
      id: 'prb-tab-majinact',
      heading: 'Major Inactive Problems and Issues',
      columns: PRB_INACT,
      rows: (r) => r.problems?.majorInactive,
      filtered: true,
      sortKey: 'endDate',
    },
    {
      id: 'prb-tab-othinact',
      heading: 'Other Inactive Problems and Issues',
      columns: PRB_INACT,
      rows: (r) => r.problems?.otherInactive,
      filtered: true,
      sortKey: 'endDate',
    },
  ],
  ALL: [
    { id: 'all-tab-curr', heading: 'Current Allergies and Adverse Reactions', columns: ALL_CURR, rows: (r) => r.allergies?.current, filtered: false },
    {
      id: 'all-tab-hist',
      heading: 'Historical Allergies and Adverse Reactions',
      columns: ALL_HIST,
      rows: (r) => r.allergies?.historical,
      filtered: false,
      sortKey: 'endDate',
    },
  ],
  MED: [
    { id: 'med-tab-acu-med', heading: 'Acute Medication (Last 12 Months)', columns: MED_ACUTE, rows: (r) => r.medications?.acute, filtered: false },
    { id: 'med-tab-curr-rep', heading: 'Current Repeat Medication', columns: MED_REPEAT, rows: (r) => r.medications?.currentRepeat, filtered: false },
    { id: 'med-tab-dis-rep', heading: 'Discontinued Repeat Medication', columns: MED_DISC, rows: (r) => r.medications?.discontinuedRepeat, filtered: false },
    { id: 'med-tab-all-sum', heading: 'All Medication', columns: MED_ALL, rows: (r) => r.medications?.all, filtered: true, groupByItem: true },
    { id: 'med-tab-all-iss', heading: 'All Medication Issues', columns: MED_ISS, rows: (r) => r.medications?.issues, filtered: true, groupByItem: true },
  ],
  ENC: [{ id: 'enc-tab', columns: ENC, rows: (r) => r.encounters, filtered: true }],
  CLI: [{ id: 'cli-tab', columns: [c('Date', 'date', true), c('Entry', 'entry'), c('Details', 'details')], rows: (r) => r.clinicalItems, filtered: true }],
  REF: [
    {
      id: 'ref-tab',
      columns: [c('Date', 'date', true), c('From', 'from'), c('To', 'to'), c('Priority', 'priority'), c('Details', 'details')],
      rows: (r) => r.referrals,
      filtered: true,
    },
  ],
  OBS: [
    {
      id: 'obs-tab',
      columns: [c('Date', 'date', true), c('Entry', 'entry'), c('Value', 'value'), c('Range', 'range'), c('Details', 'details')],
      rows: (r) => r.observations,
      filtered: true,
    },
  ],
  IMM: [
    {
      id: 'imm-tab',
      columns: [c('Date', 'date', true), c('Vaccination', 'vaccination'), c('Part', 'part'), c('Contents', 'contents'), c('Details', 'details')],
      rows: (r) => r.immunisations,
      filtered: false,
    },
  ],
  ADM: [{ id: 'adm-tab', columns: [c('Date', 'date', true), c('Entry', 'entry'), c('Details', 'details')], rows: (r) => r.administrative, filtered: true }],
};

/** Sections that never take a date range carry no date banner at all (GP Connect 0.7.4: accessrecord_development_html_implementation_guide). */
const NEVER_FILTERED: SectionCode[] = ['SUM', 'ALL', 'IMM'];

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The whole-day, inclusive comparison of a row date with a period bound of 4, 7 or 10+ characters. */
function inPeriod(date: string, period: Period): boolean {
  const start = period.start?.slice(0, 10);
  const end = period.end?.slice(0, 10);
  if (start && date.slice(0, start.length) < start) return false;
  if (end && date.slice(0, end.length) > end) return false;
  return true;
}

function dateBanner(period: Period | undefined, filtered: boolean): string {
  let text: string;
  if (!period || (!period.start && !period.end)) text = 'All relevant items';
  else if (!filtered) text = 'Date filter not applied';
  else if (period.start && period.end) text = `For the period '${providerDate(period.start)}' to '${providerDate(period.end)}'`;
  else if (period.start) text = `Data items from ${providerDate(period.start)}`;
  else text = `Data items until ${providerDate(period.end!)}`;
  return `<div class="date-banner"><p>${escapeText(text)}</p></div>`;
}

function cell(row: Row, col: Column): string {
  const value = row[col.key] ?? '';
  if (col.date) return `<td class="date-column">${escapeText(value ? providerDate(value) : '')}</td>`;
  if (col.key === 'additionalInformation' && row.controlled === 'true') {
    return `<td><b>CONTROLLED DRUG</b>${value ? ' ' + escapeText(value) : ''}</td>`;
  }
  return `<td>${escapeText(value)}</td>`;
}

function table(spec: TableSpec, rows: Row[]): string {
  const head = `<thead><tr>${spec.columns.map((col) => `<th>${escapeText(col.header)}</th>`).join('')}</tr></thead>`;
  let body = '';
  if (spec.groupByItem) {
    const items = [...new Set(rows.map((r) => r.item))];
    for (const item of items) {
      body += `<tr><td colspan="${spec.columns.length}" class="med-item-column"><b>${escapeText(item)}</b></td></tr>`;
      body += rows
        .filter((r) => r.item === item)
        .map((r) => `<tr>${spec.columns.map((col) => cell(r, col)).join('')}</tr>`)
        .join('');
    }
  } else {
    body = rows.map((r) => `<tr>${spec.columns.map((col) => cell(r, col)).join('')}</tr>`).join('');
  }
  return `<table id="${spec.id}">${head}<tbody>${body}</tbody></table>`;
}

export interface HtmlOptions {
  period?: Period;
  /** GP2GP transfer not yet integrated: the date before which information may be missing. */
  transferIncompleteSince?: string;
}

/** The XHTML of one Access Record section for a patient's record. */
export function buildSectionHtml(section: SectionCode, record: WorldRecord, options: HtmlOptions = {}): string {
  const title = SECTIONS[section].title;
  const specs = TABLES[section];
  const showDateBanner = !NEVER_FILTERED.includes(section);
  const excluded = record.excludedSections?.includes(section) ?? false;
  const parts: string[] = [`<h1>${escapeText(title)}</h1>`];
  if (options.transferIncompleteSince) {
    parts.push(
      `<div class="gptransfer-banner"><p>Patient record transfer from previous GP practice not yet complete; information recorded before ${providerDate(options.transferIncompleteSince)} may be missing.</p></div>`,
    );
  }
  if (record.contentBanner) parts.push(`<div class="content-banner"><p>${escapeText(record.contentBanner)}</p></div>`);

  for (const spec of specs) {
    let rows = [...(spec.rows(record) ?? [])];
    if (spec.filtered && options.period) rows = rows.filter((r) => inPeriod(r.date, options.period!));
    const key = spec.sortKey ?? 'date';
    rows.sort((a, b) => (b[key] ?? '').localeCompare(a[key] ?? ''));
    if (spec.limit) rows = rows.slice(0, spec.limit);
    const subject = spec.heading ?? title;
    const content = rows.length > 0 ? table(spec, rows) : `<p>No '${escapeText(subject)}' data is recorded for this patient.</p>`;
    const banners =
      (showDateBanner ? dateBanner(options.period, spec.filtered) : '') +
      (excluded ? '<div class="exclusion-banner"><p>Items excluded due to confidentiality and/or patient preferences.</p></div>' : '');
    parts.push(spec.heading ? `<div><h2>${escapeText(spec.heading)}</h2>${banners}${content}</div>` : `${banners}${content}`);
  }
  // A compromised GP system: the XSS corpus, unescaped, after the real content (R22).
  if (record.hostileMarkup)
    parts.push(`<div class="hostile"><p>The following markup is hostile.</p>${XSS_VECTORS.map((v) => `<div>${v}</div>`).join('')}</div>`);
  return `<div>${parts.join('')}</div>`;
}
