import { Link } from 'react-router';
import type { AreaStatus } from '../../../../../shared/structuredRecord';
import { WarningCallout } from '../../../../components/WarningCallout';

/** The List warning codes' meaning in words (GP Connect 1.6.2: accessrecord_structured_development_list: List.extension warningCode). */
const WARNING_TITLES: Record<string, string> = {
  'confidential-items': 'Some items are not shown: they are confidential or the patient asked for them not to be shared',
  'data-in-transit': 'The record transfer from the previous practice is not complete: older items may be missing',
  'data-awaiting-filing': 'Some items have been received by the practice but not yet filed: they may be missing',
};

/**
 * What the practice said of an area beside its items (R28): every List warning with its note, an
 * empty List's reason, an area disabled or not supported, and items this viewer could not place.
 * None of these is a negative finding, and each offers the practice's own HTML section.
 */
export function AreaStatusPanel({
  status,
  unmapped,
  htmlSection,
}: {
  status: AreaStatus;
  unmapped: number;
  /** The HTML section holding the same information, when the practice offers HTML and the user may open it. */
  htmlSection?: { href: string; title: string };
}) {
  const htmlLink = htmlSection ? (
    <>
      {' '}
      Open <Link to={htmlSection.href}>{htmlSection.title} as the practice wrote it (HTML)</Link>.
    </>
  ) : null;
  return (
    <div data-testid="area-status">
      {status.state === 'disabled' || status.state === 'not-supported' || status.state === 'missing' ? (
        <WarningCallout
          title={
            status.state === 'disabled'
              ? 'The practice has switched this area off'
              : status.state === 'not-supported'
                ? "The practice's GP system does not supply this area"
                : 'The practice did not send this area'
          }
          level={3}
          testId={`area-${status.state}`}
        >
          <p>
            This does not mean there is nothing recorded.
            {status.providerWarning && <> The GP system said: “{status.providerWarning}”.</>}
            {htmlLink}
          </p>
        </WarningCallout>
      ) : null}
      {status.warnings.length > 0 && (
        <WarningCallout title="This area may be incomplete" level={3} testId="list-warnings">
          <ul>
            {status.warnings.map((w) => (
              <li key={w.code} data-testid={`list-warning-${w.code}`}>
                {WARNING_TITLES[w.code] ?? `The GP system sent a warning: ${w.code}`}
              </li>
            ))}
          </ul>
          {status.notes.map((n) => (
            <p key={n} className="nhsuk-body-s">
              The GP system's note: {n}
            </p>
          ))}
        </WarningCallout>
      )}
      {status.warnings.length === 0 && status.notes.length > 0 && (
        <div className="nhsuk-inset-text" data-testid="list-notes">
          {status.notes.map((n) => (
            <p key={n}>The GP system's note: {n}</p>
          ))}
        </div>
      )}
      {status.emptyReason && (
        <div className="nhsuk-inset-text" data-testid="empty-reason">
          <p>
            The practice sent no items here: “{status.emptyReason}”. This is not a negative finding.
            {htmlLink}
          </p>
        </div>
      )}
      {status.state === 'answered' && status.providerWarning && (
        <WarningCallout title="The GP system sent a warning about this area" level={3} testId="provider-warning">
          <p>“{status.providerWarning}”</p>
        </WarningCallout>
      )}
      {unmapped > 0 && (
        <WarningCallout
          title={
            <>
              {unmapped} item{unmapped === 1 ? '' : 's'} could not be shown here
            </>
          }
          level={3}
          testId="unmapped"
        >
          <p>
            The practice sent {unmapped === 1 ? 'an item' : 'items'} this viewer could not read as structured data.{' '}
            {htmlSection ? htmlLink : 'Contact the practice for the full record.'}
          </p>
        </WarningCallout>
      )}
    </div>
  );
}
