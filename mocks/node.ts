/**
 * The simulated Spine for the Node entry (mock mode): MSW intercepts the BFF's outbound fetch at
 * the Spine's URLs, the "Simulated Spine" page's controls are served, and the simulated NHS CIS2
 * beside the app. The Node entry's one import of the simulator.
 */
import type { Hono } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { setupServer } from 'msw/node';
import { createSpineHandlers } from './handlers';
import { controlFromEnv, type SpineControl } from './control';
import { CONTROL_PATH, handleControlRequest } from './control-api';
import { SIMULATED_CIS2, SIMULATED_SPINE_ENV } from './config';
import { world } from './world';

export { SIMULATED_SPINE_ENV };

export function startSimulatedSpine(control?: SpineControl) {
  const server = setupServer(...createSpineHandlers({ control }));
  server.listen({ onUnhandledRequest: 'bypass' });
  return server;
}

/**
 * Starts the simulated Spine for a viewer served by `server` at `publicUrl`: latency and faults
 * from the environment (MOCK_LATENCY, MOCK_FAULTS; a wrong value throws, naming it), their
 * controls, and the simulated NHS CIS2 when the viewer signs in with it.
 */
export async function startSimulation(
  server: Hono<{ Bindings: HttpBindings }>,
  options: { env: Record<string, string | undefined>; publicUrl: string; issuer?: string },
): Promise<void> {
  const control = controlFromEnv(options.env);
  startSimulatedSpine(control);
  server.all(`${CONTROL_PATH}/*`, (c) => handleControlRequest(c.req.raw, control, world));
  if (options.issuer === `${options.publicUrl}${SIMULATED_CIS2.path}`) {
    const { mountSimulatedCis2 } = await import('./cis2/mount');
    mountSimulatedCis2(server, options.publicUrl);
  }
}
