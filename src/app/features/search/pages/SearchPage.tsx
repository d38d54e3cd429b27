import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { checkNhsNumber } from '../../../../shared/nhsNumber';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextField } from '../../../components/TextField';
import { useSession } from '../../../lib/session';
import { preloadPatientPages } from '../../../patientPages';

/**
 * The home page. For a role that finds patients: find one by NHS number, spaces allowed, checked
 * (R1) before anything is called. A privacy officer goes to the audit; anyone else is told what
 * their role allows here.
 */
export function SearchPage() {
  const session = useSession();
  const permissions = session.data?.permissions ?? [];
  if (session.data && !permissions.includes('patient:search')) {
    if (permissions.includes('audit:read')) return <Navigate to="/audit" replace />;
    return (
      <div data-testid="nothing-allowed">
        <h1>There is nothing here for your role</h1>
        <p>
          You are signed in as {session.data.user.name}
          {session.data.user.nationalRole ? ` with ${session.data.user.nationalRole}` : ''}.{' '}
          {session.data.restriction ?? 'That role does not allow finding patients or opening GP records in this viewer.'}
        </p>
        {permissions.includes('directory:read') && <p>You can look up organisations and practitioners from the menu.</p>}
        <p>If you need access, ask your organisation's registration authority to give you a clinical role, then sign in again.</p>
      </div>
    );
  }
  return <FindPatient />;
}

function FindPatient() {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  function onChange(next: string) {
    // From the first keystroke, not on load: the search page's own load stays as light as it was
    // (a module already loading or loaded is not fetched again).
    preloadPatientPages();
    setValue(next);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const check = checkNhsNumber(value);
    if (!check.valid) {
      setError(check.reason);
      return;
    }
    setError(null);
    // The patient's page chooses the first view once SDS says which records the practice offers (R31).
    navigate(`/patients/${check.value}`);
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {error && <ErrorSummary id="search-error" errors={[{ href: '#nhs-number', message: error }]} />}
        <h1>Find a patient's GP record</h1>
        <form onSubmit={onSubmit} noValidate>
          <TextField
            id="nhs-number"
            name="nhsNumber"
            label="NHS number"
            labelSize="m"
            hint="10 digits, for example 965 821 8873. Spaces are allowed."
            error={error ?? undefined}
            width={10}
            inputMode="numeric"
            spellCheck={false}
            value={value}
            onChange={onChange}
          />
          <button className="nhsuk-button" type="submit">
            Search
          </button>
        </form>
        <p>
          No NHS number? <Link to="/find-by-details">Find the patient by their details</Link> on PDS, or <Link to="/worklist">load a worklist</Link> from a
          batch-traced file.
        </p>
      </div>
    </div>
  );
}
