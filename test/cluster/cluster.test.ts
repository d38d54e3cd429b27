/**
 * Many instances with the real parts (issue 16 part 5): Debian's nginx (TLS, round robin, no sticky
 * sessions) in front of 3 instances of the built BFF (dist/server/node.js) in live configuration,
 * one Debian PostgreSQL, and the simulated Spine served once over mutual TLS. Sessions, CSRF and the
 * support log across instances; a rolling restart under load; PostgreSQL restarted under load; an
 * instance killed. `npm run build` first; `npm run test:cluster` (CI runs it).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestCertificates } from '../../mocks/certs';
import { liveEnvFor, startSpineServer, type RunningSpine } from '../../mocks/server';
import { Cluster } from '../../deploy/cluster';
import { debianPostgresUrl } from '../../deploy/postgres';
import { Browser } from '../support/browser';
import { freePort } from '../support/net';

const RICH = '9658218873';
const RECORD = `/api/patients/${RICH}/record/SUM`;

let cluster: Cluster;
let spine: RunningSpine;
let db: pg.Pool;
let databaseUrl: string;
let browserAgent: Agent;

/** Debian's PostgreSQL (deploy/postgres.sh), a database of the cluster's own. */
function clusterDatabase(): string {
  return process.env.CLUSTER_DATABASE_URL ?? debianPostgresUrl('gpcv_cluster');
}

beforeAll(async () => {
  databaseUrl = clusterDatabase();
  db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  db.on('error', () => undefined);
  const certs = await ensureTestCertificates(mkdtempSync(join(tmpdir(), 'gpcv-cluster-certs-')));
  const publicPort = await freePort();
  spine = await startSpineServer({ certificates: certs, appUrls: [`https://localhost:${publicPort}`] });
  const instancePorts = [await freePort(), await freePort(), await freePort()];
  cluster = await Cluster.start({
    instancePorts,
    publicPort,
    env: { ...liveEnvFor(spine, certs), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert },
    stateDir: mkdtempSync(join(tmpdir(), 'gpcv-cluster-')),
  });
  browserAgent = new Agent({ connect: { ca: readFileSync(certs.caCert) } });
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
  await spine?.close();
  await db?.end();
  await browserAgent?.close();
});

/** Signs in through nginx as a browser would: the login, the simulated CIS2 and the callback may each land on another instance. */
async function signIn(user = 'clinician'): Promise<{ cookie: string; csrf: string }> {
  const cookie = await new Browser(cluster.publicUrl, browserAgent).signIn(user);
  const session = await (await cluster.fetch('/api/session', { headers: { Cookie: cookie } })).json();
  return { cookie, csrf: session.csrfToken };
}

/** A request straight to one instance, past nginx. */
function direct(index: number, path: string, init: RequestInit = {}) {
  return fetch(`${cluster.instances[index].origin}${path}`, init);
}

interface LoadResult {
  answers: number;
  statuses: Map<number, number>;
  /** The problem codes of the answers that were not 200. */
  codes: Map<string, number>;
  errors: string[];
  traceIds: string[];
  /** When each answer came, and its status: for recovery times. */
  timeline: { at: number; status: number }[];
}

/** `concurrency` clients asking for the record through nginx until `until` resolves. */
async function load(cookie: string, concurrency: number, until: Promise<unknown>): Promise<LoadResult> {
  const result: LoadResult = { answers: 0, statuses: new Map(), codes: new Map(), errors: [], traceIds: [], timeline: [] };
  let running = true;
  void until.finally(() => (running = false));
  const client = async () => {
    while (running) {
      try {
        const response = await cluster.fetch(RECORD, { headers: { Cookie: cookie } });
        const body = await response.text();
        if (response.status !== 200) {
          const code = (JSON.parse(body) as { code?: string }).code ?? `HTTP ${response.status}`;
          result.codes.set(code, (result.codes.get(code) ?? 0) + 1);
        }
        result.answers++;
        result.statuses.set(response.status, (result.statuses.get(response.status) ?? 0) + 1);
        result.timeline.push({ at: Date.now(), status: response.status });
        const traceId = response.headers.get('X-Trace-Id');
        if (traceId) result.traceIds.push(traceId);
      } catch (error) {
        result.errors.push(error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return result;
}

async function auditRowsFor(traceIds: string[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE request_id = ANY($1)', [traceIds]);
  return rows[0].n;
}

describe('one session, three instances', () => {
  it("nginx gzips JSON answers; the SPA's hashed files pass through as the instance precompressed them (brotli), immutable", async () => {
    const description = await cluster.fetch('/api/openapi.json', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(description.headers.get('content-encoding')).toBe('gzip');
    expect((await description.json()).openapi).toMatch(/^3\./);
    const shell = await (await cluster.fetch('/', { headers: { 'Accept-Encoding': 'identity' } })).text();
    const script = shell.match(/src="(\/assets\/[^"]+\.js)"/)![1];
    const asset = await cluster.fetch(script, { headers: { 'Accept-Encoding': 'br' } });
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('a session made through nginx works on every instance; the CSRF token holds on all; the support view lists what each served; logout on one ends it everywhere', async () => {
    const { cookie, csrf } = await signIn();
    const served: string[] = [];
    for (const instance of cluster.instances) {
      const session = await direct(instance.index, '/api/session', { headers: { Cookie: cookie } });
      expect(session.status, `instance ${instance.index}`).toBe(200);
      expect((await session.json()).csrfToken).toBe(csrf);
      const patient = await direct(instance.index, `/api/patients/${RICH}`, { headers: { Cookie: cookie } });
      expect(patient.status).toBe(200);
      served.push(patient.headers.get('X-Trace-Id')!);
    }
    const listed = await (await direct(1, '/api/support/requests', { headers: { Cookie: cookie } })).json();
    expect(listed.requests.map((r: { traceId: string }) => r.traceId)).toEqual(expect.arrayContaining(served));
    // A state-changing request on instance 2 with the token instance 0 gave.
    const out = await direct(2, '/api/auth/logout', { method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': csrf } });
    expect(out.status).toBe(200);
    for (const instance of cluster.instances) {
      const after = await direct(instance.index, '/api/session', { headers: { Cookie: cookie } });
      expect(after.status, `instance ${instance.index} after logout`).toBe(401);
    }
  });
});

describe('a rolling restart of every instance under load', () => {
  it('200 concurrent clients: no request fails, and every answer has its audit row', { timeout: 300_000 }, async () => {
    const { cookie } = await signIn();
    const exits: (number | null)[] = [];
    const restarts = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      for (const instance of cluster.instances) exits.push(await cluster.restartInstance(instance.index));
      await new Promise((resolve) => setTimeout(resolve, 2000));
    })();
    const result = await load(cookie, 200, restarts);
    console.info(
      `rolling restart: ${result.answers} answers, statuses ${JSON.stringify(Object.fromEntries(result.statuses))}, ${result.errors.length} errors, exits ${exits}`,
    );
    expect(result.errors).toEqual([]);
    expect(Object.fromEntries(result.statuses)).toEqual({ 200: result.answers });
    expect(result.answers).toBeGreaterThan(1000);
    // Each instance drained within its bound and exited cleanly.
    expect(exits).toEqual([0, 0, 0]);
    expect(await auditRowsFor(result.traceIds)).toBe(result.answers);
  });
});

describe('PostgreSQL restarted under load', () => {
  it(
    'meanwhile 503 AUDIT_UNAVAILABLE (nothing shown without its audit row); no instance exits; service comes back by itself',
    { timeout: 300_000 },
    async () => {
      const { cookie } = await signIn();
      const version = execFileSync('bash', ['-c', 'pg_lsclusters -h | awk \'$2 == "main" { print $1 }\' | tail -n 1'], { encoding: 'utf8' }).trim();
      let stoppedAt = 0;
      let startedAt = 0;
      const restart = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        stoppedAt = Date.now();
        execFileSync('pg_ctlcluster', [version, 'main', 'stop', '-m', 'fast']);
        await new Promise((resolve) => setTimeout(resolve, 3000));
        execFileSync('pg_ctlcluster', [version, 'main', 'start']);
        startedAt = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 5000));
      })();
      const result = await load(cookie, 50, restart);
      const statuses = Object.fromEntries(result.statuses);
      const firstOutage = result.timeline.find((t) => t.status !== 200);
      const recovered = result.timeline.filter((t) => t.at > startedAt).find((t) => t.status === 200);
      console.info(
        `database restart: ${result.answers} answers, statuses ${JSON.stringify(statuses)}, ${result.errors.length} errors; database stopped for ${startedAt - stoppedAt} ms; first 200 ${recovered ? recovered.at - startedAt : 'never'} ms after it started again`,
      );
      expect(result.errors).toEqual([]);
      expect(Object.keys(statuses).sort()).toEqual(['200', '503']);
      expect(firstOutage?.status).toBe(503);
      expect(recovered).toBeDefined();
      // No instance exited.
      for (const instance of cluster.instances) expect(instance.process!.exitCode, `instance ${instance.index}`).toBeNull();
      // Every record that was shown has its audit row.
      const shown = result.timeline.filter((t) => t.status === 200).length;
      const okTraceIds = result.traceIds.filter((_, i) => result.timeline[i].status === 200);
      expect(okTraceIds).toHaveLength(shown);
      expect(await auditRowsFor(okTraceIds)).toBe(shown);
      // And every refusal was the audit's own: not a gateway error, not a crash.
      expect([...result.codes.keys()]).toEqual(['AUDIT_UNAVAILABLE']);
    },
  );
});

describe('one instance killed (SIGKILL)', () => {
  it('nginx routes around it; a read in flight on it is tried again elsewhere, a write in flight on it is a 502', { timeout: 120_000 }, async () => {
    const { cookie, csrf } = await signIn();
    // The GP system takes 1.5 s: requests are in flight on every instance when one is killed.
    spine.control.replace({ ...spine.control.state, latencyMs: { gp: 1500 } });
    try {
      const reads = Array.from({ length: 6 }, () => cluster.fetch(RECORD, { headers: { Cookie: cookie } }));
      const registration = JSON.stringify({ odsCode: 'A20047', given: 'Owen', family: 'Lister', birthDate: '1984-02-29', gender: 'male' });
      const writes = Array.from({ length: 6 }, () =>
        cluster.fetch('/api/patients/9690124676/registrations', {
          method: 'POST',
          headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
          body: registration,
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await cluster.stopInstance(1, 'SIGKILL')).toBeNull();
      const readStatuses = await Promise.all(reads.map(async (r) => (await r).status));
      const writeStatuses = await Promise.all(writes.map(async (r) => (await r).status));
      console.info(`killed instance 1 with requests in flight: reads ${readStatuses}, writes ${writeStatuses}`);
      expect(readStatuses).toEqual([200, 200, 200, 200, 200, 200]);
      // A write is never sent twice: the ones that were on the killed instance come back as nginx's 502.
      expect(writeStatuses.filter((s) => s === 502).length).toBeGreaterThan(0);
      expect(writeStatuses.every((s) => [201, 409, 502].includes(s))).toBe(true);
      // Afterwards, nothing is sent to the dead instance.
      spine.control.replace({ ...spine.control.state, latencyMs: {} });
      const after = await Promise.all(Array.from({ length: 9 }, async () => (await cluster.fetch(RECORD, { headers: { Cookie: cookie } })).status));
      expect(after).toEqual(Array(9).fill(200));
    } finally {
      spine.control.replace({ ...spine.control.state, latencyMs: {} });
      await cluster.startInstance(1);
    }
  });
});

describe("PGlite's folder, and a second process", () => {
  it('a second instance on the same PGlite folder is refused at start-up, with what to do instead', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gpcv-pglite-'));
    const start = async (port: number) => {
      const child = spawn(process.execPath, ['dist/server/node.js'], {
        env: { ...process.env, SPINE_MODE: 'mock', AUTH_MODE: 'none', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout!.on('data', (d) => (output += d));
      child.stderr!.on('data', (d) => (output += d));
      return { child, output: () => output };
    };
    const first = await start(await freePort());
    try {
      for (let i = 0; i < 300 && !first.output().includes('GP Connect Viewer on'); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(first.output()).toContain('database: pglite');
      const second = await start(await freePort());
      const code = await new Promise((resolve) => second.child.once('exit', resolve));
      expect(code).toBe(1);
      expect(second.output()).toMatch(
        /in use by another viewer process \(pid \d+\)\. PGlite serves one process: to run several instances, give them a PostgreSQL server \(DATABASE_URL\)/,
      );
    } finally {
      first.child.kill('SIGTERM');
      await new Promise((resolve) => first.child.once('exit', resolve));
    }
  });
});
