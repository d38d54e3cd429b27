/**
 * The Spine integration of the current view, drawn from the calls the BFF actually made: the GP
 * Connect sequence diagram (consumer, PDS, SDS, SSP, GP system) with one arrow per request and
 * response, labelled with interaction, status and milliseconds. Cache hits are dashed and stay on
 * the consumer's lifeline; a failed call is red. The same content is a table for screen readers.
 * Clicking an arrow (or a row's "Details" button) shows that call: on the simulated Spine its
 * request line, Ssp-* headers and decoded JWT claims; on the real Spine only interaction, status,
 * timing and trace id (the BFF sends no more).
 */
import { useState } from 'react';
import type { TraceEntry } from '../../shared/api';

export interface FlowStep {
  /** What the BFF call was for, e.g. "Trace the patient". */
  label: string;
  trace: TraceEntry[];
}

const LANES = ['Consumer (BFF)', 'PDS', 'SDS', 'SSP', 'GP system'] as const;
const LANE_X = [70, 210, 330, 450, 570];
const ROW = 26;
const TOP = 44;

/** The SSP's own refusals stop at the proxy; anything else went through to the GP system. */
function stopsAtSsp(entry: TraceEntry): boolean {
  return entry.status === null || [403, 495, 496, 502, 503, 504, 599].includes(entry.status);
}

function failed(entry: TraceEntry): boolean {
  return entry.status === null || entry.status >= 400;
}

interface Arrow {
  /** Index of the call this arrow belongs to. */
  call: number;
  from: number;
  to: number;
  text: string;
  kind: 'request' | 'response' | 'cache' | 'failed';
}

function arrowsFor(entry: TraceEntry, call: number): Arrow[] {
  return arrowShapes(entry).map((a) => ({ ...a, call }));
}

function arrowShapes(entry: TraceEntry): Omit<Arrow, 'call'>[] {
  const lane = entry.service === 'pds' ? 1 : entry.service === 'sds' ? 2 : 3;
  if (entry.cache === 'hit') return [{ from: 0, to: 0, text: `${entry.interaction}: cache hit`, kind: 'cache' }];
  const outcome = `${entry.status ?? entry.error ?? 'no answer'} · ${Math.round(entry.ms)} ms`;
  const back = failed(entry) ? ('failed' as const) : ('response' as const);
  if (entry.service !== 'ssp' || stopsAtSsp(entry)) {
    return [
      { from: 0, to: lane, text: entry.interaction, kind: 'request' },
      { from: lane, to: 0, text: outcome, kind: back },
    ];
  }
  return [
    { from: 0, to: 3, text: entry.interaction, kind: 'request' },
    { from: 3, to: 4, text: 'forwarded', kind: 'request' },
    { from: 4, to: 3, text: String(entry.status), kind: back },
    { from: 3, to: 0, text: outcome, kind: back },
  ];
}

function outcomeText(entry: TraceEntry): string {
  return entry.cache === 'hit'
    ? 'Cache hit (no call)'
    : entry.status === null
      ? `Failed: ${entry.error ?? 'no answer'}`
      : entry.interaction.startsWith('SDS LDAP')
        ? `LDAP result ${entry.status}`
        : `HTTP ${entry.status}`;
}

function CallDetail({ step, entry }: { step: string; entry: TraceEntry }) {
  return (
    <div className="flow-detail" data-testid="flow-detail" aria-live="polite">
      <h3 className="nhsuk-heading-s">
        {step}: {entry.interaction}
      </h3>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Outcome</dt>
          <dd className="nhsuk-summary-list__value">
            {outcomeText(entry)}
            {entry.cache !== 'hit' && `, ${Math.round(entry.ms)} ms`}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Trace id</dt>
          <dd className="nhsuk-summary-list__value" data-testid="flow-detail-trace-id">
            {entry.traceId ?? (entry.cache === 'hit' ? 'None: answered from the cache' : 'Not recorded')}
          </dd>
        </div>
      </dl>
      {entry.request ? (
        <>
          <p className="flow-detail__line" data-testid="flow-detail-request">
            <code>
              {entry.request.method} {entry.request.url}
            </code>
          </p>
          <table className="nhsuk-table flow-detail__headers">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">Headers (the token and API key are never shown)</caption>
            <tbody>
              {Object.entries(entry.request.headers).map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>
                    <code>{value}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {entry.request.jwtClaims && (
            <>
              <h4 className="nhsuk-heading-xs">JWT claims (decoded)</h4>
              <pre className="flow-detail__claims" data-testid="flow-detail-claims">
                {JSON.stringify(entry.request.jwtClaims, null, 2)}
              </pre>
            </>
          )}
        </>
      ) : (
        entry.cache !== 'hit' && <p className="nhsuk-body-s">Request details are shown on the simulated Spine only.</p>
      )}
    </div>
  );
}

export function FlowDiagram({ steps }: { steps: FlowStep[] }) {
  const [selected, setSelected] = useState<number | null>(null);
  const entries = steps.flatMap((s) => s.trace.map((t) => ({ step: s.label, entry: t })));
  const arrows = entries.flatMap(({ entry }, i) => arrowsFor(entry, i));
  const toggle = (call: number) => setSelected((current) => (current === call ? null : call));
  const height = TOP + arrows.length * ROW + 20;
  const calls = entries.filter(({ entry }) => entry.cache !== 'hit').length;
  const hits = entries.length - calls;
  return (
    <details className="flow-panel" data-testid="flow-panel">
      <summary>
        How this was fetched: {calls} Spine call{calls === 1 ? '' : 's'}
        {hits > 0 ? `, ${hits} answer${hits === 1 ? '' : 's'} from cache` : ''}
      </summary>
      <svg className="flow-diagram" viewBox={`0 0 640 ${height}`} width="100%" aria-hidden="true" focusable="false" data-testid="flow-diagram">
        {LANES.map((lane, i) => (
          <g key={lane}>
            <text x={LANE_X[i]} y={18} textAnchor="middle" className="flow-diagram__lane">
              {lane}
            </text>
            <line x1={LANE_X[i]} y1={26} x2={LANE_X[i]} y2={height - 8} className="flow-diagram__lifeline" />
          </g>
        ))}
        {arrows.map((a, i) => {
          const y = TOP + i * ROW;
          if (a.kind === 'cache') {
            return (
              <g
                key={i}
                className={`flow-arrow flow-arrow--cache${selected === a.call ? ' flow-arrow--selected' : ''}`}
                data-kind="cache"
                onClick={() => toggle(a.call)}
              >
                <path d={`M ${LANE_X[0]} ${y - 6} h 40 v 12 h -40`} fill="none" strokeDasharray="4 3" />
                <text x={LANE_X[0] + 48} y={y + 4}>
                  {a.text}
                </text>
              </g>
            );
          }
          const x1 = LANE_X[a.from];
          const x2 = LANE_X[a.to];
          const dir = x2 > x1 ? -1 : 1;
          return (
            <g
              key={i}
              className={`flow-arrow flow-arrow--${a.kind}${selected === a.call ? ' flow-arrow--selected' : ''}`}
              data-kind={a.kind}
              onClick={() => toggle(a.call)}
            >
              <line x1={x1} y1={y} x2={x2} y2={y} strokeDasharray={a.kind === 'request' ? undefined : '6 3'} />
              <path d={`M ${x2} ${y} l ${dir * 8} -4 v 8 z`} />
              <text x={(x1 + x2) / 2} y={y - 5} textAnchor="middle">
                {a.text}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="nhsuk-table flow-table" data-testid="flow-table">
        <caption className="nhsuk-u-visually-hidden">Spine calls made for this page</caption>
        <thead>
          <tr>
            <th scope="col">For</th>
            <th scope="col">Service</th>
            <th scope="col">Interaction</th>
            <th scope="col">Outcome</th>
            <th scope="col">Time</th>
            <th scope="col">
              <span className="nhsuk-u-visually-hidden">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map(({ step, entry }, i) => (
            <tr key={i} className={failed(entry) && entry.cache !== 'hit' ? 'flow-table__row--failed' : undefined}>
              <td>{step}</td>
              <td>{entry.service.toUpperCase()}</td>
              <td>{entry.interaction}</td>
              <td>{outcomeText(entry)}</td>
              <td>{entry.cache === 'hit' ? '—' : `${Math.round(entry.ms)} ms`}</td>
              <td>
                <button type="button" className="flow-table__details" aria-expanded={selected === i} onClick={() => toggle(i)}>
                  Details <span className="nhsuk-u-visually-hidden">of {entry.interaction}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected !== null && entries[selected] && <CallDetail step={entries[selected].step} entry={entries[selected].entry} />}
    </details>
  );
}
