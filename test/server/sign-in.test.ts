/**
 * Sign-in over real HTTP (issue 5): the BFF and the simulated NHS CIS2 on a local port, driven as
 * a browser would (cookies, redirects): authorization code with PKCE (S256), state and nonce
 * checked, the session made, the attempt audited; and each way a sign-in can fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { serve, type HttpBindings } from '@hono/node-server';
import { mountSimulatedCis2 } from '../../mocks/cis2/mount';
import { SIMULATED_SPINE_ENV } from '../../mocks/config';
import { createApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { createLogger } from '../../src/server/logger';
import { createServices, type Services } from '../../src/server/services';
import { ClaimsError, userFromClaims } from '../../src/server/auth/user';
import { TEST_USERS } from '../../mocks/cis2/users';
import { safeReturnTo } from '../../src/server/api/auth';
import { testDatabase } from '../support/db';
import { Browser } from '../support/browser';
import { freePort } from '../support/net';

let origin = '';
let services: Services;
let close: () => void;

beforeAll(async () => {
  const port = await freePort();
  origin = `http://localhost:${port}`;
  const config = loadConfig({ ...SIMULATED_SPINE_ENV, SPINE_MODE: 'mock', PORT: String(port), PUBLIC_URL: origin });
  services = createServices(config, { database: testDatabase(), logger: createLogger('silent') });
  const server = new Hono<{ Bindings: HttpBindings }>();
  mountSimulatedCis2(server, origin);
  server.route('/', createApp(services));
  const http = serve({ fetch: server.fetch, port, hostname: '127.0.0.1' });
  close = () => http.close();
});
afterAll(() => close());

describe('sign-in with the simulated NHS CIS2', () => {
  it("authorization code with PKCE: a session, the user from CIS2's claims, the attempt audited", async () => {
    const browser = new Browser(origin);
    const { authorize, page, action } = await browser.toLoginPage('/patients/9658218873');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('scope')).toContain('nationalrbacaccess');
    for (const user of TEST_USERS) expect(page).toContain(`data-user="${user.id}"`);
    // The pending sign-in's cookie: only for /api/auth, and it must survive the provider's redirect back (Lax).
    expect(browser.setCookies.find((c) => c.startsWith('gpcv_signin='))).toMatch(
      /HttpOnly.*Path=\/api\/auth.*SameSite=Lax|Path=\/api\/auth.*HttpOnly.*SameSite=Lax/i,
    );

    const posted = await browser.get(action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'user=clinical-support',
    });
    const { url } = await browser.follow(posted.headers.get('Location')!);
    expect(url.pathname).toBe('/patients/9658218873');
    expect(browser.setCookies.find((c) => c.startsWith('gpcv_session='))).toMatch(/HttpOnly/i);
    expect(browser.setCookies.find((c) => c.startsWith('gpcv_session='))).toMatch(/SameSite=Strict/i);

    const session = await (await browser.get('/api/session')).json();
    expect(session).toMatchObject({
      authMode: 'oidc',
      user: { id: '555021939101', name: 'Sam Okafor', role: 'clinical-support', organisation: { odsCode: 'GPC001' } },
    });
    expect(session.permissions).toEqual(expect.arrayContaining(['patient:search', 'record:SUM']));
    expect(session.permissions).not.toContain('record:ENC');
    expect(session.csrfToken).toMatch(/^[\w-]{43}$/);
    const [audit] = await services.database.query<Record<string, unknown>>(
      `SELECT * FROM audit_events WHERE action = 'sign-in' AND user_id = '555021939101' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({ outcome: 'success', user_name: 'Sam Okafor', user_org: 'GPC001' });
  });

  it('the callback used twice signs nobody in the second time', async () => {
    const browser = new Browser(origin);
    const { action } = await browser.toLoginPage();
    const posted = await browser.get(action, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'user=clinician' });
    let callback: URL | undefined;
    await browser.follow(posted.headers.get('Location')!, (l) => {
      if (l.pathname === '/api/auth/callback') callback = l;
      return false;
    });
    const replay = new Browser(origin);
    const again = await replay.get(callback!.href);
    expect(again.headers.get('Location')).toBe('/sign-in?error=expired');
  });

  it('a tampered state is refused, and audited as a failed sign-in', async () => {
    const browser = new Browser(origin);
    const { action } = await browser.toLoginPage();
    const posted = await browser.get(action, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'user=clinician' });
    const { url } = await browser.follow(posted.headers.get('Location')!, (l) => l.pathname === '/api/auth/callback');
    url.searchParams.set('state', 'forged');
    const answer = await browser.get(url.href);
    expect(answer.headers.get('Location')).toBe('/sign-in?error=failed');
    expect((await browser.get('/api/session')).status).toBe(401);
    const [audit] = await services.database.query<Record<string, unknown>>(`SELECT * FROM audit_events WHERE action = 'sign-in' ORDER BY id DESC LIMIT 1`);
    expect(audit).toMatchObject({ outcome: 'failure', error_code: 'SIGN_IN_FAILED', user_id: null });
  });

  it('cancelling at the provider comes back as a refusal', async () => {
    const browser = new Browser(origin);
    const { action } = await browser.toLoginPage();
    const cancelled = await browser.get(action.replace(/\/login$/, '/cancel'), { method: 'POST' });
    const { url } = await browser.follow(cancelled.headers.get('Location')!, (l) => l.pathname.startsWith('/sign-in'));
    expect(url.search).toBe('?error=refused');
  });

  it('signing in again gives a new session id and ends the one the browser had', async () => {
    const browser = new Browser(origin);
    const first = await browser.signIn('clinician');
    // The provider notices a different user and ends its own session first (a self-submitting form).
    const second = await browser.signIn('nurse');
    expect(second).not.toBe(first);
    expect((await fetch(`${origin}/api/session`, { headers: { Cookie: first } })).status).toBe(401);
    expect((await (await fetch(`${origin}/api/session`, { headers: { Cookie: second } })).json()).user.name).toBe('Amir Patel');
  });

  it('every sign-in asks who: no single sign-on between test users', async () => {
    const browser = new Browser(origin);
    const { action } = await browser.toLoginPage();
    const posted = await browser.get(action, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'user=clinician' });
    await browser.follow(posted.headers.get('Location')!);
    const { page } = await browser.toLoginPage();
    expect(page).toContain('Choose who to sign in as');
  });
});

describe('CIS2 claims', () => {
  const claims = TEST_USERS.find((u) => u.id === 'nurse')!.claims;

  it('the selected role gives the job role, organisation and role profile id', () => {
    const user = userFromClaims({
      ...claims,
      selected_roleid: '999',
      nhsid_nrbac_roles: [
        claims.nhsid_nrbac_roles[0],
        { person_roleid: '999', person_orgid: '1', org_code: 'RXX01', role_name: 'x', role_code: 'S0010:G0020:R8008' },
      ],
      nhsid_user_orgs: [...claims.nhsid_user_orgs, { org_code: 'RXX01', org_name: 'Elsewhere NHS Trust' }],
    });
    expect(user).toMatchObject({
      sdsUserId: '555021937109',
      roleProfileId: '999',
      jobRole: { code: 'R8008' },
      role: 'clinical-support',
      organisation: { odsCode: 'RXX01', name: 'Elsewhere NHS Trust' },
    });
  });

  it('no RBAC roles: the sign-in cannot be read', () => {
    expect(() => userFromClaims({ ...claims, nhsid_nrbac_roles: [] })).toThrow(ClaimsError);
  });

  it('a role this viewer does not know: signed in, allowed nothing', () => {
    expect(userFromClaims(TEST_USERS.find((u) => u.id === 'unknown-role')!.claims)).toMatchObject({ jobRole: { code: 'R8015' }, role: undefined });
  });

  it('returnTo stays inside the SPA', () => {
    expect(safeReturnTo('/patients/9658218873/record/SUM?from=2020-01-01')).toBe('/patients/9658218873/record/SUM?from=2020-01-01');
    for (const bad of ['https://evil.example/', '//evil.example', '/\\evil.example', '/api/audit/export', 'patients', undefined])
      expect(safeReturnTo(bad)).toBe('/');
  });
});
