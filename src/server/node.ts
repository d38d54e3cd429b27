/**
 * Node entry: configuration, the simulated Spine in mock mode (the only `if (mock)` in the BFF),
 * the mTLS agent in live mode, the SPA's static files and the API on one port.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { serve, type HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Agent } from 'undici';
import { createTlsDispatcher } from './tls';
import { ConfigError, loadConfig, type Config } from './config';
import { createServices } from './services';
import { createApp } from './app';
import { configuredDatabase } from './db/configured';
import { SIMULATED_CIS2 } from '../../mocks/config';

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
const server = new Hono<{ Bindings: HttpBindings }>();
let dispatcher: Agent | undefined;
if (config.mode === 'mock') {
  const { startSimulatedSpine } = await import('../../mocks/node');
  const { controlFromEnv } = await import('../../mocks/control');
  const { handleControlRequest, CONTROL_PATH } = await import('../../mocks/control-api');
  const { world } = await import('../../mocks/world');
  let control;
  try {
    control = controlFromEnv(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  startSimulatedSpine(control);
  server.all(`${CONTROL_PATH}/*`, (c) => handleControlRequest(c.req.raw, control, world));
  // The simulated NHS CIS2, beside the app (its issuer is PUBLIC_URL + /__simulated-cis2).
  if (config.auth.mode === 'oidc' && config.auth.issuer === `${config.publicUrl}${SIMULATED_CIS2.path}`) {
    const { mountSimulatedCis2 } = await import('../../mocks/cis2/mount');
    mountSimulatedCis2(server, config.publicUrl);
  }
} else if (config.tls) {
  dispatcher = createTlsDispatcher(config.tls);
}

const database = configuredDatabase(config);
try {
  // Opened and migrated now: a database that cannot be used stops start-up, with its reason.
  await database.ready();
} catch (error) {
  console.error(`The database could not be opened (${config.database.url ? 'DATABASE_URL' : `PGlite in ${config.database.dataDir}`}): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const services = createServices(config, { dispatcher, database });
server.route('/', createApp(services));

// The built SPA sits beside the server bundle: dist/client next to dist/server.
const here = dirname(fileURLToPath(import.meta.url));
const clientDir = [join(here, '../client'), join(here, '../../dist/client')].find((d) => existsSync(join(d, 'index.html')));
if (clientDir) {
  const indexHtml = readFileSync(join(clientDir, 'index.html'), 'utf8');
  server.use('/*', serveStatic({ root: clientDir }));
  // Client-side routes (/patients/…) get the SPA shell; the simulated Spine's paths do not
  // (in live mode they must not look as if they exist).
  server.get('*', (c) => (c.req.path.startsWith('/__simulated-spine') ? c.notFound() : c.html(indexHtml)));
}

const httpServer = serve({ fetch: server.fetch, port: config.port, hostname: config.host }, (info) => {
  const signIn = config.auth.mode === 'none' ? 'off (AUTH_MODE=none)' : config.auth.issuer.endsWith(SIMULATED_CIS2.path) ? 'simulated NHS CIS2' : config.auth.issuer;
  console.log(`GP Connect Viewer on ${config.publicUrl} (port ${info.port}; Spine: ${config.mode === 'mock' ? 'SIMULATED' : 'LIVE'}; sign-in: ${signIn}; database: ${database.kind})`);
});

// Stop cleanly: finish answering, then exit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    httpServer.close(() => void database.close().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
