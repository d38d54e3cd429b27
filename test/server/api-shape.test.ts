/**
 * The API's shape holds by itself (issue 13): every /api route begins with its declared guard, a
 * route without one is refused at run time, every route is in the OpenAPI description and the
 * description has no route that does not exist, and the contract check on real answers can fail.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { guardMiddleware, guardOf, requireDeclaredRoute, type Guard } from '../../src/server/api/guard';
import { openApiDocument } from '../../src/server/api/openapi';
import { problemResponse, type AppEnv } from '../../src/server/appEnv';
import { AppError } from '../../src/server/problem';
import { CallTrace } from '../../src/server/spine/trace';
import { ApiContract } from '../support/contract';
import { createTestBff } from '../support/bff';

const bff = createTestBff();
const app = bff.app;

interface Endpoint {
  method: string;
  path: string;
  guard?: Guard;
}

/**
 * Every handler that answers an /api request (a handler, not a middleware: it takes no `next`),
 * with the guard its route begins with: the first of the handlers registered together for the same
 * method and path.
 */
function endpoints(): Endpoint[] {
  const routes = app.routes;
  const found: Endpoint[] = [];
  routes.forEach((route, i) => {
    if (!route.path.startsWith('/api/') || route.handler.length >= 2) return;
    let first = i;
    while (first > 0 && routes[first - 1].method === route.method && routes[first - 1].path === route.path) first--;
    found.push({ method: route.method, path: route.path, guard: guardOf(routes[first].handler) });
  });
  return found;
}

const PUBLIC = ['GET /api/health', 'GET /api/ready', 'GET /api/openapi.json', 'GET /api/auth/login', 'GET /api/auth/callback'];

/** What each route is audited as, the permission it needs and whether it calls the Spine: a change here is a change of access. */
const ACCESS: Record<string, string> = {
  'POST /api/auth/logout': 'signed-in',
  'GET /api/session': 'signed-in',
  'GET /api/support/requests': 'signed-in',
  'ALL /api/*': 'signed-in',
  'POST /api/patients/search': 'patient.search patient:search spine',
  'GET /api/patients/:nhsNumber': 'patient.trace patient:search spine',
  'GET /api/patients/:nhsNumber/gp-connect': 'patient.gp-connect patient:search spine',
  'GET /api/patients/:nhsNumber/record/:section': 'record.read record:{section} spine',
  // The structured area's permission is its HTML section's (ALL for allergies, MED for medications, …).
  'GET /api/patients/:nhsNumber/structured/:area': 'record.structured.read record:{section} spine',
  'GET /api/patients/:nhsNumber/gp-patient': 'patient.practice-record patient:search spine',
  'POST /api/patients/:nhsNumber/registrations': 'patient.register patient:register spine',
  'GET /api/organisations': 'organisation.search directory:read spine',
  'GET /api/organisations/:odsCode/capability': 'organisation.capability directory:read spine',
  'GET /api/organisations/:odsCode/by-id/:id': 'organisation.read directory:read spine',
  'GET /api/practitioners': 'practitioner.search directory:read spine',
  'GET /api/practitioners/:id': 'practitioner.read directory:read spine',
  'GET /api/locations/:id': 'location.read directory:read spine',
  'POST /api/worklists': 'worklist.load patient:search',
  'GET /api/audit': 'audit.search audit:read',
  'GET /api/audit/export': 'audit.export audit:read',
};

function describeAccess(guard: Guard): string {
  if (guard.access !== 'role') return guard.access;
  const permission = typeof guard.permission === 'function' ? `record:{section}` : guard.permission;
  return [guard.audit, permission, ...(guard.spine ? ['spine'] : [])].join(' ');
}

describe('every /api route guards itself (fail closed)', () => {
  it('each route begins with a declared guard; only health, readiness, the description and the sign-in steps are public', () => {
    const all = endpoints();
    expect(all.length).toBeGreaterThanOrEqual(22);
    const unguarded = all.filter((e) => !e.guard).map((e) => `${e.method} ${e.path}`);
    expect(unguarded, 'routes without a guard').toEqual([]);
    const publicRoutes = all.filter((e) => e.guard?.access === 'public').map((e) => `${e.method} ${e.path}`);
    expect(publicRoutes.sort()).toEqual([...PUBLIC].sort());
    const access = Object.fromEntries(all.filter((e) => e.guard?.access !== 'public').map((e) => [`${e.method} ${e.path}`, describeAccess(e.guard!)]));
    expect(access).toEqual(ACCESS);
  });

  it('a route registered without a guard is refused at run time, and its handler never runs', async () => {
    let ran = 0;
    const logs: unknown[] = [];
    const services = { ...bff.services, logger: { ...bff.services.logger, error: (entry: unknown) => void logs.push(entry) } } as typeof bff.services;
    const probe = new Hono<AppEnv>();
    probe.use('*', async (c, next) => {
      c.set('traceId', 'probe');
      c.set('trace', new CallTrace());
      await next();
    });
    probe.use('/api/*', requireDeclaredRoute(services));
    probe.get('/api/unguarded', (c) => {
      ran++;
      return c.json({ secret: true });
    });
    probe.get('/api/guarded', guardMiddleware({ access: 'public' }, services), (c) => c.json({ ok: true }));
    probe.onError((error, c) => problemResponse(c, error instanceof AppError ? error : new AppError('INTERNAL_ERROR')));

    const refused = await probe.request('/api/unguarded');
    expect(refused.status).toBe(500);
    expect(await refused.json()).toMatchObject({ code: 'INTERNAL_ERROR', detail: expect.stringContaining('declares no access rule') });
    expect(ran).toBe(0);
    expect(logs).toEqual([expect.objectContaining({ event: 'route-without-guard', route: '/api/unguarded' })]);
    expect((await probe.request('/api/guarded')).status).toBe(200);
  });
});

describe('the OpenAPI description', () => {
  const document = openApiDocument(app) as unknown as { openapi: string; paths: Record<string, Record<string, unknown>> };
  const described = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));

  it('is OpenAPI 3.1, served at /api/openapi.json without a session', async () => {
    const signedOut = createTestBff({ AUTH_MODE: 'oidc' });
    const response = await signedOut.app.request('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)));
    expect(document.openapi).toBe('3.1.0');
  });

  it('lists every route, and nothing that is not one', () => {
    const registered = endpoints()
      .filter((e) => e.path !== '/api/*')
      .map((e) => `${e.method} ${e.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(described.sort()).toEqual([...new Set(registered)].sort());
    expect(described).toHaveLength(24);
  });

  it('gives each route its parameters, its answer and its problem codes by status', () => {
    const record = document.paths['/api/patients/{nhsNumber}/record/{section}'].get as Record<string, any>;
    expect(record.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`)).toEqual([
      'path:nhsNumber',
      'path:section',
      'query:from',
      'query:to',
      'query:confirm',
    ]);
    expect(Object.keys(record.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '502', '503', '504']));
    expect(record['x-problem-codes']['409']).toEqual(expect.arrayContaining(['IDENTITY_NOT_CONFIRMED', 'TRACE_TOO_OLD']));
    expect(record['x-problem-codes']['400']).toEqual(
      expect.arrayContaining(['INVALID_NHS_NUMBER', 'INVALID_SECTION', 'INVALID_DATE_RANGE', 'DATE_RANGE_NOT_ALLOWED', 'INVALID_QUERY']),
    );
    const register = document.paths['/api/patients/{nhsNumber}/registrations'].post as Record<string, any>;
    expect(register.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/RegistrationRequest' });
    expect((document as any).components.schemas.RegistrationRequest.required).toEqual(
      expect.arrayContaining(['odsCode', 'given', 'family', 'birthDate', 'gender']),
    );
    expect(register['x-problem-codes']['403']).toContain('CSRF_REJECTED');
    expect((document.paths['/api/health'].get as Record<string, any>).security).toEqual([]);
  });
});

describe('the contract check on real answers', () => {
  const contract = new ApiContract(JSON.parse(JSON.stringify(openApiDocument(app))));
  const json = (body: unknown, status = 200, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

  it('passes a real answer and fails one the description does not allow', async () => {
    expect(await contract.problems('GET', '/api/health', await app.request('/api/health'))).toEqual([]);
    expect(await contract.problems('GET', '/api/health', json({ status: 'fine', mode: 'mock' }))).toEqual([expect.stringContaining('GET /api/health → 200')]);
    expect(await contract.problems('GET', '/api/health', json({}, 418))).toEqual([expect.stringContaining('status not in the description')]);
  });

  it('fails a problem whose code the route does not list for its status', async () => {
    const problem = { title: 't', status: 404, code: 'GP_PRACTITIONER_NOT_FOUND', step: 'provider', traceId: 'x' };
    expect(await contract.problems('GET', '/api/patients/9658218873', json(problem, 404, 'application/problem+json'))).toEqual([
      expect.stringContaining('problem GP_PRACTITIONER_NOT_FOUND not listed'),
    ]);
    expect(await contract.problems('GET', '/api/practitioners/1', json(problem, 404, 'application/problem+json'))).toEqual([]);
  });
});

describe('one validator for every route', () => {
  it('refuses a query parameter given twice, and one the route does not take, on every route that has a query', async () => {
    for (const path of ['/api/organisations?odsCode=A20047&odsCode=B82617', '/api/patients/9658218873?retrace=true&retrace=false']) {
      const response = await app.request(path);
      expect([response.status, (await response.json()).code], path).toEqual([400, 'INVALID_QUERY']);
    }
    const response = await app.request('/api/patients/9658218873?fresh=1');
    const problem = await response.json();
    expect([response.status, problem.code, problem.fields]).toEqual([400, 'INVALID_QUERY', { fresh: 'Not a parameter of this route' }]);
  });

  it("names every bad field, the code being the first one's", async () => {
    const response = await app.request('/api/practitioners?sdsUserId=UNK&odsCode=A-1');
    const problem = await response.json();
    expect(problem.code).toBe('INVALID_SDS_USER_ID');
    expect(Object.keys(problem.fields)).toEqual(['sdsUserId', 'odsCode']);
  });
});
