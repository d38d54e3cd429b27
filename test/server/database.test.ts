/**
 * The audit and session stores on PostgreSQL: always on PGlite (embedded), and on a real
 * PostgreSQL server when TEST_DATABASE_URL names one (CI installs and starts Debian's). The same
 * SQL, the same expectations.
 */
import { describe, expect, it, vi } from 'vitest';
import { AuditLog, type AuditRecord } from '../../src/server/audit/auditLog';
import { SessionStore } from '../../src/server/auth/sessions';
import type { Database } from '../../src/server/db/database';
import { migrate, MIGRATIONS } from '../../src/server/db/migrations';
import { openPglite } from '../../src/server/db/pglite';
import { openPostgres } from '../../src/server/db/postgres';
import { freshTestDatabase } from '../support/db';
import { createTestBff, signInAs, testUser } from '../support/bff';
import { setUpSimulatedSpine } from '../support/spine';
import { afterWaiting } from '../support/clock';

setUpSimulatedSpine();

const POSTGRES_URL = process.env.TEST_DATABASE_URL;

it('CI runs these tests against a real PostgreSQL server too', () => {
  // .ci/run sets REQUIRE_POSTGRES: there, a missing server is a failure, not a quiet skip.
  if (process.env.REQUIRE_POSTGRES) expect(POSTGRES_URL, 'TEST_DATABASE_URL').toMatch(/^postgres(ql)?:\/\//);
  else expect(process.env.REQUIRE_POSTGRES).toBeUndefined();
});

/** A fresh, empty schema on the PostgreSQL server: the connection string that works in it. */
async function freshSchema(): Promise<{ url: string; schema: string }> {
  const schema = `t_${crypto.randomUUID().replace(/-/g, '')}`;
  const admin = await openPostgres(POSTGRES_URL!);
  await admin.exec(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const url = new URL(POSTGRES_URL!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.href, schema };
}

/** A database of its own for each test: a fresh PGlite from the template, or a fresh schema on the server. */
async function databases(): Promise<[string, () => Promise<Database>][]> {
  const list: [string, () => Promise<Database>][] = [['PGlite', async () => freshTestDatabase()]];
  if (POSTGRES_URL) {
    list.push([
      'PostgreSQL server',
      async () => {
        const db = await openPostgres((await freshSchema()).url);
        await migrate(db);
        return db;
      },
    ]);
  }
  return list;
}

const row = (over: Partial<AuditRecord> = {}): AuditRecord => ({
  requestId: crypto.randomUUID(),
  user: { id: '555021935107', name: 'Nichole Gilbert', role: 'clinician', roleProfileId: '555021936103', organisation: 'GPC001' },
  action: 'record.read',
  nhsNumber: '9658218873',
  section: 'SUM',
  outcome: 'success',
  httpStatus: 200,
  sspCalls: [
    {
      traceId: crypto.randomUUID(),
      from: '200000000359',
      to: '918999198993',
      interactionId: 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord',
      practiceOdsCode: 'A20047',
      status: 200,
    },
  ],
  details: {},
  ...over,
});

describe.each(await databases())('on %s', (_name, open) => {
  it('migrations are versioned, applied once, and the audit is append-only', async () => {
    const db = await open();
    expect(await migrate(db)).toEqual([]);
    const versions = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    const audit = new AuditLog(db);
    await audit.record(row());
    await expect(db.query(`UPDATE audit_events SET outcome = 'failure'`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    await db.close();
  });

  it('a row keeps the Ssp-From and Ssp-To ASIDs; the search shows the practice instead (R10)', async () => {
    const db = await open();
    const audit = new AuditLog(db);
    const event = row();
    await audit.record(event);
    const [stored] = await db.query<Record<string, unknown>>('SELECT ssp_from, ssp_to, ssp_trace_id, ssp_interaction_id FROM audit_events');
    expect(stored).toEqual({
      ssp_from: '200000000359',
      ssp_to: '918999198993',
      ssp_trace_id: event.sspCalls[0].traceId,
      ssp_interaction_id: event.sspCalls[0].interactionId,
    });
    const [entry] = await audit.search({}, 100);
    expect(entry).toMatchObject({ sspTraceId: event.sspCalls[0].traceId, practiceOdsCode: 'A20047', user: { name: 'Nichole Gilbert' } });
    expect(JSON.stringify(entry)).not.toContain('918999198993');
    await db.close();
  });

  it('searches by NHS number, user id or name, and whole UK days; newest first, a page at a time', async () => {
    const db = await open();
    const audit = new AuditLog(db);
    const nurse = { id: '555021937109', name: 'Amir Patel', role: 'clinician', roleProfileId: '555021938105', organisation: 'GPC001' };
    await audit.record(row());
    await audit.record(row({ nhsNumber: '9690123475' }));
    await audit.record(row({ user: nurse, outcome: 'blocked', errorCode: 'FORBIDDEN_ROLE', httpStatus: 403, sspCalls: [] }));
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    await db.query(
      `INSERT INTO audit_events (request_id, action, outcome, http_status, occurred_at, nhs_number) VALUES ('old', 'patient.trace', 'success', 200, '2026-06-30T23:30:00Z', '9658218873')`,
    );

    expect((await audit.search({ nhsNumber: '9658218873' }, 100)).map((e) => e.requestId)).toHaveLength(3);
    expect((await audit.search({ user: '555021937109' }, 100)).map((e) => e.outcome)).toEqual(['blocked']);
    expect((await audit.search({ user: 'patel' }, 100)).map((e) => e.user?.name)).toEqual(['Amir Patel']);
    expect((await audit.search({ user: '%' }, 100)).length).toBe(0);
    expect((await audit.search({ from: '2026-07-01', to: '2026-07-01' }, 100)).map((e) => e.requestId)).toEqual(['old']);
    expect(await audit.search({ from: '2026-06-30', to: '2026-06-30' }, 100)).toEqual([]);

    const all = await audit.search({}, 100);
    expect(all.map((e) => Number(e.id))).toEqual([...all.map((e) => Number(e.id))].sort((a, b) => b - a));
    const page = await audit.search({}, 2);
    const next = await audit.search({ before: page[1].id }, 2);
    expect([...page, ...next].map((e) => e.id)).toEqual(all.map((e) => e.id));
    await db.close();
  });

  it('the BFF on this database: a session, a record read, its audit row', async () => {
    const db = await open();
    const bff = createTestBff({ AUTH_MODE: 'oidc' }, { database: db });
    const response = await bff.app.request('/api/patients/9658218873/record/SUM', { headers: await signInAs(bff.services, testUser('clinician')) });
    expect(response.status).toBe(200);
    const [row] = await db.query<Record<string, unknown>>('SELECT user_name, action, outcome, ssp_interaction_id FROM audit_events WHERE request_id = $1', [
      response.headers.get('X-Trace-Id'),
    ]);
    expect(row).toEqual({
      user_name: 'Nichole Gilbert',
      action: 'record.read',
      outcome: 'success',
      ssp_interaction_id: 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord',
    });
    await db.close();
  });

  it('a session in use is read from the database at most every 30 seconds; a sign-out on another instance ends it at once', async () => {
    const db = await open();
    const queries: string[] = [];
    const counted: Database = { ...db, query: (sql, params) => (queries.push(sql), db.query(sql, params)) };
    const here = new SessionStore(counted, { idleMinutes: 15, maxHours: 12 });
    const there = new SessionStore(db, { idleMinutes: 15, maxHours: 12 });
    const { id } = await there.create(testUser('nurse'));
    expect(await here.resume(id)).toMatchObject({ user: { name: testUser('nurse').name } });
    const read = queries.length;
    expect(await here.resume(id)).toMatchObject({ user: { name: testUser('nurse').name } });
    expect(queries.length).toBe(read);
    expect(await afterWaiting(31_000, () => here.resume(id))).toMatchObject({ user: { name: testUser('nurse').name } });
    expect(queries.length).toBeGreaterThan(read);
    // Signed out through the other instance: this one drops what it holds as soon as the
    // notification reaches it (on a server, over its own LISTEN connection: milliseconds).
    await there.end(id);
    await vi.waitFor(async () => expect(await here.resume(id)).toBeUndefined(), { timeout: 1000, interval: 10 });
    await db.close();
  });

  it('audit rows that arrive together are written in one statement, each settled when it is committed; a row the database refuses fails alone', async () => {
    const db = await open();
    const inserts: number[] = [];
    const counted: Database = {
      ...db,
      query: (sql, params) => {
        if (sql.startsWith('INSERT INTO audit_events')) inserts.push(params!.length / 18);
        // A row whose request id the database refuses (as it would a constraint it breaks).
        if (sql.startsWith('INSERT INTO audit_events') && params!.includes('refused')) return Promise.reject(new Error('refused by the database'));
        return db.query(sql, params);
      },
    };
    const audit = new AuditLog(counted);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => audit.record(row({ requestId: i === 7 ? 'refused' : `batch-${i}` }))));
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 20 }, (_, i) => (i === 7 ? 'rejected' : 'fulfilled')));
    // All 20 in one statement; that one refused, each of them alone.
    expect(inserts).toEqual([20, ...Array.from({ length: 20 }, () => 1)]);
    const written = (await new AuditLog(db).search({}, 100)).map((e) => e.requestId);
    expect(written.sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `batch-${i}`)
        .filter((r) => r !== 'batch-7')
        .sort(),
    );
    await db.close();
  });

  it('sessions: created, resumed, idle-expired, ended; sign-ins used once', async () => {
    const db = await open();
    const store = new SessionStore(db, { idleMinutes: 15, maxHours: 12 });
    const user = testUser('nurse');
    const { id, csrfToken } = await store.create(user, 'id-token');
    expect(await store.resume(id)).toEqual({ user, csrfToken, idToken: 'id-token' });
    expect(await store.resume('nobody')).toBeUndefined();
    await db.query(`UPDATE sessions SET last_seen_at = now() - interval '16 minutes'`);
    expect(await afterWaiting(16 * 60_000, () => store.resume(id))).toBe('expired');
    expect(await store.resume(id)).toBeUndefined();
    const second = await store.create(user);
    expect(await store.end(second.id)).toEqual({ idToken: undefined });
    expect(await store.resume(second.id)).toBeUndefined();

    const pending = { codeVerifier: 'v', state: 's', nonce: 'n', returnTo: '/patients/9658218873' };
    const signIn = await store.startSignIn(pending);
    expect(await store.takeSignIn(signIn)).toEqual(pending);
    expect(await store.takeSignIn(signIn)).toBeUndefined();
    await db.close();
  });
});

it.runIf(POSTGRES_URL)(
  'on a server, a session held across a break in the LISTEN connection is not trusted: a sign-out it could not hear is honoured',
  async () => {
    const db = await openPostgres((await freshSchema()).url);
    await migrate(db);
    const store = new SessionStore(db, { idleMinutes: 15, maxHours: 12 });
    const { id } = await store.create(testUser('nurse'));
    expect(await store.resume(id)).toMatchObject({ user: { name: testUser('nurse').name } });
    const [{ cut }] = await db.query<{ cut: string }>(
      `SELECT now()::text AS cut, pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND datname = current_database()`,
    );
    // The listener connects again by itself (every second until it is back).
    await vi.waitFor(
      async () =>
        expect(
          (
            await db.query(`SELECT 1 FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND datname = current_database() AND backend_start > $1::timestamptz`, [
              cut,
            ])
          ).length,
        ).toBeGreaterThan(0),
      { timeout: 10_000, interval: 100 },
    );
    // Ended while nobody could hear it (the row deleted, no NOTIFY): what was held before the break is not used.
    await db.query('DELETE FROM sessions');
    expect(await store.resume(id)).toBeUndefined();
    await db.close();
  },
);

it.runIf(POSTGRES_URL)('several BFF instances starting at once on one server: each migration applied once (advisory lock)', async () => {
  const { url, schema } = await freshSchema();
  const instances = await Promise.all([1, 2, 3].map(() => openPostgres(url)));
  const applied = await Promise.all(instances.map((db) => migrate(db)));
  expect(applied.flat().sort()).toEqual(MIGRATIONS.map((m) => m.version));
  await Promise.all(instances.map((db) => db.close()));
  const admin = await openPostgres(POSTGRES_URL!);
  await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
  await admin.close();
});

it('PGlite keeps its data on disk: the audit survives closing and reopening the folder', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const folder = mkdtempSync(join(tmpdir(), 'gpcv-pglite-disk-'));
  try {
    const first = await openPglite(folder);
    await migrate(first);
    await new AuditLog(first).record(row({ requestId: 'kept' }));
    await first.close();
    const again = await openPglite(folder);
    expect((await new AuditLog(again).search({}, 100)).map((e) => e.requestId)).toEqual(['kept']);
    await again.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}, 30_000);
