/** An in-process BFF on the simulated Spine: real HTTP semantics through app.request(), Spine answered by MSW. */
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { SIMULATED_SPINE } from '../../mocks/config';
import { GETCARERECORD_INTERACTION } from '../../src/server/flows/careRecord';
import { createSpineHandlers } from '../../mocks/handlers';
import { loadConfig } from '../../src/server/config';
import { createServices, type Services } from '../../src/server/services';
import { createApp } from '../../src/server/app';

export function spineServer() {
  return setupServer(...createSpineHandlers());
}

/**
 * `callDetail: false` answers as on the real Spine, where traces never carry the request
 * (URL, headers, JWT claims) that the simulated Spine adds for the flow inspector.
 */
export function createTestBff(env: Record<string, string> = {}, options: { callDetail?: boolean } = {}) {
  const logs: Record<string, unknown>[] = [];
  const config = loadConfig({ SPINE_MODE: 'mock', ...env });
  const services: Services = createServices({ ...config, showCallDetail: options.callDetail ?? config.showCallDetail }, { log: (e) => logs.push(e) });
  const app = createApp(services);
  return { app, services, logs };
}

/** Answers only the GP Connect record call (getcarerecord); every other SSP call (e.g. the R7 identity check) goes on to the simulated Spine. */
export function onRecordCall(resolver: () => Response | Promise<Response>) {
  return http.all(`${SIMULATED_SPINE.sspBaseUrl}/*`, ({ request }) => (request.headers.get('Ssp-InteractionID') === GETCARERECORD_INTERACTION ? resolver() : undefined));
}

/** Requests a record section as a user who confirms the identity check when the BFF asks (R7): the answer after confirming. */
export async function requestConfirmed(app: { request: (path: string) => Response | Promise<Response> }, path: string): Promise<Response> {
  const first = await app.request(path);
  if (first.status !== 409) return first;
  const problem = (await first.clone().json()) as { code?: string; identityCheck?: { fingerprint: string } };
  if (problem.code !== 'IDENTITY_NOT_CONFIRMED' || !problem.identityCheck) return first;
  return app.request(`${path}${path.includes('?') ? '&' : '?'}confirm=${problem.identityCheck.fingerprint}`);
}
