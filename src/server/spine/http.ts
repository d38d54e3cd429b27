/**
 * Outbound HTTP for every Spine client: the global fetch (so MSW can intercept it in mock mode),
 * an explicit timeout on every call (R12), an optional mTLS dispatcher, a size cap on bodies, and
 * one trace entry per call.
 */
import { AppError } from '../problem';
import type { ErrorCode, Step } from '../../shared/errors';
import type { TraceEntry } from '../../shared/api';
import type { CallTrace } from './trace';
import type { Metrics } from '../metrics';

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
  /** Retries for transient failures: reads only, never writes (R12). Default none. */
  retry?: RetryPolicy;
  /** SSP calls: the practice asked, for the audit. */
  practiceOdsCode?: string;
  metrics?: Metrics;
}

export interface RetryPolicy {
  /** At most this many retries after the first attempt (R12: 3). */
  retries: number;
  /** Back-off before retry n is backoffMs × 2^(n-1). */
  backoffMs: number;
}

/** Answers worth trying again (GP Connect 1.6: integration_spine_secure_proxy: transient errors, with back-off). */
const TRANSIENT_STATUSES = new Set([502, 503, 504]);

export interface SpineAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** A body over the cap: refused as soon as it is known, never buffered whole, never retried. */
class BodyTooLarge extends Error {}

async function readCapped(response: Response): Promise<string> {
  const declared = Number(response.headers.get('Content-Length') ?? '0');
  if (declared > MAX_BODY_BYTES) {
    // Not awaited: a cancel can wait on the peer; the connection is dropped either way.
    response.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge(`declared ${declared} bytes, over the ${MAX_BODY_BYTES}-byte cap`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(`more than the ${MAX_BODY_BYTES}-byte cap`);
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

/**
 * Ids that are new on every attempt: the SSP wants a fresh Ssp-TraceID per request (GP Connect 1.6:
 * integration_spine_secure_proxy). PDS wants a retry to repeat its X-Request-ID, which it
 * de-duplicates by (PDS FHIR API), and a correlation id stays one chain: both are kept (R35).
 */
const FRESH_PER_ATTEMPT = ['Ssp-TraceID'];

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
function describeCall(call: SpineCall, sent: Headers): Pick<TraceEntry, 'traceId' | 'request'> {
  const headers = Object.fromEntries(sent.entries());
  const traceId = headers['ssp-traceid'] ?? headers['x-request-id'] ?? headers['x-correlation-id'];
  if (!call.trace.options.detail) return { traceId };
  const shown = Object.fromEntries(Object.entries(headers).filter(([name]) => !SECRET_HEADERS.has(name)));
  return { traceId, request: { method: call.init.method ?? 'GET', url: call.url, headers: shown, jwtClaims: decodeClaims(headers.authorization) } };
}

/** A failed attempt: the error to raise, and whether it is worth another try (a reset, not our timeout). */
class AttemptFailed extends Error {
  constructor(
    readonly appError: AppError,
    readonly transient: boolean,
  ) {
    super(appError.message);
  }
}

/** Every attempt through the SSP, as sent, for the audit (R26). */
function recordSspCall(call: SpineCall, headers: Headers, status: number | null): void {
  const traceId = headers.get('Ssp-TraceID');
  if (!traceId) return;
  call.trace.sspCalls.push({
    traceId,
    from: headers.get('Ssp-From') ?? '',
    to: headers.get('Ssp-To') ?? '',
    interactionId: headers.get('Ssp-InteractionID') ?? '',
    practiceOdsCode: call.practiceOdsCode,
    status,
  });
}

async function attempt(call: SpineCall, timeoutMs: number, number: number): Promise<SpineAnswer> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const headers = new Headers(call.init.headers);
  if (number > 1) for (const name of FRESH_PER_ATTEMPT) if (headers.has(name)) headers.set(name, crypto.randomUUID());
  const init = { ...call.init, headers, signal, ...(call.dispatcher ? { dispatcher: call.dispatcher } : {}) } as RequestInit;
  const described = { ...describeCall(call, headers), ...(number > 1 ? { attempt: number } : {}) };
  let response: Response;
  let text: string;
  /** The status once the answer has started, even if its body then fails. */
  let status: number | null = null;
  try {
    response = await fetch(call.url, init);
    status = response.status;
    text = await readCapped(response);
  } catch (error) {
    recordSspCall(call, headers, status);
    call.metrics?.spineCall(call.service, status, (performance.now() - started) / 1000, number);
    if (error instanceof BodyTooLarge) {
      call.trace.record({ service: call.service, interaction: call.interaction, status, ms: performance.now() - started, error: 'too-large', ...described });
      throw new AttemptFailed(
        new AppError('UPSTREAM_TOO_LARGE', {
          step: call.step,
          upstreamStatus: status ?? undefined,
          detail: `The ${call.service.toUpperCase()} answer was too large: ${error.message}`,
        }),
        false,
      );
    }
    const ms = performance.now() - started;
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const code = timedOut ? (call.timeoutCode ?? call.unreachable) : call.unreachable;
    call.trace.record({
      service: call.service,
      interaction: call.interaction,
      status: null,
      ms,
      cache: undefined,
      error: timedOut ? 'timeout' : 'unreachable',
      ...described,
    });
    const reason = timedOut ? `no answer within ${call.timeoutMs} ms` : `could not be reached (${describeNetworkError(error)})`;
    // Our own timeout spent the call's time budget: no retry. A dropped connection may be retried.
    throw new AttemptFailed(new AppError(code, { step: call.step, detail: `${call.service.toUpperCase()} ${reason}` }), !timedOut);
  }
  call.trace.record({ service: call.service, interaction: call.interaction, status: response.status, ms: performance.now() - started, ...described });
  recordSspCall(call, headers, response.status);
  call.metrics?.spineCall(call.service, response.status, (performance.now() - started) / 1000, number);
  return { status: response.status, headers: response.headers, text };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes one Spine call and records every attempt in the trace. The call's timeout bounds all its
 * attempts together (R12); transient failures (502, 503, 504, a dropped connection) are retried
 * with exponential back-off when the call allows it. Never throws a raw fetch error.
 */
export async function spineFetch(call: SpineCall): Promise<SpineAnswer> {
  const started = performance.now();
  const retries = call.retry?.retries ?? 0;
  for (let n = 1; ; n++) {
    const remaining = call.timeoutMs - (performance.now() - started);
    let answer: SpineAnswer | undefined;
    let failure: AttemptFailed | undefined;
    try {
      answer = await attempt(call, Math.max(1, Math.floor(remaining)), n);
    } catch (error) {
      if (!(error instanceof AttemptFailed)) throw error;
      failure = error;
    }
    const transient = failure ? failure.transient : TRANSIENT_STATUSES.has(answer!.status);
    const backoff = (call.retry?.backoffMs ?? 0) * 2 ** (n - 1);
    const budgetLeft = call.timeoutMs - (performance.now() - started) - backoff;
    if (!transient || n > retries || budgetLeft <= 0) {
      if (failure) throw failure.appError;
      return answer!;
    }
    await sleep(backoff);
  }
}

/** JSON and the FHIR JSON media types of both versions (GP Connect 1.6: development_general_api_guidance). */
const JSON_MEDIA_TYPE = /^application\/(json|fhir\+json|json\+fhir|[\w.-]+\+json)\s*(;|$)/i;

/** Parses a JSON body, or raises UPSTREAM_MALFORMED naming the step: a body that is not declared as JSON is not read as JSON. */
export function parseJson(answer: SpineAnswer, step: Step): unknown {
  const type = answer.headers.get('Content-Type');
  if (!type || !JSON_MEDIA_TYPE.test(type)) {
    throw new AppError('UPSTREAM_MALFORMED', {
      step,
      upstreamStatus: answer.status,
      detail: `The ${step.toUpperCase()} answer was ${type ? type.split(';')[0] : 'of no declared type'}, not JSON`,
    });
  }
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
