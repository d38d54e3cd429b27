import type { ReactNode } from 'react';

export interface SummaryRow {
  key: ReactNode;
  value: ReactNode;
  /** For tests and the flow inspector's links: on the value. */
  testId?: string;
}

/** The NHS.UK summary list: one fact per row, its name and its value. */
export function SummaryList({ rows, className, testId }: { rows: SummaryRow[]; className?: string; testId?: string }) {
  return (
    <dl className={`nhsuk-summary-list${className ? ` ${className}` : ''}`} data-testid={testId}>
      {rows.map((row, i) => (
        <div className="nhsuk-summary-list__row" key={i}>
          <dt className="nhsuk-summary-list__key">{row.key}</dt>
          <dd className="nhsuk-summary-list__value" data-testid={row.testId}>
            {row.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
