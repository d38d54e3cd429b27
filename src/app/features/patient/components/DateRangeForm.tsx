import { useState, type FormEvent } from 'react';
import { checkDateRange } from '../../../../shared/dates';
import { checkDateParts, DateInput, datePartsOf, NO_DATE, type DateParts } from '../../../components/DateInput';
import type { DateRange } from '../api/patientQueries';

/** From/to dates for sections that accept a range (R19), as NHS.UK date inputs; checked before anything is requested. */
export function DateRangeForm({ range, onApply }: { range: DateRange; onApply: (range: DateRange) => void }) {
  const [from, setFrom] = useState<DateParts>(() => datePartsOf(range.from));
  const [to, setTo] = useState<DateParts>(() => datePartsOf(range.to));
  const [error, setError] = useState<{ field: 'from' | 'to'; reason: string } | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const fromDate = checkDateParts(from, 'the "from" date', { example: '1 5 2015' });
    if (!fromDate.valid) return setError({ field: 'from', reason: fromDate.reason });
    const toDate = checkDateParts(to, 'the "to" date', { example: '1 7 2016' });
    if (!toDate.valid) return setError({ field: 'to', reason: toDate.reason });
    const check = checkDateRange(fromDate.value, toDate.value);
    if (!check.valid) return setError({ field: check.field, reason: check.reason });
    setError(null);
    onApply({ from: check.from, to: check.to });
  }

  return (
    <form className="date-range" onSubmit={onSubmit} noValidate aria-label="Date range">
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Date range (optional)</legend>
        <div className="date-range__fields">
          <DateInput
            id="date-from"
            legend="From"
            groupClassName="date-range__field"
            error={error?.field === 'from' ? error.reason : undefined}
            value={from}
            onChange={setFrom}
          />
          <DateInput
            id="date-to"
            legend="To"
            groupClassName="date-range__field"
            error={error?.field === 'to' ? error.reason : undefined}
            value={to}
            onChange={setTo}
          />
          <div className="date-range__actions">
            <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
              Apply dates
            </button>
            {(range.from || range.to) && (
              <button
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                type="button"
                onClick={() => {
                  setFrom(NO_DATE);
                  setTo(NO_DATE);
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
