import type { IdentityCheck } from '../../../../shared/api';
import { DifferencesTable } from './DifferencesTable';
import { WarningCallout } from '../../../components/WarningCallout';

/**
 * R7: the record is held back until the user has seen what differs between PDS and the practice
 * (or why they could not be compared) and confirmed that this is the right patient.
 */
export function IdentityConfirm({ check, onConfirm }: { check: IdentityCheck; onConfirm: (fingerprint: string) => void }) {
  return (
    <WarningCallout title="Check this is the right patient before the record is shown" className="identity-confirm" testId="identity-confirm">
      {check.status === 'differs' ? (
        <>
          <p>The practice's record of this patient differs from PDS. Check each difference with the patient or their documents:</p>
          <DifferencesTable differences={check.differences} />
        </>
      ) : (
        <p>
          The patient's details could not be compared with the practice's record. Confirm the patient's identity another way (for example with the patient, or
          their documents).
        </p>
      )}
      {check.unchecked.length > 0 && (
        <ul data-testid="identity-unchecked">
          {check.unchecked.map((u) => (
            <li key={u.field}>{u.reason}.</li>
          ))}
        </ul>
      )}
      <p>The record has not been requested from the practice yet. Your confirmation is sent with the request for it.</p>
      <button type="button" className="nhsuk-button" onClick={() => onConfirm(check.fingerprint)} data-testid="identity-confirm-button">
        I have checked: this is the right patient
      </button>
    </WarningCallout>
  );
}
