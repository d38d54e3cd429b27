import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { checkOdsCode } from '../../../../shared/identifiers';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextField } from '../../../components/TextField';

/** Find an organisation by ODS code (R15); the code is checked before anything is called. */
export function OrganisationSearchPage() {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [value, setValue] = useState(() => searchParams.get('odsCode') ?? '');
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const check = checkOdsCode(value);
    if (!check.valid) {
      setError(check.reason);
      return;
    }
    setError(null);
    navigate(`/organisations/${check.value}`);
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {error && <ErrorSummary id="organisation-search-error" errors={[{ href: '#ods-code', message: error }]} />}
        <h1>Find an organisation</h1>
        <p>The search asks the GP system registered for the ODS code which organisations it holds with that code.</p>
        <form onSubmit={onSubmit} noValidate>
          <TextField
            id="ods-code"
            name="odsCode"
            label="ODS code"
            labelSize="m"
            hint="Letters and digits, for example A20047."
            error={error ?? undefined}
            width={10}
            autoCapitalize="characters"
            spellCheck={false}
            value={value}
            onChange={setValue}
          />
          <button className="nhsuk-button" type="submit">
            Search
          </button>
        </form>
      </div>
    </div>
  );
}
