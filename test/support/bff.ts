/** An in-process BFF on the simulated Spine: real HTTP semantics through app.request(), Spine answered by MSW. */
import { setupServer } from 'msw/node';
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
