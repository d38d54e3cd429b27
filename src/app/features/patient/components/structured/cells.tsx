import type { Coded } from '../../../../../shared/structuredRecord';
import { formatClinicalDate } from '../../../../../shared/dates';

/** A date as a clinician reads it (16-Sep-2026, or Sep-2026 for a partial date), or that none was recorded. */
export function ClinicalDate({ value }: { value: string | undefined }) {
  return value ? <time dateTime={value}>{formatClinicalDate(value)}</time> : <span className="nhsuk-u-secondary-text-color">Not recorded</span>;
}

/** A coded term; a transfer-degraded code (GP2GP could not code the original) says so beside it (R28). */
export function Term({ coded }: { coded: Coded }) {
  return (
    <>
      {coded.text}
      {coded.degraded && (
        <>
          {' '}
          <strong className="nhsuk-tag nhsuk-tag--grey" data-testid="degraded">
            Degraded code
          </strong>
        </>
      )}
    </>
  );
}

/** Free-text notes, one per line. */
export function Notes({ notes }: { notes: string[] }) {
  return notes.length ? (
    <>
      {notes.map((n, i) => (
        <p key={i} className="nhsuk-body-s clinical-table__note">
          {n}
        </p>
      ))}
    </>
  ) : null;
}

export const sortDate = (value: string | undefined) => value ?? undefined;
export const termText = (coded: Coded) => `${coded.text}${coded.degraded ? ' degraded' : ''}`;
