/** The simulated Spine for Node: intercepts the BFF's outbound fetch at the Spine's URLs. */
import { setupServer } from 'msw/node';
import { createSpineHandlers } from './handlers';
import type { SpineControl } from './control';

export function startSimulatedSpine(control?: SpineControl) {
  const server = setupServer(...createSpineHandlers({ control }));
  server.listen({ onUnhandledRequest: 'bypass' });
  return server;
}
