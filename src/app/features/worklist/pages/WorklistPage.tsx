import { useState, type ChangeEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { PatientSchema, WorklistLoadedSchema, type Patient } from '../../../../shared/api';
import { formatClinicalDate } from '../../../../shared/dates';
import { formatNhsNumber } from '../../../../shared/nhsNumber';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { ProblemView } from '../../../components/ProblemView';
import { apiGet, apiPost, problemOf } from '../../../lib/api';
import { checkRows, COLUMN_LABELS, COLUMNS, readCsv, recogniseColumns, type Column, type ParsedFile, type WorklistRow } from '../worklist';
import { setWorklist, useWorklist } from '../worklistStore';
import { WarningCallout } from '../../../components/WarningCallout';

interface Preview {
  fileName: string;
  file: ParsedFile;
  mapping: Partial<Record<Column, string>>;
}

const normal = (v: string) => v.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Where the file's details and PDS's differ: shown, and PDS's are the ones used (R36). What the
 * file gives and PDS does not is a difference too: only what both hold and agree on matches.
 */
export function differences(row: WorklistRow, patient: Patient): string[] {
  if (patient.restricted) return [];
  const out: string[] = [];
  const family = patient.name?.family;
  if (row.family && (!family || normal(row.family) !== normal(family))) out.push(`family name: file "${row.family}", PDS "${family ?? 'none'}"`);
  const given = patient.name?.given ?? [];
  // The file may hold the first given name only, or all of them.
  if (row.given && !(given.length > 0 && [given[0], given.join(' ')].some((g) => normal(g) === normal(row.given!))))
    out.push(`given name: file "${row.given}", PDS "${given.join(' ') || 'none'}"`);
  if (row.birthDate && row.birthDate !== patient.birthDate)
    out.push(`date of birth: file ${formatClinicalDate(row.birthDate)}, PDS ${patient.birthDate ? formatClinicalDate(patient.birthDate) : 'none'}`);
  if (patient.nhsNumber !== row.nhsNumber) out.push(`NHS number: PDS answered with the newer number ${formatNhsNumber(patient.nhsNumber)}`);
  return out;
}

/** One worklist row: traced on PDS afresh when opened, with the file's details compared to PDS's. */
function Row({ row }: { row: WorklistRow }) {
  const trace = useMutation({ mutationFn: () => apiGet(`/api/patients/${row.nhsNumber}?retrace=true`, PatientSchema) });
  const found = trace.data;
  const diffs = found ? differences(row, found) : [];
  return (
    <tr data-testid={`worklist-row-${row.line}`}>
      <th scope="row">{formatNhsNumber(row.nhsNumber)}</th>
      <td>{[row.family?.toUpperCase(), row.given].filter(Boolean).join(', ') || '—'}</td>
      <td>{row.birthDate ? formatClinicalDate(row.birthDate) : '—'}</td>
      <td>{row.reference ?? '—'}</td>
      <td>
        {!found && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
            onClick={() => trace.mutate()}
            disabled={trace.isPending}
          >
            {trace.isPending ? 'Tracing on PDS…' : 'Trace on PDS'}
          </button>
        )}
        {trace.isError && <ProblemView problem={problemOf(trace.error)} />}
        {found && (
          <div data-testid="worklist-traced">
            {found.restricted ? (
              <p>PDS holds a restricted record for this number: its details are not shown or compared.</p>
            ) : diffs.length > 0 ? (
              <WarningCallout title="The file and PDS differ" level={3} testId="worklist-differences">
                <ul>
                  {diffs.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
                <p>PDS's details are the ones used. Check you have the right patient.</p>
              </WarningCallout>
            ) : (
              <p data-testid="worklist-same">PDS matches the file.</p>
            )}
            <Link to={`/patients/${found.nhsNumber}`}>Open the patient</Link>
          </div>
        )}
      </td>
    </tr>
  );
}

/**
 * Worklists from a batch trace (R36): load a CSV, confirm its columns in a preview, see every
 * row that was refused and why, then work down the list. Loading is audited; the rows stay here.
 */
export function WorklistPage() {
  const worklist = useWorklist();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const load = useMutation({
    mutationFn: async (p: Preview) => {
      const { rows, errors } = checkRows(p.file, p.mapping);
      const recorded = await apiPost(
        '/api/worklists',
        { fileName: p.fileName, rows: p.file.records.length, rejectedRows: errors.length },
        WorklistLoadedSchema,
      );
      return { fileName: p.fileName, loadedAt: recorded.loadedAt, rows, errors };
    },
    onSuccess: (loaded) => {
      setWorklist(loaded);
      setPreview(null);
    },
  });

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    setPreview(null);
    load.reset();
    if (!chosen) return;
    if (!/\.(csv|txt)$/i.test(chosen.name)) {
      setFileError(`"${chosen.name}" is not a CSV file: choose a .csv file`);
      return;
    }
    const read = readCsv(await chosen.text(), chosen.size);
    if (!read.ok) {
      setFileError(read.reason);
      return;
    }
    setFileError(null);
    setPreview({ fileName: chosen.name, file: read.file, mapping: recogniseColumns(read.file.headers) });
  }

  const noNhsColumn = preview && !preview.mapping.nhsNumber;
  const errors = [
    ...(fileError ? [{ href: '#worklist-file', message: fileError }] : []),
    ...(noNhsColumn ? [{ href: '#worklist-column-nhsNumber', message: 'Choose the column that holds the NHS number' }] : []),
  ];
  return (
    <div className="worklist">
      <ErrorSummary id="worklist-error" errors={errors} />
      <h1>Worklist from a batch trace</h1>
      <p>
        Load a DBS batch-trace response or any CSV file with an NHS number column. The list stays in this page only: it is gone when you reload or sign out.
        Each patient is traced on PDS again when you open them, and PDS's details are the ones used.
      </p>
      <div className={`nhsuk-form-group${fileError ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor="worklist-file">
          CSV file
        </label>
        <div className="nhsuk-hint" id="worklist-file-hint">
          A header row, then one patient per row; at most 2,000 rows and 1 MB
        </div>
        {fileError && (
          <span className="nhsuk-error-message" id="worklist-file-error">
            <span className="nhsuk-u-visually-hidden">Error:</span> {fileError}
          </span>
        )}
        <input
          className="nhsuk-file-upload"
          id="worklist-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby={fileError ? 'worklist-file-hint worklist-file-error' : 'worklist-file-hint'}
          onChange={(e) => void onFile(e)}
        />
      </div>

      {preview && (
        <section data-testid="worklist-preview">
          <h2>Check the columns of {preview.fileName}</h2>
          <p>{preview.file.records.length} rows. The columns below were recognised from the header; change any that are wrong.</p>
          {COLUMNS.map((column) => {
            const missing = column === 'nhsNumber' && noNhsColumn;
            return (
              <div className={`nhsuk-form-group${missing ? ' nhsuk-form-group--error' : ''}`} key={column}>
                <label className="nhsuk-label" htmlFor={`worklist-column-${column}`}>
                  {COLUMN_LABELS[column]}
                </label>
                {missing && (
                  <span className="nhsuk-error-message" id="worklist-column-nhsNumber-error">
                    <span className="nhsuk-u-visually-hidden">Error:</span> Choose the column that holds the NHS number
                  </span>
                )}
                <select
                  className={`nhsuk-select${missing ? ' nhsuk-select--error' : ''}`}
                  id={`worklist-column-${column}`}
                  aria-describedby={missing ? 'worklist-column-nhsNumber-error' : undefined}
                  value={preview.mapping[column] ?? ''}
                  onChange={(e) => setPreview({ ...preview, mapping: { ...preview.mapping, [column]: e.target.value || undefined } })}
                >
                  <option value="">{column === 'nhsNumber' ? 'Choose a column' : 'Not in the file'}</option>
                  {preview.file.headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
          <button type="button" className="nhsuk-button" disabled={Boolean(noNhsColumn) || load.isPending} onClick={() => load.mutate(preview)}>
            {load.isPending ? 'Loading…' : 'Load the worklist'}
          </button>
        </section>
      )}
      {load.isError && <ProblemView problem={problemOf(load.error)} />}

      {worklist && (
        // Keyed by the load: a new file never inherits the rows (and their traces) of the last one.
        <section data-testid="worklist" key={`${worklist.loadedAt} ${worklist.fileName}`}>
          <h2>
            {worklist.fileName}: {worklist.rows.length} {worklist.rows.length === 1 ? 'patient' : 'patients'}
          </h2>
          {worklist.errors.length > 0 && (
            <WarningCallout
              title={
                <>
                  {worklist.errors.length} {worklist.errors.length === 1 ? 'row was' : 'rows were'} not loaded
                </>
              }
              level={3}
              testId="worklist-refused"
            >
              <ul>
                {worklist.errors.map((e) => (
                  <li key={e.line}>
                    Line {e.line}: {e.reason}
                  </li>
                ))}
              </ul>
            </WarningCallout>
          )}
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">The worklist, in the file's order</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">NHS number</th>
                <th scope="col">Name in the file</th>
                <th scope="col">Date of birth in the file</th>
                <th scope="col">Reference</th>
                <th scope="col">On PDS</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {worklist.rows.map((row) => (
                <Row key={row.line} row={row} />
              ))}
            </tbody>
          </table>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setWorklist(null)}>
            Clear the worklist
          </button>
        </section>
      )}
    </div>
  );
}
