import { useId } from 'react';
import { STEP_NAMES } from '../../shared/errors';
import type { Problem } from '../../shared/api';

/** The one way an error is shown: what happened, which step failed, what to do next, the trace id. */
export function ProblemView({ problem, headingLevel = 2 }: { problem: Problem; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  // Several problems can be on one page (an organisation and its capability statement): each its own id.
  const titleId = `problem-title-${useId()}`;
  return (
    <div className="nhsuk-error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} data-testid="problem">
      <Heading className="nhsuk-error-summary__title" id={titleId}>
        {problem.title}
      </Heading>
      <div className="nhsuk-error-summary__body">
        {problem.detail && <p>{problem.detail}</p>}
        {problem.action && (
          <p>
            <strong>What to do next: </strong>
            {problem.action}
          </p>
        )}
        <dl className="problem-facts">
          {/* A refusal by this viewer (sign-in, role) is not a step that failed. */}
          {!(problem.step === 'bff' && (problem.status === 401 || problem.status === 403)) && (
            <>
              <dt>Step that failed</dt>
              <dd data-testid="problem-step">{STEP_NAMES[problem.step]}</dd>
            </>
          )}
          {problem.upstreamStatus !== undefined && (
            <>
              <dt>Answer from that step</dt>
              <dd>
                HTTP {problem.upstreamStatus}
                {problem.upstreamCode ? ` ${problem.upstreamCode}` : ''}
              </dd>
            </>
          )}
          <dt>Trace ID (quote this to support)</dt>
          <dd>
            <code>{problem.traceId}</code>
          </dd>
        </dl>
      </div>
    </div>
  );
}
