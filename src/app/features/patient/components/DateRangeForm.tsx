import { useState, type FormEvent } from 'react';
import { checkDateRange } from '../../../../shared/dates';
import type { DateRange } from '../api/patientQueries';

/** From/to dates for sections that accept a range (R19); checked before anything is requested. */
export function DateRangeForm({ range, onApply }: { range: DateRange; onApply: (range: DateRange) => void }) {
  const [from, setFrom] = useState(range.from ?? '');
  const [to, setTo] = useState(range.to ?? '');
  const [error, setError] = useState<{ field: 'from' | 'to'; reason: string } | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const check = checkDateRange(from, to);
    if (!check.valid) {
      setError({ field: check.field, reason: check.reason });
      return;
    }
    setError(null);
    onApply({ from: check.from, to: check.to });
  }

  const field = (id: 'from' | 'to', label: string, value: string, set: (v: string) => void) => (
    <div className={`nhsuk-form-group date-range__field${error?.field === id ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={`date-${id}`}>
        {label}
      </label>
      {error?.field === id && (
        <span className="nhsuk-error-message" id={`date-${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error.reason}
        </span>
      )}
      <input
        className={`nhsuk-input nhsuk-input--width-10${error?.field === id ? ' nhsuk-input--error' : ''}`}
        id={`date-${id}`}
        type="date"
        value={value}
        aria-describedby={error?.field === id ? `date-${id}-error` : undefined}
        onChange={(e) => set(e.target.value)}
      />
    </div>
  );

  return (
    <form className="date-range" onSubmit={onSubmit} noValidate aria-label="Date range">
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Date range (optional)</legend>
        <div className="date-range__fields">
          {field('from', 'From', from, setFrom)}
          {field('to', 'To', to, setTo)}
          <div className="date-range__actions">
            <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
              Apply dates
            </button>
            {(range.from || range.to) && (
              <button
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                type="button"
                onClick={() => {
                  setFrom('');
                  setTo('');
                  setError(null);
                  onApply({});
                }}
              >
                Show all dates
              </button>
            )}
          </div>
        </div>
      </fieldset>
    </form>
  );
}
