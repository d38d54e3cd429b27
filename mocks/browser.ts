/**
 * The simulated Spine in a browser page (the static demo): the same handlers as msw/node, with
 * realistic latency so the demo shows the steps as they happen, and the "Simulated Spine" page's
 * controls. Composed with the in-page BFF by demo/.
 */
import { http, type RequestHandler } from 'msw';
import { createSpineHandlers } from './handlers';
import { controlFromEnv } from './control';
import { CONTROL_PATH, handleControlRequest } from './control-api';
import { world } from './world';

export { SIMULATED_SPINE_ENV } from './config';

export function browserSpineHandlers(): RequestHandler[] {
  const control = controlFromEnv({ MOCK_LATENCY: 'realistic' });
  return [http.all(`${CONTROL_PATH}/*`, ({ request }) => handleControlRequest(request, control, world)), ...createSpineHandlers({ control })];
}
