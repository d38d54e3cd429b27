/**
 * Reading a batch-traced patient list (R36): a DBS batch-trace response, or any CSV with an NHS
 * number column. Columns are recognised from the header by common names; every row is checked
 * (Modulus 11, dates) and a row that fails is listed with its line and reason, never dropped
 * silently. The file's details only seed the list: each patient is traced on PDS when opened.
 */
import Papa from 'papaparse';
import { WORKLIST_MAX_ROWS } from '../../../shared/api';
import { checkNhsNumber } from '../../../shared/nhsNumber';

/** A clinic list is a few hundred rows; 1 MB holds several thousand. */
export const WORKLIST_MAX_BYTES = 1024 * 1024;

export type Column = 'nhsNumber' | 'family' | 'given' | 'birthDate' | 'postcode' | 'reference';
export const COLUMNS: Column[] = ['nhsNumber', 'family', 'given', 'birthDate', 'postcode', 'reference'];
export const COLUMN_LABELS: Record<Column, string> = {
  nhsNumber: 'NHS number',
  family: 'Family name',
  given: 'Given name',
  birthDate: 'Date of birth',
  postcode: 'Postcode',
  reference: 'Your reference',
};

/** Header names seen in batch-trace responses and clinic lists, compared without case, spaces or punctuation. */
const ALIASES: Record<Column, string[]> = {
  nhsNumber: ['nhsnumber', 'nhsno', 'nhs', 'tracednhsnumber', 'newnhsnumber', 'nhsnumbertraced', 'reqnhsno', 'patientnhsnumber'],
  family: ['familyname', 'surname', 'lastname', 'family', 'patientsurname'],
  given: ['givenname', 'forename', 'forenames', 'firstname', 'given', 'givennames'],
  birthDate: ['dateofbirth', 'dob', 'birthdate', 'birthdt', 'dobyyyymmdd'],
  postcode: ['postcode', 'postalcode', 'addresspostcode'],
  reference: ['reference', 'localid', 'localpatientid', 'uniquereference', 'mrn', 'hospitalnumber', 'id'],
};

const squash = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Which header each column is read from, guessed from the header's names; the user confirms it. */
export function recogniseColumns(headers: string[]): Partial<Record<Column, string>> {
  const mapping: Partial<Record<Column, string>> = {};
  for (const column of COLUMNS) {
    const header = headers.find((h) => ALIASES[column].includes(squash(h)) && !Object.values(mapping).includes(h));
    if (header) mapping[column] = header;
  }
  return mapping;
}

export interface ParsedFile {
  headers: string[];
  records: Record<string, string>[];
}

export type ReadResult = { ok: true; file: ParsedFile } | { ok: false; reason: string };

/** Parses the file's text with its header row (papaparse); refuses what is too big, empty or not a table. */
export function readCsv(text: string, bytes: number): ReadResult {
  if (bytes > WORKLIST_MAX_BYTES) return { ok: false, reason: `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB: a worklist file can be at most 1 MB.` };
  if (text.includes('\u0000')) return { ok: false, reason: 'The file is not a CSV text file (it has binary content).' };
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const headers = (parsed.meta.fields ?? []).filter((h) => h !== '');
  if (headers.length === 0 || parsed.data.length === 0) return { ok: false, reason: 'The file has no rows under a header row.' };
  if (parsed.data.length > WORKLIST_MAX_ROWS)
    return { ok: false, reason: `The file has ${parsed.data.length} rows: a worklist can have at most ${WORKLIST_MAX_ROWS}.` };
  return { ok: true, file: { headers, records: parsed.data } };
}

export interface WorklistRow {
  /** The line in the file (the header is line 1). */
  line: number;
  nhsNumber: string;
  family?: string;
  given?: string;
  birthDate?: string;
  postcode?: string;
  reference?: string;
}

export interface RowError {
  line: number;
  reason: string;
}

/** DD/MM/YYYY, YYYY-MM-DD or YYYYMMDD to YYYY-MM-DD, when it is a real date. */
export function fileDate(value: string): string | undefined {
  const v = value.trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v) ?? undefined;
  const iso = m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : /^\d{8}$/.test(v) ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6)}` : v;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
}

/** Every row checked: the NHS number (R1: Modulus 11) and the date of birth; each refusal named by line. */
export function checkRows(file: ParsedFile, mapping: Partial<Record<Column, string>>): { rows: WorklistRow[]; errors: RowError[] } {
  const rows: WorklistRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  file.records.forEach((record, index) => {
    const line = index + 2;
    const cell = (column: Column) => {
      const header = mapping[column];
      const value = header ? record[header]?.trim() : undefined;
      return value ? value : undefined;
    };
    const nhs = checkNhsNumber(cell('nhsNumber') ?? '');
    if (!nhs.valid) {
      errors.push({ line, reason: cell('nhsNumber') ? `the NHS number: ${nhs.reason}` : 'no NHS number' });
      return;
    }
    const rawDate = cell('birthDate');
    const birthDate = rawDate ? fileDate(rawDate) : undefined;
    if (rawDate && !birthDate) {
      errors.push({ line, reason: `the date of birth "${rawDate.slice(0, 20)}" is not a real date (use DD/MM/YYYY or YYYY-MM-DD)` });
      return;
    }
    const before = seen.get(nhs.value);
    if (before !== undefined) {
      errors.push({ line, reason: `the NHS number is already on line ${before}` });
      return;
    }
    seen.set(nhs.value, line);
    rows.push({
      line,
      nhsNumber: nhs.value,
      family: cell('family'),
      given: cell('given'),
      birthDate,
      postcode: cell('postcode'),
      reference: cell('reference'),
    });
  });
  return { rows, errors };
}
