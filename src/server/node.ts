/**
 * Node entry: configuration, the simulated Spine in mock mode (the only `if (mock)` in the BFF),
 * the mTLS agent in live mode, the SPA's static files and the API on one port.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { Agent } from 'undici';
import { ConfigError, loadConfig, type Config } from './config';
import { createServices } from './services';
import { createApp } from './app';

function load(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = load();
let dispatcher: Agent | undefined;
if (config.mode === 'mock') {
  const { startSimulatedSpine } = await import('../../mocks/node');
  startSimulatedSpine();
} else if (config.tls) {
  dispatcher = new Agent({
    connect: {
      cert: readFileSync(config.tls.certPath),
      key: readFileSync(config.tls.keyPath),
      ca: config.tls.caPath ? readFileSync(config.tls.caPath) : undefined,
    },
  });
}

const services = createServices(config, { dispatcher });
const api = createApp(services);
const server = new Hono();
server.route('/', api);

// The built SPA sits beside the server bundle: dist/client next to dist/server.
const here = dirname(fileURLToPath(import.meta.url));
const clientDir = [join(here, '../client'), join(here, '../../dist/client')].find((d) => existsSync(join(d, 'index.html')));
if (clientDir) {
  const indexHtml = readFileSync(join(clientDir, 'index.html'), 'utf8');
  server.use('/*', serveStatic({ root: clientDir }));
  // Client-side routes (/patients/…) get the SPA shell.
  server.get('*', (c) => c.html(indexHtml));
}

serve({ fetch: server.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`GP Connect Viewer on http://localhost:${info.port} (Spine: ${config.mode === 'mock' ? 'SIMULATED' : 'LIVE'})`);
});
