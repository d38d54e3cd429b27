/**
 * The simulated Spine as MSW handlers: PDS, SDS and the SSP (with the GP Connect providers behind
 * it), all at the configured base URLs. One handler set serves msw/node, the browser worker and
 * a plain HTTP server.
 */
import { http, type RequestHandler } from 'msw';
import { world as defaultWorld, type World } from '../world';
import { SIMULATED_SPINE, type SimulatedSpine } from '../config';
import { handlePdsRetrieve } from './pds';
import { handlePdsSearch } from './pdsSearch';
import { handleSdsDevice, handleSdsEndpoint } from './sds';
import { handleSsp } from './ssp';
import { pdsOutcome } from './fhir';
import { controlled } from './faults';
import { SpineControl } from '../control';

export interface SpineOptions {
  spine?: SimulatedSpine;
  world?: World;
  /** Latency and faults; none by default. */
  control?: SpineControl;
}

export function createSpineHandlers({ spine = SIMULATED_SPINE, world = defaultWorld, control = new SpineControl() }: SpineOptions = {}): RequestHandler[] {
  return [
    http.get(`${spine.pdsBaseUrl}/Patient`, ({ request }) => controlled(control, 'pds', () => handlePdsSearch(request, world, spine.pdsBaseUrl))),
    http.get(`${spine.pdsBaseUrl}/Patient/:id`, ({ request, params }) =>
      controlled(control, 'pds', () => handlePdsRetrieve(request, String(params.id), world)),
    ),
    http.all(`${spine.pdsBaseUrl}/*`, ({ request }) =>
      pdsOutcome(400, 'UNSUPPORTED_REQUEST', 'Unsupported request', 'not-supported', `Unsupported path - '${new URL(request.url).pathname}'`),
    ),
    http.get(`${spine.sdsBaseUrl}/Endpoint`, ({ request }) => controlled(control, 'sds', () => handleSdsEndpoint(request, world, spine.sdsBaseUrl))),
    http.get(`${spine.sdsBaseUrl}/Device`, ({ request }) => controlled(control, 'sds', () => handleSdsDevice(request, world, spine.sdsBaseUrl))),
    http.all(`${spine.sspBaseUrl}/*`, ({ request }) => controlled(control, 'ssp', () => handleSsp(request, world, spine, control))),
  ];
}
