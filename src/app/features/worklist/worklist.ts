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

export type Column = 'nhsNumber' | 'family' | 'given' | 'birthDate' | 'reference';
export const COLUMNS: Column[] = ['nhsNumber', 'family', 'given', 'birthDate', 'reference'];
export const COLUMN_LABELS: Record<Column, string> = {
  nhsNumber: 'NHS number',
  family: 'Family name',
  given: 'Given name',
  birthDate: 'Date of birth',
  reference: 'Your reference',
};

/** Header names seen in batch-trace responses and clinic lists, compared without case, spaces or punctuation. */
const ALIASES: Record<Column, string[]> = {
  nhsNumber: ['nhsnumber', 'nhsno', 'nhs', 'tracednhsnumber', 'newnhsnumber', 'nhsnumbertraced', 'reqnhsno', 'patientnhsnumber'],
  family: ['familyname', 'surname', 'lastname', 'family', 'patientsurname'],
  given: ['givenname', 'forename', 'forenames', 'firstname', 'given', 'givennames'],
  birthDate: ['dateofbirth', 'dob', 'birthdate', 'birthdt', 'dobyyyymmdd'],
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

export interface RowError {
  /** The line in the file where the row starts (the header is line 1). */
  line: number;
  reason: string;
}

export interface ParsedFile {
  headers: string[];
  /** Each data row with the line it starts on; blank lines are skipped. */
  records: { line: number; values: Record<string, string> }[];
  /** Rows that could not be read as a row of the table (an unclosed quote, a wrong number of fields). */
  unreadable: RowError[];
}

export type ReadResult = { ok: true; file: ParsedFile } | { ok: false; reason: string };

const newlinesIn = (text: string, from: number, to: number) => {
  let count = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
};

/**
 * Parses the file's text (papaparse, row by row, so every row keeps the line it starts on, even
 * after a quoted value that spans lines); refuses what is too big, binary, empty or too long.
 */
export function readCsv(text: string, bytes: number): ReadResult {
  if (bytes > WORKLIST_MAX_BYTES) return { ok: false, reason: `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB: a worklist file can be at most 1 MB.` };
  if (text.includes('\u0000')) return { ok: false, reason: 'The file is not a CSV text file (it has binary content).' };
  const clean = text.replace(/^\uFEFF/, '');
  const rows: { line: number; cells: string[]; error?: string }[] = [];
  let consumed = 0;
  let line = 1;
  Papa.parse<string[]>(clean, {
    header: false,
    skipEmptyLines: false,
    step: (result) => {
      // An unclosed quote swallows the rest of the file into one field: named, never passed over.
      const error = result.errors.find((e) => e.type !== 'Delimiter');
      rows.push({
        line,
        cells: result.data,
        error: error ? `${error.message.toLowerCase()} (a " that is never closed swallows the rest of the file)` : undefined,
      });
      line += newlinesIn(clean, consumed, result.meta.cursor);
      consumed = result.meta.cursor;
    },
  });
  const blank = (cells: string[]) => cells.every((c) => c.trim() === '');
  const nonBlank = rows.filter((r) => !blank(r.cells));
  const [header, ...data] = nonBlank;
  const headers = header ? header.cells.map((h) => h.trim()) : [];
  if (headers.filter(Boolean).length === 0 || data.length === 0) return { ok: false, reason: 'The file has no rows under a header row.' };
  if (data.length > WORKLIST_MAX_ROWS) return { ok: false, reason: `The file has ${data.length} rows: a worklist can have at most ${WORKLIST_MAX_ROWS}.` };
  const records: ParsedFile['records'] = [];
  const unreadable: RowError[] = [];
  for (const row of data) {
    if (row.error) unreadable.push({ line: row.line, reason: row.error });
    else if (row.cells.length !== headers.length)
      unreadable.push({
        line: row.line,
        reason: `it has ${row.cells.length} fields where the header has ${headers.length} (a comma inside a value that is not in quotes?)`,
      });
    else records.push({ line: row.line, values: Object.fromEntries(headers.map((h, i) => [h, row.cells[i]])) });
  }
  return { ok: true, file: { headers: headers.filter(Boolean), records, unreadable } };
}

export interface WorklistRow {
  /** The line in the file (the header is line 1). */
  line: number;
  nhsNumber: string;
  family?: string;
  given?: string;
  birthDate?: string;
  reference?: string;
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
  const errors: RowError[] = [...file.unreadable];
  const seen = new Map<string, number>();
  file.records.forEach(({ line, values }) => {
    const cell = (column: Column) => {
      const header = mapping[column];
      const value = header ? values[header]?.trim() : undefined;
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
      reference: cell('reference'),
    });
  });
  return { rows, errors: errors.sort((a, b) => a.line - b.line) };
}
