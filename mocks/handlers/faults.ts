/**
 * Applies the control's latency and injected faults to one simulated service's answer.
 * Faults look like what the real thing does when it breaks: no answer, a 5xx in the service's
 * own error format, a body cut off mid-way, a dropped connection, or a very slow answer.
 */
import { delay, HttpResponse } from 'msw';
import type { SpineControl } from '../control';
import { dstu2Outcome, pdsOutcome, sdsOutcome, sspOutcome } from './fhir';

function serverError(key: string): Response {
  if (key === 'pds')
    return pdsOutcome(
      503,
      'SERVICE_UNAVAILABLE',
      'Service unavailable',
      'timeout',
      'The downstream domain processing has not completed within the configured timeout period.',
    );
  if (key === 'sds') return sdsOutcome(502, 'exception', 'INTERNAL_SERVER_ERROR', 'Unexpected internal server error', 'Invalid LDAP response received');
  if (key === 'ssp') return sspOutcome(503, 'transient', 'SERVICE_UNAVAILABLE');
  return dstu2Outcome(500, 'exception', 'INTERNAL_SERVER_ERROR', 'Simulated GP system failure');
}

/** Waits the service's latency, then answers with its fault if one is set, else with `answer()`. */
export async function controlled(control: SpineControl, key: string, answer: () => Response | Promise<Response>): Promise<Response> {
  const fault = control.fault(key);
  const ms = control.latency(key);
  if (ms > 0) await delay(ms);
  switch (fault) {
    case 'timeout':
      await delay('infinite');
      return serverError(key);
    case 'error-5xx':
      return serverError(key);
    case 'reset':
      return HttpResponse.error();
    case 'malformed': {
      const response = await answer();
      const text = await response.text();
      return new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), { status: 200, headers: response.headers });
    }
    default:
      return answer();
  }
}
