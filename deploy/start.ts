/**
 * `npm run cluster`: the viewer on this machine as a trust would run it. PostgreSQL (DATABASE_URL,
 * or Debian's started by deploy/postgres.sh), INSTANCES instances of the built BFF (3), and nginx
 * in front (https://localhost:PUBLIC_PORT, 8443). With SPINE_MODE=live the instances take the
 * Spine from the environment (deploy/env.example) and nginx the certificate in NGINX_CERT and
 * NGINX_KEY; otherwise the simulated Spine is served once, over mutual TLS, and every instance
 * runs in live configuration against it (sign-in through its simulated NHS CIS2).
 * Ctrl-C (or SIGTERM) drains every instance and stops.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestCertificates } from '../mocks/certs';
import { controlFromEnv } from '../mocks/control';
import { liveEnvFor, startSpineServer, type RunningSpine } from '../mocks/server';
import { Cluster } from './cluster';
import { debianPostgresUrl } from './postgres';

const env = process.env;
const instances = Number(env.INSTANCES ?? 3);
const publicPort = Number(env.PUBLIC_PORT ?? 8443);
const firstPort = Number(env.FIRST_PORT ?? 8101);
const firstMetricsPort = Number(env.FIRST_METRICS_PORT ?? 9465);

if (!existsSync('dist/server/node.js')) throw new Error('Build first: npm run build (npm run cluster does)');

const databaseUrl = env.DATABASE_URL ?? debianPostgresUrl('gpcv');
const stateDir = mkdtempSync(join(tmpdir(), 'gpcv-cluster-'));
const certificates = await ensureTestCertificates(env.CLUSTER_CERTS ?? '.data/certs');

let spine: RunningSpine | undefined;
let spineEnv: Record<string, string>;
if (env.SPINE_MODE === 'live') {
  spineEnv = {};
} else {
  const publicUrl = `https://localhost:${publicPort}`;
  spine = await startSpineServer({
    port: Number(env.SPINE_PORT ?? 8444),
    certificates,
    control: controlFromEnv({ MOCK_LATENCY: 'realistic', ...env }),
    appUrls: [publicUrl],
  });
  spineEnv = liveEnvFor(spine, certificates);
}

const cluster = await Cluster.start({
  instancePorts: Array.from({ length: instances }, (_, i) => firstPort + i),
  metricsPorts: Array.from({ length: instances }, (_, i) => firstMetricsPort + i),
  publicPort,
  env: { ...spineEnv, DATABASE_URL: databaseUrl },
  tls: { cert: env.NGINX_CERT ?? certificates.serverCert, key: env.NGINX_KEY ?? certificates.serverKey, ca: env.NGINX_CA ?? certificates.caCert },
  stateDir,
});

console.log(
  `GP Connect Viewer on ${cluster.publicUrl}: nginx in front of ${instances} instances (${cluster.instances.map((i) => i.port).join(', ')}), PostgreSQL ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`,
);
console.log(`Spine: ${spine ? `simulated, ${spine.origin} (mutual TLS); sign in through its simulated NHS CIS2` : 'live (from the environment)'}`);
console.log(`Metrics: ${cluster.instances.map((_, i) => `http://127.0.0.1:${firstMetricsPort + i}/metrics`).join(' ')}`);
console.log(`Logs and nginx configuration: ${stateDir}. Trust the test CA for https: ${certificates.caCert}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('Draining every instance…');
    void cluster
      .stop()
      .then(() => spine?.close())
      .then(() => process.exit(0));
  });
}
