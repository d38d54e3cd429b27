export type StepState = 'waiting' | 'running' | 'done' | 'failed' | 'skipped';

export interface StepItem {
  label: string;
  state: StepState;
  ms?: number;
  /** Answered from the BFF's cache, with no Spine call. */
  cached?: boolean;
}

const STATE_TEXT: Record<StepState, string> = {
  waiting: 'Waiting',
  running: 'In progress',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Not needed',
};

/** The Spine steps of the current view and where each one is, announced to screen readers. */
export function StepProgress({ steps }: { steps: StepItem[] }) {
  const running = steps.find((s) => s.state === 'running');
  return (
    <div className="step-progress" aria-live="polite" data-testid="step-progress">
      {running && <p className="nhsuk-body-s step-progress__now">{running.label}…</p>}
      <ol className="step-progress__list">
        {steps.map((step) => (
          <li key={step.label} className={`step-progress__item step-progress__item--${step.state}`} data-state={step.state}>
            <span className="step-progress__label">{step.label}</span>{' '}
            <span className="step-progress__state">
              {STATE_TEXT[step.state]}
              {step.state === 'done' && step.cached ? ' (cached)' : ''}
              {step.state === 'done' && !step.cached && step.ms !== undefined ? ` (${Math.round(step.ms)} ms)` : ''}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
