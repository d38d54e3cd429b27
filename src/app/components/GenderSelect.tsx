import { describedBy, ErrorMessage } from './TextField';

/** The four genders PDS and GP Connect use, as the viewer shows them. */
export const GENDER_LABELS: Record<string, string> = { male: 'Male', female: 'Female', other: 'Other', unknown: 'Unknown' };

/** A gender question in the NHS.UK select pattern: label, error message, the four values, and a first option for none chosen. */
export function GenderSelect({
  id,
  label,
  noneLabel,
  error,
  value,
  onChange,
}: {
  id: string;
  label: string;
  /** What the empty first option says ("Choose", "Any"). */
  noneLabel: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <ErrorMessage id={id} error={error} />
      <select
        className="nhsuk-select"
        id={id}
        name="gender"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(id, undefined, error)}
      >
        <option value="">{noneLabel}</option>
        {['female', 'male', 'other', 'unknown'].map((g) => (
          <option key={g} value={g}>
            {GENDER_LABELS[g]}
          </option>
        ))}
      </select>
    </div>
  );
}
