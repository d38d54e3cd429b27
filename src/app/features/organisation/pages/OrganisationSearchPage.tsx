import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { checkOdsCode } from '../../../../shared/identifiers';
import { ErrorSummary } from '../../../components/ErrorSummary';

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
          <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label nhsuk-label--m" htmlFor="ods-code">
              ODS code
            </label>
            <div className="nhsuk-hint" id="ods-code-hint">
              Letters and digits, for example A20047.
            </div>
            {error && (
              <span className="nhsuk-error-message" id="ods-code-error">
                <span className="nhsuk-u-visually-hidden">Error:</span> {error}
              </span>
            )}
            <input
              className={`nhsuk-input nhsuk-input--width-10${error ? ' nhsuk-input--error' : ''}`}
              id="ods-code"
              name="odsCode"
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              aria-describedby={error ? 'ods-code-hint ods-code-error' : 'ods-code-hint'}
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          </div>
          <button className="nhsuk-button" type="submit">
            Search
          </button>
        </form>
      </div>
    </div>
  );
}
