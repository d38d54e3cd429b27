/**
 * The NHS.UK error summary above a form: "There is a problem" and one link per error to its
 * field. Announced as an alert; `headingLevel` fits it into the page's heading order.
 */
export function ErrorSummary({ id, errors, headingLevel = 2 }: { id: string; errors: { href: string; message: string }[]; headingLevel?: 2 | 4 }) {
  if (errors.length === 0) return null;
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="nhsuk-error-summary" aria-labelledby={`${id}-title`} role="alert" tabIndex={-1}>
      <Heading className="nhsuk-error-summary__title" id={`${id}-title`}>
        There is a problem
      </Heading>
      <div className="nhsuk-error-summary__body">
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {errors.map((e) => (
            <li key={e.href}>
              <a href={e.href}>{e.message}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
