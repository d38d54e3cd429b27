import type { ReactNode } from 'react';
import { isIsoDate } from '../../shared/dates';
import { describedBy, ErrorMessage } from './TextField';

/** What a person typed into a date input, as typed. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const NO_DATE: DateParts = { day: '', month: '', year: '' };

/** The parts of a YYYY-MM-DD date, for a form that starts filled in. */
export function datePartsOf(iso: string | undefined): DateParts {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? { year: m[1], month: m[2], day: m[3] } : NO_DATE;
}

export type DateCheck = { valid: true; value?: string } | { valid: false; reason: string };

/**
 * A date input's parts as YYYY-MM-DD, with the NHS.UK messages: what part is missing, or that it
 * is not a real date. `name` is the question in a sentence: "date of birth", 'the "from" date'.
 * Nothing typed is no date: `required` says whether that is an error.
 */
export function checkDateParts(parts: DateParts, name: string, options: { required?: boolean; example?: string } = {}): DateCheck {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  const sentence = name.charAt(0).toUpperCase() + name.slice(1);
  if (!day && !month && !year) return options.required ? { valid: false, reason: `Enter the ${name.replace(/^the /, '')}` } : { valid: true };
  const missing = [!day && 'a day', !month && 'a month', !year && 'a year'].filter(Boolean) as string[];
  if (missing.length > 0) return { valid: false, reason: `${sentence} must include ${missing.join(' and ')}` };
  const real = `Enter the ${name.replace(/^the /, '')} as a real date, for example ${options.example ?? '27 3 2007'}`;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { valid: false, reason: real };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(iso) ? { valid: true, value: iso } : { valid: false, reason: real };
}

/**
 * The NHS.UK date input: day, month and year as three fields under one legend, as the NHS design
 * system asks, instead of the browser's locale date picker.
 */
export function DateInput({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
  legendSize = 's',
  groupClassName,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  value: DateParts;
  onChange: (value: DateParts) => void;
  legendSize?: 's' | 'm';
  groupClassName?: string;
}) {
  // The day field takes the input's own id, so an error summary's link lands on it.
  const fieldId = (name: keyof DateParts) => (name === 'day' ? id : `${id}-${name}`);
  const part = (name: keyof DateParts, label: string, width: 2 | 4) => (
    <div className="nhsuk-date-input__item">
      <div className="nhsuk-form-group">
        <label className="nhsuk-label nhsuk-date-input__label" htmlFor={fieldId(name)}>
          {label}
        </label>
        <input
          className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${error ? ' nhsuk-input--error' : ''}`}
          id={fieldId(name)}
          name={`${id}-${name}`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={value[name]}
          onChange={(e) => onChange({ ...value, [name]: e.target.value })}
        />
      </div>
    </div>
  );
  return (
    <div className={['nhsuk-form-group', groupClassName, error ? 'nhsuk-form-group--error' : ''].filter(Boolean).join(' ')}>
      <fieldset className="nhsuk-fieldset" role="group" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${legendSize}`}>{legend}</legend>
        {hint && (
          <div className="nhsuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        )}
        <ErrorMessage id={id} error={error} />
        <div className="nhsuk-date-input">
          {part('day', 'Day', 2)}
          {part('month', 'Month', 2)}
          {part('year', 'Year', 4)}
        </div>
      </fieldset>
    </div>
  );
}
