import type { InputHTMLAttributes, ReactNode } from 'react';

/** Where an error message and hint are, for aria-describedby. */
export function describedBy(id: string, hint: ReactNode | undefined, error: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** The NHS.UK error message under a label: read out as "Error: …". */
export function ErrorMessage({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <span className="nhsuk-error-message" id={`${id}-error`}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {error}
    </span>
  );
}

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id' | 'className'> {
  id: string;
  label: ReactNode;
  /** "m" for a page's one question (the label is then its heading's size). */
  labelSize?: 's' | 'm';
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  /** NHS.UK fixed widths: characters the answer takes. */
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  /** Extra class on the form group (a layout of several fields in a row). */
  groupClassName?: string;
}

/** One text question in the NHS.UK pattern: label, hint, error message, input. */
export function TextField({
  id,
  label,
  labelSize,
  hint,
  error,
  value,
  onChange,
  width,
  groupClassName,
  type = 'text',
  autoComplete = 'off',
  ...input
}: TextFieldProps) {
  return (
    <div className={['nhsuk-form-group', groupClassName, error ? 'nhsuk-form-group--error' : ''].filter(Boolean).join(' ')}>
      <label className={`nhsuk-label${labelSize ? ` nhsuk-label--${labelSize}` : ''}`} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <ErrorMessage id={id} error={error} />
      <input
        {...input}
        className={`nhsuk-input${width ? ` nhsuk-input--width-${width}` : ''}${error ? ' nhsuk-input--error' : ''}`}
        id={id}
        type={type}
        autoComplete={autoComplete}
        aria-describedby={describedBy(id, hint, error)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
