/**
 * Calls through the Spine Security Proxy (GP Connect 1.6: integration_spine_secure_proxy):
 * `{ssp}/{service root URL verbatim}/{fhir path}` with Ssp-TraceID (new UUID), Ssp-From,
 * Ssp-To, Ssp-InteractionID and the bearer JWT. SSP-format errors are told apart from the
 * provider's own OperationOutcomes, so the user sees which step failed (R12, R23).
 */
import type { Metrics } from '../metrics';
import type { ErrorCode } from '../../shared/errors';
import { AppError } from '../problem';
import { outcomeOf, parseJson, spineFetch, type RetryPolicy, type SpineAnswer } from './http';
import type { ProviderRoute } from './sds';
import type { RequestContext } from '../context';

const SSP_CODE_SYSTEM = 'http://fhir.nhs.net/ValueSet/gpconnect-schedule-response-code-1-0';

export interface SspRequest {
  route: ProviderRoute;
  interactionId: string;
  /** Short label for the trace, e.g. "getcarerecord SUM". */
  label: string;
  method: 'GET' | 'POST';
  /** FHIR path after the service root, starting with '/'. */
  path: string;
  body?: unknown;
  /** Ssp-From: the requesting organisation's ASID (R9). */
  from: string;
  jwt: string;
  contentType: string;
  /** A read may be retried after a transient failure; default: GET is a read, POST is not. */
  read?: boolean;
  /** Our error for a 404 without a known code, e.g. NO_RECORD_FOUND on a Location read. */
  notFound?: ErrorCode;
}

export interface SspClientOptions {
  baseUrl: string;
  timeoutMs: number;
  dispatcher?: unknown;
  /** Applied to reads only (`read: true`); a write is never retried (R12). */
  retry?: RetryPolicy;
  metrics?: Metrics;
}

function isSspOutcome(body: unknown): boolean {
  const coding = (body as { issue?: { details?: { coding?: { system?: string }[] } }[] })?.issue?.[0]?.details?.coding?.[0];
  return coding?.system === SSP_CODE_SYSTEM || coding?.system === 'https://fhir.nhs.uk/StructureDefinition/spine-operationoutcome-1';
}

/** Maps a GP Connect provider error code (GP Connect 1.6: development_fhir_error_handling_guidance; GP Connect 0.7.4: development_fhir_error_handling_guidance) to ours; `notFound` for a bare 404. */
function providerError(status: number, code: string | undefined, notFound: ErrorCode): ErrorCode {
  switch (code) {
    case 'PATIENT_NOT_FOUND':
      return 'GP_PATIENT_NOT_FOUND';
    case 'PRACTITIONER_NOT_FOUND':
      return 'GP_PRACTITIONER_NOT_FOUND';
    case 'ORGANISATION_NOT_FOUND':
      return 'GP_ORGANISATION_NOT_FOUND';
    case 'DUPLICATE_REJECTED':
      return 'GP_DUPLICATE_REGISTRATION';
    case 'INVALID_PATIENT_DEMOGRAPHICS':
      return 'GP_INVALID_DEMOGRAPHICS';
    case 'INVALID_NHS_NUMBER':
      return 'GP_INVALID_NHS_NUMBER';
    case 'NO_PATIENT_CONSENT':
      return 'GP_NO_PATIENT_CONSENT';
    case 'ACCESS DENIED':
    case 'ACCESS_DENIED':
      return 'GP_ACCESS_DENIED';
    case 'NOT_IMPLEMENTED':
      return 'GP_NOT_IMPLEMENTED';
    // The 1.x text spells it one way, its code system the other (GP Connect 1.6: development_fhir_error_handling_guidance).
    case 'NO_ORGANISATION_CONSENT':
    case 'NO_ORGANISATIONAL_CONSENT':
      return 'GP_NO_ORGANISATION_CONSENT';
    case 'NO_RELATIONSHIP':
      return 'GP_NO_RELATIONSHIP';
    case 'NON_AUTHORITATIVE':
      return 'GP_NON_AUTHORITATIVE';
  }
  if (status === 404) return notFound;
  if (status >= 500) return 'GP_SYSTEM_ERROR';
  return 'GP_REJECTED_REQUEST';
}

const SSP_CODES: Record<string, string> = {
  ASID_CHECK_FAILED: "The proxy does not accept this viewer's ASID for this interaction.",
  PARTYKEY_INTERACTION_CHECK_FAILED: 'The practice is not registered with the proxy for this interaction.',
  FOT_CHECK_FAILED: 'The proxy found no data-sharing agreement between this viewer and the practice.',
  ERROR_COMMUNICATING_TO_ENDPOINT: "The proxy could not reach the practice's GP system.",
  TIMEOUT_COMMUNICATING_TO_ENDPOINT: "The practice's GP system did not answer the proxy in time.",
  ENDPOINT_VARIES_FROM_TARGETURL: 'The address used for the practice does not match SDS.',
  MISSING_OR_INVALID_HEADER: 'The proxy found a missing or invalid header.',
};

/** The SSP's error (GP Connect 1.6: integration_spine_secure_proxy) in words, without the ASIDs and URLs its token carries. */
function describeSspCode(code: string | undefined, status: number): string {
  return (code && SSP_CODES[code]) ?? `The Spine proxy answered HTTP ${status}${code ? ` (${code})` : ''}.`;
}

/** Turns a non-2xx answer into an AppError naming the failed step. */
export function sspFailure(answer: SpineAnswer, notFound: ErrorCode = 'GP_PATIENT_NOT_FOUND'): AppError {
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    body = undefined;
  }
  const outcome = outcomeOf(body);
  if (isSspOutcome(body) || answer.status === 429 || (body === undefined && answer.status >= 500)) {
    const token = outcome.display ?? outcome.diagnostics;
    // The token names ASIDs and provider URLs: keep its code, never the rest (R10, docs/architecture.md principle 2).
    const code = token?.replace(/_(MESSAGESENDER|MESSAGERECEIVER|URL|VARIES|CPAID).*$/, '').replace(/^ENDPOINT_.*/, 'ENDPOINT_VARIES_FROM_TARGETURL');
    const details = { step: 'ssp' as const, upstreamStatus: answer.status, upstreamCode: code, detail: describeSspCode(code, answer.status) };
    if (answer.status === 403) return new AppError('SSP_NOT_AUTHORISED', details);
    // 429: the SSP's throttle (GP Connect 1.6: integration_spine_secure_proxy), worth waiting for, not a fault to report.
    if (answer.status === 429) return new AppError('SSP_THROTTLED', details);
    if (answer.status === 502 || answer.status === 503) return new AppError('GP_SYSTEM_UNREACHABLE', details);
    if (answer.status === 504 || answer.status === 599) return new AppError('GP_SYSTEM_TIMEOUT', details);
    return new AppError('SSP_REJECTED', details);
  }
  return new AppError(providerError(answer.status, outcome.code, notFound), {
    step: 'provider',
    upstreamStatus: answer.status,
    upstreamCode: outcome.code,
    detail: outcome.diagnostics,
  });
}

/** The Spine Security Proxy, bound to its origin, timeout and retries once. */
export class SspClient {
  constructor(private readonly options: SspClientOptions) {}

  /** Sends one GP Connect request through the SSP and returns the provider's parsed JSON body. */
  async send(request: SspRequest, ctx: RequestContext): Promise<unknown> {
    const { options } = this;
    const path = request.path.startsWith('/') ? request.path : `/${request.path}`;
    // The root URL goes in verbatim; only the joining slash is normalised (GP Connect 1.6: integration_spine_secure_proxy).
    const url = `${options.baseUrl}/${request.route.rootUrl.replace(/\/$/, '')}${path}`;
    const headers: Record<string, string> = {
      Accept: request.contentType,
      'Ssp-TraceID': crypto.randomUUID(),
      'Ssp-From': request.from,
      'Ssp-To': request.route.asid,
      'Ssp-InteractionID': request.interactionId,
      Authorization: `Bearer ${request.jwt}`,
    };
    if (request.body !== undefined) headers['Content-Type'] = request.contentType;
    const answer = await spineFetch({
      service: 'ssp',
      interaction: request.label,
      url,
      init: { method: request.method, headers, body: request.body === undefined ? undefined : JSON.stringify(request.body) },
      timeoutMs: options.timeoutMs,
      trace: ctx.trace,
      unreachable: 'GP_SYSTEM_UNREACHABLE',
      timeoutCode: 'GP_SYSTEM_TIMEOUT',
      step: 'ssp',
      dispatcher: options.dispatcher,
      retry: (request.read ?? request.method === 'GET') ? options.retry : undefined,
      metrics: options.metrics,
      practiceOdsCode: request.route.odsCode,
    });
    if (answer.status < 200 || answer.status >= 300) throw sspFailure(answer, request.notFound);
    return parseJson(answer, 'provider');
  }
}
