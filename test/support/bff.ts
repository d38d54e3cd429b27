/** An in-process BFF on the simulated Spine: real HTTP semantics through app.request(), Spine answered by MSW. */
import { setupServer } from 'msw/node';
import { createSpineHandlers } from '../../mocks/handlers';
import { loadConfig } from '../../src/server/config';
import { createServices, type Services } from '../../src/server/services';
import { createApp } from '../../src/server/app';

export function spineServer() {
  return setupServer(...createSpineHandlers());
}

export function createTestBff(env: Record<string, string> = {}) {
  const logs: Record<string, unknown>[] = [];
  const services: Services = createServices(loadConfig({ SPINE_MODE: 'mock', ...env }), { log: (e) => logs.push(e) });
  const app = createApp(services);
  return { app, services, logs };
}
