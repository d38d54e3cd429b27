/**
 * Running as one of many instances (issue 16 parts 1 and 3): ready only with its database and its
 * migrations, not ready while draining, requests in flight finished before it stops; the support
 * log shared through PostgreSQL by every instance; PGlite's folder held by one process.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { delay, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { SIMULATED_SPINE } from '../../mocks/config';
import { lazyDatabase } from '../../src/server/db/database';
import { lockDataFolder } from '../../src/server/db/configured';
import { MIGRATIONS } from '../../src/server/db/migrations';
import { freshTestDatabase } from '../support/db';
import { createTestBff, signInAs } from '../support/bff';
import { setUpSimulatedSpine } from '../support/spine';

const { server } = setUpSimulatedSpine();

describe('readiness (GET /api/ready)', () => {
  it('ready: the database answers and every migration is applied', async () => {
    const response = await createTestBff().app.request('/api/ready');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, database: 'pglite', migrations: MIGRATIONS.length });
  });

  it('not ready without its database: 503 NOT_READY saying why, while health still says it is alive', async () => {
    const database = lazyDatabase(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')), 'postgres');
    const bff = createTestBff({}, { database });
    const response = await bff.app.request('/api/ready');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'NOT_READY', detail: expect.stringContaining('ECONNREFUSED') });
    expect((await bff.app.request('/api/health')).status).toBe(200);
  });

  it('with the database down, a signed-in request is 503 AUDIT_UNAVAILABLE: nothing is shown, nothing fails open', async () => {
    const database = freshTestDatabase();
    const bff = createTestBff({ AUTH_MODE: 'oidc' }, { database });
    const headers = await signInAs(bff.services);
    await database.close();
    const response = await bff.app.request('/api/patients/9658218873', { headers });
    expect([response.status, (await response.json()).code]).toEqual([503, 'AUDIT_UNAVAILABLE']);
  });
});

describe('draining (SIGTERM)', () => {
  it('not ready from the moment it drains; what is in flight is answered, with Connection: close, before the drain ends', async () => {
    const bff = createTestBff();
    // The GP system takes 300 ms: the record is in flight when the drain begins.
    server.use(
      http.all(`${SIMULATED_SPINE.sspBaseUrl}/*`, async ({ request }) => {
        if (request.headers.get('Ssp-InteractionID')?.endsWith('gpc.getcarerecord')) await delay(300);
        return undefined;
      }),
    );
    const inFlight = bff.app.request('/api/patients/9658218873/record/SUM');
    await delay(100);
    expect(bff.services.lifecycle.requestsInFlight).toBe(1);
    const drained = bff.services.lifecycle.drain(5000);
    const ready = await bff.app.request('/api/ready');
    expect([ready.status, (await ready.json()).code]).toEqual([503, 'NOT_READY']);
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Connection')).toBe('close');
    expect(await drained).toBe(true);
    expect(bff.services.lifecycle.requestsInFlight).toBe(0);
    // Its audit row was written before its answer left.
    const rows = await bff.services.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1`, [
      answer.headers.get('X-Trace-Id'),
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('a drain that cannot finish in time says so', async () => {
    const bff = createTestBff();
    const end = bff.services.lifecycle.begin();
    expect(await bff.services.lifecycle.drain(50)).toBe(false);
    end();
  });
});

describe('the support log is shared by every instance (PostgreSQL)', () => {
  it('a request served by one instance is listed by another, for the same session only', async () => {
    const database = freshTestDatabase();
    const a = createTestBff({ AUTH_MODE: 'oidc' }, { database });
    const b = createTestBff({ AUTH_MODE: 'oidc' }, { database });
    const headers = await signInAs(a.services);
    const served = await a.app.request('/api/patients/9658218873', { headers });
    expect(served.status).toBe(200);
    const listed = await (await b.app.request('/api/support/requests', { headers })).json();
    expect(listed.requests.map((r: { traceId: string }) => r.traceId)).toEqual([served.headers.get('X-Trace-Id')]);
    const other = await signInAs(b.services);
    expect((await (await b.app.request('/api/support/requests', { headers: other })).json()).requests).toEqual([]);
    // The session is kept as a hash, never its id.
    const keys = await database.query<{ session_key: string }>('SELECT DISTINCT session_key FROM support_log');
    expect(keys.map((k) => k.session_key).join()).not.toContain(headers.Cookie.split('=')[1]);
  });

  it("keeps a session's last 50 requests", async () => {
    const database = freshTestDatabase();
    const bff = createTestBff({ AUTH_MODE: 'oidc' }, { database });
    const headers = await signInAs(bff.services);
    for (let i = 0; i < 55; i++) await bff.app.request('/api/nothing-here', { headers });
    const listed = await (await bff.app.request('/api/support/requests', { headers })).json();
    expect(listed.requests).toHaveLength(50);
    const [{ n }] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM support_log');
    expect(n).toBe(50);
  });
});

describe("PGlite's data folder serves one process", () => {
  it('a second process is refused with a clear message; a lock left by a process that has gone is taken over', () => {
    const folder = mkdtempSync(join(tmpdir(), 'gpcv-lock-'));
    // Another live process holds it (this test's parent: alive, and not this process).
    writeFileSync(join(folder, 'viewer.lock'), String(process.ppid));
    expect(() => lockDataFolder(folder)).toThrow(
      /in use by another viewer process \(pid \d+\)\. PGlite serves one process: to run several instances, give them a PostgreSQL server \(DATABASE_URL\)/,
    );
    // A process that has gone.
    writeFileSync(join(folder, 'viewer.lock'), '2147483646');
    const unlock = lockDataFolder(folder);
    expect(() => lockDataFolder(folder)).not.toThrow();
    unlock();
  });
});
