import type { ReactNode } from 'react';

/**
 * The NHS.UK warning callout: its label a heading (h2 on a page, h3 inside a section of one),
 * read by a screen reader as "Important: …".
 */
export function WarningCallout({
  title,
  level = 2,
  className,
  testId,
  children,
}: {
  title: ReactNode;
  level?: 2 | 3;
  className?: string;
  testId?: string;
  children?: ReactNode;
}) {
  const Heading = level === 3 ? 'h3' : 'h2';
  return (
    <div className={className ? `nhsuk-warning-callout ${className}` : 'nhsuk-warning-callout'} data-testid={testId}>
      <Heading className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {title}
        </span>
      </Heading>
      {children}
    </div>
  );
}
