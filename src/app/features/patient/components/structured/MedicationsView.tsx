import { useMemo } from 'react';
import type { Medication } from '../../../../../shared/structuredRecord';
import { todayInUk } from '../../../../../shared/dates';
import { ClinicalTable, type ClinicalColumn, type RowFilter } from './ClinicalTable';
import { ClinicalDate, Notes, Term, termText } from './cells';

const TYPES: Record<string, string> = {
  acute: 'Acute',
  repeat: 'Repeat',
  'repeat-dispensing': 'Repeat dispensing',
  'delayed-prescribing': 'Delayed prescribing',
};
const typeOf = (m: Medication) => (m.type ? (TYPES[m.type] ?? m.type) : 'Not recorded');
const issuesText = (m: Medication) =>
  m.issuesMade !== undefined
    ? `${m.issuesMade}${m.issuesAllowed !== undefined ? ` of ${m.issuesAllowed}` : ''}`
    : m.issues.length
      ? String(m.issues.length)
      : '';

function Dosage({ m }: { m: Medication }) {
  return (
    <>
      {m.dosage}
      {m.quantity && <p className="nhsuk-body-s nhsuk-u-secondary-text-color">Quantity: {m.quantity}</p>}
      {m.dosageChanged && (
        <>
          {' '}
          <strong className="nhsuk-tag nhsuk-tag--orange" data-testid="dosage-changed">
            Dosage changed
          </strong>
        </>
      )}
    </>
  );
}

/** The issue history: each issue's date, quantity and days' supply, opened on demand (and open in print). */
function Issues({ m }: { m: Medication }) {
  if (m.issues.length === 0) return <>{issuesText(m) || 'Not recorded'}</>;
  return (
    <details className="nhsuk-details medication-issues">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          {issuesText(m)} issued<span className="nhsuk-u-visually-hidden"> of {m.name.text}</span>
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <ul className="nhsuk-list nhsuk-body-s" data-testid="medication-issues">
          {m.issues.map((i) => (
            <li key={i.id}>
              <ClinicalDate value={i.date} />
              {i.quantity ? `, ${i.quantity}` : ''}
              {i.days !== undefined ? `, ${i.days} days` : ''}
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}

/** The prescriber, and where it was prescribed (the prescribing agency: this practice, or elsewhere). */
const PRESCRIBER: ClinicalColumn<Medication> = {
  id: 'prescriber',
  header: 'Prescribed by',
  cell: (m) => (
    <>
      {m.prescriber ?? 'Not recorded'}
      {m.prescribingAgency && <p className="nhsuk-body-s nhsuk-u-secondary-text-color">{m.prescribingAgency}</p>}
    </>
  ),
  text: (m) => `${m.prescriber ?? ''} ${m.prescribingAgency ?? ''}`,
};

// Ten or more facts per medication in as few columns as read well at 1024×768 (R25): the type under the name, the quantity under the dosage.
const BASE: ClinicalColumn<Medication>[] = [
  {
    id: 'name',
    header: 'Medication',
    cell: (m) => (
      <>
        <Term coded={m.name} />
        <p className="nhsuk-body-s nhsuk-u-secondary-text-color">{typeOf(m)}</p>
        {!(m.status in STATUS) && (
          <strong className="nhsuk-tag nhsuk-tag--orange" data-testid="status-not-clear">
            Status not clear: {m.status}
          </strong>
        )}
      </>
    ),
    sortValue: (m) => m.name.text,
    text: (m) => `${termText(m.name)} ${typeOf(m)}`,
  },
  {
    id: 'dosage',
    header: 'Dosage',
    cell: (m) => <Dosage m={m} />,
    text: (m) => `${m.dosage}${m.dosageChanged ? ' dosage changed' : ''} ${m.quantity ?? ''}`,
  },
  { id: 'started', header: 'Started', cell: (m) => <ClinicalDate value={m.started} />, sortValue: (m) => m.started },
  { id: 'lastIssued', header: 'Last issued', cell: (m) => <ClinicalDate value={m.lastIssued} />, sortValue: (m) => m.lastIssued },
  { id: 'issues', header: 'Issues (made of allowed)', cell: (m) => <Issues m={m} /> },
];
const CURRENT: ClinicalColumn<Medication>[] = [
  ...BASE,
  // RepeatInformation.authorisationExpiryDate: repeats must be re-authorised by then.
  { id: 'review', header: 'Authorised until', cell: (m) => <ClinicalDate value={m.reviewDate} />, sortValue: (m) => m.reviewDate },
  PRESCRIBER,
  { id: 'notes', header: 'Notes', cell: (m) => <Notes notes={m.notes} />, text: (m) => m.notes.join(' ') },
];
const PAST: ClinicalColumn<Medication>[] = [
  ...BASE,
  {
    id: 'ended',
    header: 'Ended, and why',
    cell: (m) => (
      <>
        <ClinicalDate value={m.stoppedOn ?? m.ended} />
        <p className="nhsuk-body-s">{STATUS[m.status] ?? m.status}</p>
        {m.status === 'stopped' && <p className="nhsuk-body-s">Reason: {m.stopReason ?? 'Not recorded'}</p>}
      </>
    ),
    sortValue: (m) => m.stoppedOn ?? m.ended,
    text: (m) => `${STATUS[m.status] ?? m.status} ${m.stopReason ?? ''}`,
  },
  PRESCRIBER,
  { id: 'notes', header: 'Notes', cell: (m) => <Notes notes={m.notes} />, text: (m) => m.notes.join(' ') },
];
const dateOf = (m: Medication) => m.lastIssued ?? m.started;
/**
 * Where a plan goes, by its status (MedicationRequest.status), never by default to "past":
 * - active: current;
 * - completed: current while its course has not ended, since a supplier marks an acute completed
 *   once issued and "ran its course" is not "not current" (NHS consumer hazard log #84); else past;
 * - stopped: past; entered-in-error: a group of its own, not history;
 * - any other status: current, tagged "status not clear".
 */
type Group = 'current' | 'past' | 'error';
function groupOf(m: Medication, today: string): Group {
  if (m.status === 'entered-in-error') return 'error';
  if (m.status === 'stopped') return 'past';
  if (m.status === 'completed') return m.ended !== undefined && m.ended >= today ? 'current' : 'past';
  return 'current';
}
const STATUS: Record<string, string> = { stopped: 'Stopped', completed: 'Course completed', active: 'Active', 'entered-in-error': 'Entered in error' };

/** Medications as plan and issues (R29): current, then past with their stop reason. */
export function MedicationsView({ items, filter, currentOnly }: { items: Medication[]; filter: RowFilter; currentOnly?: boolean }) {
  const { current, past, error } = useMemo(() => {
    const today = todayInUk();
    const of = (group: Group) => items.filter((m) => groupOf(m, today) === group);
    return { current: of('current'), past: of('past'), error: of('error') };
  }, [items]);
  return (
    <>
      <ClinicalTable
        caption="Current medications"
        rows={current}
        columns={CURRENT}
        filter={filter}
        dateOf={dateOf}
        initialSort={[{ id: 'lastIssued', desc: true }]}
        testId="medications-current"
        rowTestId="medication"
      />
      {!currentOnly && (
        <ClinicalTable
          caption="Past medications"
          rows={past}
          columns={PAST}
          filter={filter}
          dateOf={dateOf}
          initialSort={[{ id: 'ended', desc: true }]}
          testId="medications-past"
          rowTestId="medication"
        />
      )}
      {!currentOnly && error.length > 0 && (
        <ClinicalTable
          caption="Entered in error (not to be acted on)"
          rows={error}
          columns={PAST}
          filter={filter}
          dateOf={dateOf}
          testId="medications-entered-in-error"
          rowTestId="medication"
        />
      )}
    </>
  );
}
