/**
 * Outbound HTTP for every Spine client: the global fetch (so MSW can intercept it in mock mode),
 * an explicit timeout on every call (R12), an optional mTLS dispatcher, a size cap on bodies, and
 * one trace entry per call.
 */
import { AppError } from '../problem';
import type { ErrorCode, Step } from '../../shared/errors';
import type { TraceEntry } from '../../shared/api';
import type { CallTrace } from './trace';

/** Bodies larger than this are refused: a GP record section is a few MB at most. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface SpineCall {
  service: TraceEntry['service'];
  interaction: string;
  url: string;
  init: RequestInit;
  timeoutMs: number;
  trace: CallTrace;
  /** The error to raise when the service cannot be reached or times out. */
  unreachable: ErrorCode;
  timeoutCode?: ErrorCode;
  step: Step;
  /** Undici dispatcher for mutual TLS in live mode; undefined in mock mode. */
  dispatcher?: unknown;
}

export interface SpineAnswer {
  status: number;
  headers: Headers;
  text: string;
}

async function readCapped(response: Response): Promise<string> {
  const declared = Number(response.headers.get('Content-Length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new Error(`body of ${declared} bytes exceeds the ${MAX_BODY_BYTES}-byte cap`);
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new Error(`body exceeds the ${MAX_BODY_BYTES}-byte cap`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** "fetch failed" says nothing: name the underlying cause (e.g. ECONNREFUSED, a certificate error). */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.message ? `${error.message}: ${cause.code ? `${cause.code} ` : ''}${cause.message}` : error.message;
}

/** Headers never shown, even on the simulated Spine. */
const SECRET_HEADERS = new Set(['authorization', 'apikey']);

function decodeClaims(authorization: string | undefined): Record<string, unknown> | undefined {
  const payload = authorization?.startsWith('Bearer ') ? authorization.slice(7).split('.')[1] : undefined;
  if (!payload) return undefined;
  try {
    const b64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)))) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The id a call carries, and (on the simulated Spine only) the request itself. */
function describeCall(call: SpineCall): Pick<TraceEntry, 'traceId' | 'request'> {
  const headers = Object.fromEntries(new Headers(call.init.headers).entries());
  const traceId = headers['ssp-traceid'] ?? headers['x-request-id'] ?? headers['x-correlation-id'];
  if (!call.trace.options.detail) return { traceId };
  const shown = Object.fromEntries(Object.entries(headers).filter(([name]) => !SECRET_HEADERS.has(name)));
  return { traceId, request: { method: call.init.method ?? 'GET', url: call.url, headers: shown, jwtClaims: decodeClaims(headers.authorization) } };
}

/** Makes one Spine call with a timeout and records it in the trace. Never throws a raw fetch error. */
export async function spineFetch(call: SpineCall): Promise<SpineAnswer> {
  const started = performance.now();
  const signal = AbortSignal.timeout(call.timeoutMs);
  const init = { ...call.init, signal, ...(call.dispatcher ? { dispatcher: call.dispatcher } : {}) } as RequestInit;
  const described = describeCall(call);
  let response: Response;
  let text: string;
  try {
    response = await fetch(call.url, init);
    text = await readCapped(response);
  } catch (error) {
    const ms = performance.now() - started;
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const code = timedOut ? (call.timeoutCode ?? call.unreachable) : call.unreachable;
    call.trace.record({ service: call.service, interaction: call.interaction, status: null, ms, cache: undefined, error: timedOut ? 'timeout' : 'unreachable', ...described });
    const reason = timedOut ? `no answer within ${call.timeoutMs} ms` : `could not be reached (${describeNetworkError(error)})`;
    throw new AppError(code, { step: call.step, detail: `${call.service.toUpperCase()} ${reason}` });
  }
  call.trace.record({ service: call.service, interaction: call.interaction, status: response.status, ms: performance.now() - started, ...described });
  return { status: response.status, headers: response.headers, text };
}

/** Parses a JSON body, or raises UPSTREAM_MALFORMED naming the step. */
export function parseJson(answer: SpineAnswer, step: Step): unknown {
  try {
    return JSON.parse(answer.text);
  } catch {
    throw new AppError('UPSTREAM_MALFORMED', { step, upstreamStatus: answer.status, detail: `The ${step.toUpperCase()} answer was not valid JSON` });
  }
}

interface OutcomeIssue {
  code?: string;
  diagnostics?: string;
  details?: { coding?: { code?: string; display?: string }[] };
}

/** The first issue's coding code/display and diagnostics of an OperationOutcome, if the body is one. */
export function outcomeOf(body: unknown): { code?: string; display?: string; diagnostics?: string } {
  if (!body || typeof body !== 'object' || (body as { resourceType?: unknown }).resourceType !== 'OperationOutcome') return {};
  const issue = ((body as { issue?: OutcomeIssue[] }).issue ?? [])[0];
  const coding = issue?.details?.coding?.[0];
  return { code: coding?.code, display: coding?.display, diagnostics: issue?.diagnostics };
}
