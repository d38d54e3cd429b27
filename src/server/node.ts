/**
 * Node entry: configuration, the simulated Spine in mock mode (the only `if (mock)` in the BFF),
 * the mTLS agent in live mode, the SPA's static files and the API on one port.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Agent } from 'undici';
import { createTlsDispatcher } from './tls';
import { ConfigError, loadConfig, type Config } from './config';
import { createServices } from './services';
import { staticCacheControl } from './staticCache';
import { sdsLdapClientFor } from './spine/sdsLdap';
import { createApp } from './app';
import { configuredDatabase } from './db/configured';
import { PrometheusMetrics } from './prometheus';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

// The one place the simulated Spine enters: mock mode (the default) only.
const simulator = (process.env.SPINE_MODE ?? 'mock') === 'mock' ? await import('../../mocks/node') : undefined;

function load(): Config {
  try {
    // On the simulated Spine its addresses are the defaults; anything set in the environment wins.
    return loadConfig({ ...simulator?.SIMULATED_SPINE_ENV, ...process.env });
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

const config = load();
const server = new Hono<{ Bindings: HttpBindings }>();
let dispatcher: Agent | undefined;
if (simulator) {
  try {
    await simulator.startSimulation(server, {
      env: process.env,
      publicUrl: config.publicUrl,
      issuer: config.auth.mode === 'oidc' ? config.auth.issuer : undefined,
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
} else if (config.tls) {
  dispatcher = createTlsDispatcher(config.tls);
}

const database = configuredDatabase(config);
try {
  // Opened and migrated now: a database that cannot be used stops start-up, with its reason.
  await database.ready();
} catch (error) {
  fail(
    `The database could not be opened (${config.database.url ? 'DATABASE_URL' : `PGlite in ${config.database.dataDir}`}): ${error instanceof Error ? error.message : String(error)}`,
  );
}
// Prometheus on its own port, off unless METRICS_PORT is set: never served through the load balancer.
const metrics = config.metrics ? new PrometheusMetrics(database) : undefined;
const services = createServices(config, { dispatcher, database, metrics, sdsDirectory: sdsLdapClientFor(config, metrics) });
const metricsServer = config.metrics ? metrics!.serve(config.metrics.port, config.metrics.host) : undefined;
server.route('/', createApp(services));

// The built SPA sits beside the server bundle: dist/client next to dist/server.
const here = dirname(fileURLToPath(import.meta.url));
const clientDir = [join(here, '../client'), join(here, '../../dist/client')].find((d) => existsSync(join(d, 'index.html')));
if (clientDir) {
  const indexHtml = readFileSync(join(clientDir, 'index.html'), 'utf8');
  // The build writes .br and .gz beside each file (scripts/precompress.mjs): sent as they are.
  server.use('/*', serveStatic({ root: clientDir, precompressed: true, onFound: (_path, c) => c.header('Cache-Control', staticCacheControl(c.req.path)) }));
  // Client-side routes (/patients/…) get the SPA shell; the simulated Spine's paths do not
  // (in live mode they must not look as if they exist).
  server.get('*', (c) => {
    if (c.req.path.startsWith('/__simulated-spine')) return c.notFound();
    c.header('Cache-Control', staticCacheControl('/'));
    return c.html(indexHtml);
  });
}

// A listen queue as deep as the kernel allows (Node's default is 511): at 1,000 clients connecting
// at once, the default queue overflowed and the kernel reset about 60 of their connections (the bench's 1,000 step).
const LISTEN_BACKLOG = 4096;
const httpServer = createAdaptorServer({ fetch: server.fetch });
httpServer.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => {
  const info = httpServer.address() as AddressInfo;
  const signIn =
    config.auth.mode === 'none'
      ? 'off (AUTH_MODE=none)'
      : simulator && config.auth.issuer === `${config.publicUrl}${simulator.SIMULATED_SPINE_ENV.OIDC_ISSUER}`
        ? 'simulated NHS CIS2'
        : config.auth.issuer;
  console.log(
    `GP Connect Viewer on ${config.publicUrl} (port ${info.port}; Spine: ${config.mode === 'mock' ? 'SIMULATED' : 'LIVE'}; sign-in: ${signIn}; database: ${database.kind})`,
  );
});

// SIGTERM (a release, a rolling restart): not ready, no new connections, what is in flight answered
// (each with its audit row, written before its answer), then the database closed. SIGINT the same.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    console.log(`${signal}: draining (${services.lifecycle.requestsInFlight} in flight, up to ${config.drainSeconds} s)`);
    services.lifecycle.draining = true;
    // Stops accepting connections and closes the idle ones; answers in flight carry Connection: close.
    httpServer.close();
    metricsServer?.close();
    void services.lifecycle.drain(config.drainSeconds * 1000).then(async (finished) => {
      if (!finished) console.error(`Stopped with ${services.lifecycle.requestsInFlight} request(s) still in flight after ${config.drainSeconds} s`);
      (httpServer as { closeAllConnections?: () => void }).closeAllConnections?.();
      await database
        .close()
        .catch((error: unknown) => console.error(`The database did not close cleanly: ${error instanceof Error ? error.message : String(error)}`));
      console.log(`Stopped after ${Date.now() - started} ms`);
      process.exit(finished ? 0 : 1);
    });
  });
}
