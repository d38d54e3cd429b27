/** The simulated Spine for Node: intercepts the BFF's outbound fetch at the Spine's URLs. */
import { setupServer } from 'msw/node';
import { createSpineHandlers } from './handlers';

export function startSimulatedSpine(options: { onUnhandledRequest?: 'error' | 'warn' | 'bypass' } = {}) {
  const server = setupServer(...createSpineHandlers());
  server.listen({ onUnhandledRequest: options.onUnhandledRequest ?? 'bypass' });
  return server;
}
