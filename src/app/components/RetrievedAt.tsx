import { formatClinicalDate } from '../../shared/dates';

/** When an answer was fetched (R24: the record is used in real time, and says when it was retrieved). */
export function RetrievedAt({ at }: { at: string }) {
  return (
    <time dateTime={at} data-testid="retrieved-at">
      {new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' })} on {formatClinicalDate(at.slice(0, 10))}
    </time>
  );
}
