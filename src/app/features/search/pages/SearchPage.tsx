import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { checkNhsNumber } from '../../../../shared/nhsNumber';
import { ErrorSummary } from '../../../components/ErrorSummary';

/** Find a patient by NHS number; spaces allowed, checked (R1) before anything is called. */
export function SearchPage() {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const check = checkNhsNumber(value);
    if (!check.valid) {
      setError(check.reason);
      return;
    }
    setError(null);
    navigate(`/patients/${check.value}`);
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {error && <ErrorSummary id="search-error" errors={[{ href: '#nhs-number', message: error }]} />}
        <h1>Find a patient's GP record</h1>
        <form onSubmit={onSubmit} noValidate>
          <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label nhsuk-label--m" htmlFor="nhs-number">
              NHS number
            </label>
            <div className="nhsuk-hint" id="nhs-number-hint">
              10 digits, for example 965 821 8873. Spaces are allowed.
            </div>
            {error && (
              <span className="nhsuk-error-message" id="nhs-number-error">
                <span className="nhsuk-u-visually-hidden">Error:</span> {error}
              </span>
            )}
            <input
              className={`nhsuk-input nhsuk-input--width-10${error ? ' nhsuk-input--error' : ''}`}
              id="nhs-number"
              name="nhsNumber"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              aria-describedby={error ? 'nhs-number-hint nhs-number-error' : 'nhs-number-hint'}
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
