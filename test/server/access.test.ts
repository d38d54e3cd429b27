/**
 * Sign-in, access control and audit on the BFF (issue 5; R9, R10, R26, R27): who may do what,
 * what every attempt leaves in the audit, CSRF, sessions, and the JWT built from the signed-in user.
 */
import { describe, expect, it } from 'vitest';
import { SIMULATED_SPINE as S } from '../../mocks/config';
import { AuditLog } from '../../src/server/audit/auditLog';
import { sha256 } from '../../src/server/hash';
import { GETCARERECORD_INTERACTION } from '../../src/server/flows/careRecord';
import { createTestBff, signInAs, testUser } from '../support/bff';
import { setUpSimulatedSpine } from '../support/spine';
import { afterWaiting } from '../support/clock';

/** The Spine requests of the current test. */
const { requests: sent } = setUpSimulatedSpine();

type Bff = ReturnType<typeof createTestBff>;
const NHS = '9658218873';

async function asUser(userId: string, env: Record<string, string> = {}): Promise<{ bff: Bff; headers: Record<string, string> }> {
  const bff = createTestBff({ AUTH_MODE: 'oidc', ...env });
  return { bff, headers: await signInAs(bff.services, testUser(userId)) };
}

const registration = { odsCode: 'A20047', given: 'Owen', family: 'Lister', birthDate: '1984-02-29', gender: 'male' };

/** The routes each role is tried on, and which roles may use them (src/shared/access.ts). */
const MATRIX: { name: string; method?: string; path: string; allowed: string[] }[] = [
  { name: 'find a patient', path: `/api/patients/${NHS}`, allowed: ['clinician', 'nurse', 'clinical-support', 'receptionist'] },
  { name: 'open the summary', path: `/api/patients/${NHS}/record/SUM`, allowed: ['clinician', 'nurse', 'clinical-support'] },
  { name: 'open encounters', path: `/api/patients/${NHS}/record/ENC`, allowed: ['clinician', 'nurse'] },
  // A structured area has the permission of its HTML section (MED, ENC).
  { name: 'open structured medications', path: `/api/patients/${NHS}/structured/medications`, allowed: ['clinician', 'nurse', 'clinical-support'] },
  { name: 'open structured consultations', path: `/api/patients/${NHS}/structured/consultations`, allowed: ['clinician', 'nurse'] },
  { name: "the practice's record", path: `/api/patients/${NHS}/gp-patient`, allowed: ['clinician', 'nurse', 'clinical-support', 'receptionist'] },
  {
    name: 'register a patient',
    method: 'POST',
    path: '/api/patients/9690124676/registrations',
    allowed: ['clinician', 'nurse', 'clinical-support', 'receptionist'],
  },
  {
    name: 'search organisations',
    path: '/api/organisations?odsCode=A20047',
    allowed: ['clinician', 'nurse', 'clinical-support', 'receptionist', 'privacy-officer'],
  },
  { name: 'read the audit', path: '/api/audit', allowed: ['privacy-officer'] },
];
const ROLES = ['clinician', 'nurse', 'clinical-support', 'receptionist', 'privacy-officer', 'unknown-role'];

describe('R27: role-based access', () => {
  it.each(MATRIX.flatMap((route) => ROLES.map((role) => [route.name, role, route] as const)))('%s as %s', async (_name, role, route) => {
    const { bff, headers } = await asUser(role);
    const body = route.method === 'POST' ? JSON.stringify({ ...registration }) : undefined;
    const response = await bff.app.request(route.path, {
      method: route.method ?? 'GET',
      headers: { ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body,
    });
    if (route.allowed.includes(role)) {
      expect([401, 403]).not.toContain(response.status);
    } else {
      expect(response.status).toBe(403);
      const problem = await response.json();
      expect(problem.code).toBe('FORBIDDEN_ROLE');
      // Refused before any Spine call.
      expect(sent).toEqual([]);
    }
  });

  it('a user whose organisation has no GP Connect ASID here is refused before any Spine call (R9), and their session says why', async () => {
    const { bff, headers } = await asUser('other-organisation');
    const session = await (await bff.app.request('/api/session', { headers })).json();
    expect(session.permissions).toEqual([]);
    expect(session.restriction).toContain('Elsewhere NHS Trust, RXX01');
    const response = await bff.app.request(`/api/patients/${NHS}`, { headers });
    expect(response.status).toBe(403);
    expect((await response.json()).code).toBe('ORGANISATION_NOT_CONFIGURED');
    expect(sent).toEqual([]);
  });
});

describe('no session: 401 on every /api route but health and sign-in', () => {
  const bff = createTestBff({ AUTH_MODE: 'oidc' });
  it.each([
    `/api/patients/${NHS}`,
    `/api/patients/${NHS}/record/SUM`,
    `/api/patients/${NHS}/gp-connect`,
    `/api/patients/${NHS}/gp-patient`,
    '/api/organisations?odsCode=A20047',
    '/api/practitioners?sdsUserId=G13579135&odsCode=A20047',
    '/api/locations/11?odsCode=A20047',
    '/api/audit',
    '/api/audit/export',
    '/api/session',
    '/api/support/requests',
    '/api/no-such-route',
  ])('GET %s → 401 NOT_SIGNED_IN', async (path) => {
    const response = await bff.app.request(path);
    expect(response.status).toBe(401);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect((await response.json()).code).toBe('NOT_SIGNED_IN');
    expect(sent).toEqual([]);
  });

  it('POST routes too, and a cookie that names no session is no better', async () => {
    expect((await bff.app.request('/api/auth/logout', { method: 'POST' })).status).toBe(401);
    const forged = await bff.app.request(`/api/patients/${NHS}`, { headers: { Cookie: 'gpcv_session=not-a-session' } });
    expect(forged.status).toBe(401);
  });

  it('health answers, and sign-in starts (to the identity provider)', async () => {
    expect((await bff.app.request('/api/health')).status).toBe(200);
  });
});

describe('R26: one audit row per attempt, before the answer', () => {
  async function rowsFor(bff: Bff, requestId: string) {
    return bff.services.database.query<Record<string, unknown>>('SELECT * FROM audit_events WHERE request_id = $1', [requestId]);
  }

  it('a record read: who, what, the outcome and the Ssp-* headers of the record call', async () => {
    const { bff, headers } = await asUser('nurse');
    const response = await bff.app.request(`/api/patients/${NHS}/record/SUM`, { headers });
    expect(response.status).toBe(200);
    const [row] = await rowsFor(bff, response.headers.get('X-Trace-Id')!);
    const record = sent.find((r) => r.headers.get('Ssp-InteractionID') === GETCARERECORD_INTERACTION)!;
    expect(row).toMatchObject({
      user_id: '555021937109',
      user_name: 'Amir Patel',
      role_profile_id: '555021938105',
      user_org: 'GPC001',
      action: 'record.read',
      nhs_number: NHS,
      section: 'SUM',
      outcome: 'success',
      http_status: 200,
      error_code: null,
      ssp_trace_id: record.headers.get('Ssp-TraceID'),
      ssp_from: S.consumers[0].asid,
      ssp_to: record.headers.get('Ssp-To'),
      ssp_interaction_id: GETCARERECORD_INTERACTION,
    });
    expect(row.user_role).toContain('R8001');
    // Every SSP call of the request: the identity check's and the record's.
    expect((row.spine_calls as { interactionId: string }[]).map((c) => c.interactionId)).toContain(GETCARERECORD_INTERACTION);
  });

  it("a request without a record call names its first call: the practice check's search", async () => {
    const { bff, headers } = await asUser('clinician');
    const response = await bff.app.request(`/api/patients/${NHS}/gp-patient`, { headers });
    const [row] = await rowsFor(bff, response.headers.get('X-Trace-Id')!);
    expect(row).toMatchObject({ action: 'patient.practice-record', ssp_interaction_id: 'urn:nhs:names:services:gpconnect:fhir:rest:search:patient-1' });
    expect(row.spine_calls).toHaveLength(3);
  });

  it.each([
    ['a failure (dissent at the GP system)', '9658220169', 'failure', 'GP_NO_PATIENT_CONSENT'],
    ['a block by a safety gate (restricted)', '9658220142', 'blocked', 'PATIENT_RESTRICTED'],
  ])('%s', async (_name, nhs, outcome, code) => {
    const { bff, headers } = await asUser('clinician');
    const response = await bff.app.request(`/api/patients/${nhs}/record/SUM`, { headers });
    const [row] = await rowsFor(bff, response.headers.get('X-Trace-Id')!);
    expect(row).toMatchObject({ user_id: '555021935107', nhs_number: nhs, outcome, error_code: code, http_status: response.status });
  });

  it('a refusal by role, and an attempt without a session, are recorded as blocked', async () => {
    const { bff, headers } = await asUser('receptionist');
    const refused = await bff.app.request(`/api/patients/${NHS}/record/SUM`, { headers });
    expect((await rowsFor(bff, refused.headers.get('X-Trace-Id')!))[0]).toMatchObject({
      user_name: 'Rita Lowe',
      outcome: 'blocked',
      error_code: 'FORBIDDEN_ROLE',
      http_status: 403,
      ssp_trace_id: null,
    });
    const anonymous = await bff.app.request(`/api/patients/${NHS}/record/SUM`);
    expect((await rowsFor(bff, anonymous.headers.get('X-Trace-Id')!))[0]).toMatchObject({
      user_id: null,
      nhs_number: NHS,
      outcome: 'blocked',
      error_code: 'NOT_SIGNED_IN',
    });
  });

  it('an invalid NHS number is recorded as asked for, beside the row', async () => {
    const bff = createTestBff();
    const response = await bff.app.request('/api/patients/12345/record/SUM');
    const [row] = await rowsFor(bff, response.headers.get('X-Trace-Id')!);
    expect(row).toMatchObject({ nhs_number: null, outcome: 'failure', error_code: 'INVALID_NHS_NUMBER', details: { requestedNhsNumber: '12345' } });
  });

  it('the identity confirmation (R7) is recorded with the record read', async () => {
    const bff = createTestBff();
    const first = await (await bff.app.request('/api/patients/9690124609/record/SUM')).json();
    const confirmed = await bff.app.request(`/api/patients/9690124609/record/SUM?confirm=${first.identityCheck.fingerprint}`);
    const [row] = await rowsFor(bff, confirmed.headers.get('X-Trace-Id')!);
    expect(row).toMatchObject({
      outcome: 'success',
      details: { identityConfirmation: first.identityCheck.fingerprint, identity: { status: 'differs', confirmed: true } },
    });
  });

  it('if the audit cannot be written, the data is not returned', async () => {
    const bff = createTestBff();
    bff.services.auditLog.record = async () => {
      throw new Error('disk full');
    };
    const response = await bff.app.request(`/api/patients/${NHS}/record/SUM`);
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text).code).toBe('AUDIT_UNAVAILABLE');
    expect(text).not.toMatch(/Summary|MEAKIN|Meakin|<table/);
    expect(bff.logs.some((l) => l.event === 'audit-write-failed')).toBe(true);
  });

  it('append-only: the application has no update or delete, and the database refuses them', async () => {
    const bff = createTestBff();
    await bff.app.request(`/api/patients/${NHS}`);
    expect(Object.getOwnPropertyNames(AuditLog.prototype).sort()).toEqual(['constructor', 'insert', 'record', 'search']);
    const db = bff.services.database;
    await expect(db.query(`UPDATE audit_events SET outcome = 'success'`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events'))[0].n).toBeGreaterThan(0);
  });
});

describe('CSRF on state-changing requests', () => {
  const post = (bff: Bff, headers: Record<string, string>) =>
    bff.app.request('/api/patients/9690124676/registrations', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(registration),
    });

  it("refuses a missing or wrong token, or another origin, and accepts the session's own", async () => {
    const { bff, headers } = await asUser('clinician');
    expect((await (await post(bff, { Cookie: headers.Cookie })).json()).code).toBe('CSRF_REJECTED');
    expect((await (await post(bff, { Cookie: headers.Cookie, 'X-CSRF-Token': 'x'.repeat(43) })).json()).code).toBe('CSRF_REJECTED');
    expect((await (await post(bff, { ...headers, Origin: 'https://evil.example' })).json()).code).toBe('CSRF_REJECTED');
    expect(sent).toEqual([]);
    // With the token, from this origin: the registration reaches the GP system (201, or 409 if this file registered them already).
    const accepted = await post(bff, { ...headers, Origin: 'http://localhost:8080' });
    expect([201, 409]).toContain(accepted.status);
    expect(sent.some((r) => r.url.includes('$gpc.registerpatient'))).toBe(true);
  });
});

describe('sessions', () => {
  it('end after 15 minutes without a request, and are then gone', async () => {
    const { bff, headers } = await asUser('clinician');
    expect((await bff.app.request('/api/session', { headers })).status).toBe(200);
    const hash = await sha256(headers.Cookie.split('=')[1]);
    await bff.services.database.query(`UPDATE sessions SET last_seen_at = now() - interval '15 minutes 1 second' WHERE id_hash = $1`, [hash]);
    // The instance held the session from the first request; 15 minutes on, it asks the database again.
    const expired = await afterWaiting(15 * 60_000 + 1000, () => bff.app.request('/api/session', { headers }));
    expect(expired.status).toBe(401);
    expect((await expired.json()).code).toBe('SESSION_EXPIRED');
    expect(expired.headers.get('Set-Cookie')).toMatch(/gpcv_session=;/);
    expect(await bff.services.database.query('SELECT 1 FROM sessions WHERE id_hash = $1', [hash])).toEqual([]);
  });

  it('a request restarts the idle clock; the whole session still ends after SESSION_MAX_HOURS', async () => {
    const { bff, headers } = await asUser('clinician');
    const hash = await sha256(headers.Cookie.split('=')[1]);
    await bff.services.database.query(`UPDATE sessions SET last_seen_at = now() - interval '14 minutes' WHERE id_hash = $1`, [hash]);
    expect((await bff.app.request('/api/session', { headers })).status).toBe(200);
    const [row] = await bff.services.database.query<{ idle: number }>(
      `SELECT extract(epoch FROM now() - last_seen_at)::int AS idle FROM sessions WHERE id_hash = $1`,
      [hash],
    );
    expect(row.idle).toBeLessThan(5);
    await bff.services.database.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id_hash = $1`, [hash]);
    // Held in memory at most until the idle clock is next due to be written (30 seconds).
    expect((await afterWaiting(30_000, () => bff.app.request('/api/session', { headers }))).status).toBe(401);
  });

  it('a session in use is written at most every 30 seconds (a read per request otherwise)', async () => {
    const { bff, headers } = await asUser('clinician');
    const hash = await sha256(headers.Cookie.split('=')[1]);
    await bff.services.database.query(`UPDATE sessions SET last_seen_at = now() - interval '10 seconds' WHERE id_hash = $1`, [hash]);
    expect((await bff.app.request('/api/session', { headers })).status).toBe(200);
    const [row] = await bff.services.database.query<{ idle: number }>(
      `SELECT extract(epoch FROM now() - last_seen_at)::int AS idle FROM sessions WHERE id_hash = $1`,
      [hash],
    );
    expect(row.idle).toBeGreaterThanOrEqual(10);
  });

  it('survive a restart and are shared by every BFF instance on the same database', async () => {
    const { bff, headers } = await asUser('clinician');
    // Another instance: its own services and caches, the same database.
    const other = createTestBff({ AUTH_MODE: 'oidc' }, { database: bff.services.database });
    const session = await other.app.request('/api/session', { headers });
    expect(session.status).toBe(200);
    expect((await session.json()).user.name).toBe('Nichole Gilbert');
  });

  it('are kept as a hash only: the cookie value is not in the database', async () => {
    const { bff, headers } = await asUser('clinician');
    const id = headers.Cookie.split('=')[1];
    const rows = await bff.services.database.query<{ id_hash: string }>('SELECT id_hash FROM sessions');
    expect(rows.map((r) => r.id_hash)).toContain(await sha256(id));
    expect(rows.map((r) => r.id_hash)).not.toContain(id);
  });

  it('sign-out ends the session, and says where to go next', async () => {
    const { bff, headers } = await asUser('clinician');
    const out = await bff.app.request('/api/auth/logout', { method: 'POST', headers });
    expect(out.status).toBe(200);
    expect(await out.json()).toEqual({ redirectTo: '/signed-out' });
    expect((await bff.app.request('/api/session', { headers })).status).toBe(401);
  });

  it('the cookie: HttpOnly and SameSite=Strict; __Host- and Secure under https', async () => {
    const bff = createTestBff({ AUTH_MODE: 'oidc', PUBLIC_URL: 'https://viewer.example.nhs.uk' });
    const headers = await signInAs(bff.services);
    expect(headers.Cookie).toMatch(/^__Host-gpcv_session=/);
    const expired = await bff.app.request('/api/session', { headers: { Cookie: '__Host-gpcv_session=gone' } });
    expect(expired.headers.get('Set-Cookie')).toMatch(/__Host-gpcv_session=;.*Secure/);
  });
});

describe('R9, R10: the GP Connect JWT and Ssp-From come from the signed-in user and their organisation', () => {
  const claimsOf = (request: Request) => JSON.parse(Buffer.from(request.headers.get('Authorization')!.split('.')[1], 'base64url').toString());

  it("requesting_practitioner and sub are the user's SDS user id and role profile id; the organisation and ASID are configured for theirs", async () => {
    const { bff, headers } = await asUser('nurse');
    expect((await bff.app.request(`/api/patients/${NHS}/record/SUM`, { headers })).status).toBe(200);
    const record = sent.find((r) => r.headers.get('Ssp-InteractionID') === GETCARERECORD_INTERACTION)!;
    const claims = claimsOf(record);
    expect(claims.sub).toBe('555021937109');
    expect(claims.requesting_practitioner.identifier).toEqual([
      { system: 'http://fhir.nhs.net/sds-user-id', value: '555021937109' },
      { system: 'http://fhir.nhs.net/sds-role-profile-id', value: '555021938105' },
    ]);
    expect(claims.requesting_practitioner.name).toMatchObject({ family: ['Patel'], given: ['Amir'] });
    expect(claims.requesting_practitioner.practitionerRole[0].role.coding[0].code).toBe('R8001');
    expect(claims.requesting_organization.identifier[0].value).toBe('GPC001');
    expect(record.headers.get('Ssp-From')).toBe('200000000359');
    // The STU3 calls of the identity check name the same user.
    const search = sent.find((r) => r.url.includes('/Patient?identifier'))!;
    expect(claimsOf(search).requesting_practitioner.identifier[0]).toEqual({ system: 'https://fhir.nhs.uk/Id/sds-user-id', value: '555021937109' });
  });

  it('another configured organisation sends its own ASID (which this simulated SSP does not know, and refuses)', async () => {
    const { bff, headers } = await asUser('other-organisation', { CONSUMER_ORGANISATIONS: 'RXX01=200000000999=Elsewhere NHS Trust' });
    const response = await bff.app.request(`/api/patients/${NHS}/record/SUM`, { headers });
    const first = sent.find((r) => r.headers.has('Ssp-From'))!;
    expect(first.headers.get('Ssp-From')).toBe('200000000999');
    expect(claimsOf(first).requesting_organization).toMatchObject({ name: 'Elsewhere NHS Trust' });
    expect((await response.json()).code).toBe('SSP_NOT_AUTHORISED');
  });
});

describe('security headers', () => {
  it('on every answer; HSTS only where the viewer is served over https; no-store on /api', async () => {
    const plain = await createTestBff().app.request('/api/health');
    expect(plain.headers.get('Strict-Transport-Security')).toBeNull();
    expect(plain.headers.get('Cache-Control')).toBe('no-store');
    expect(plain.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(plain.headers.get('Referrer-Policy')).toBe('no-referrer');
    const csp = plain.headers.get('Content-Security-Policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const secure = await createTestBff({ PUBLIC_URL: 'https://viewer.example.nhs.uk' }).app.request('/api/health');
    expect(secure.headers.get('Strict-Transport-Security')).toMatch(/max-age=31536000/);
  });
});

describe('the support view at a shared workstation', () => {
  it("a second user signed in at the same browser does not see the first one's requests", async () => {
    const bff = createTestBff({ AUTH_MODE: 'oidc' });
    const browser = 'gpcv_support=7d4b6b25-8370-4e1a-a198-f732965e2788';
    const first = await signInAs(bff.services, testUser('clinician'));
    await bff.app.request(`/api/patients/${NHS}`, { headers: { ...first, Cookie: `${first.Cookie}; ${browser}` } });
    const mine = await (await bff.app.request('/api/support/requests', { headers: { ...first, Cookie: `${first.Cookie}; ${browser}` } })).json();
    expect(mine.requests.map((r: { nhsNumber?: string }) => r.nhsNumber)).toEqual([NHS]);
    const second = await signInAs(bff.services, testUser('nurse'));
    const theirs = await (await bff.app.request('/api/support/requests', { headers: { ...second, Cookie: `${second.Cookie}; ${browser}` } })).json();
    expect(theirs.requests).toEqual([]);
  });
});
