/**
 * Every entry of the error catalogue (src/shared/errors.ts, docs/errors.md) driven by a real
 * request against the simulated Spine (issue 8 part 2): the code, its status and its step.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { SIMULATED_SPINE as S } from '../../mocks/config';
import { SpineControl } from '../../mocks/control';
import { dstu2Outcome, fhirResponse, pdsOutcome, sspOutcome } from '../../mocks/handlers/fhir';
import { pdsPatientResource } from '../../mocks/handlers/pds';
import { world } from '../../mocks/world';
import { ERROR_CATALOGUE, type ErrorCode } from '../../src/shared/errors';
import { errorCatalogueMarkdown } from '../../src/shared/errorsDoc';
import { createTestBff, onRecordCall, requestConfirmed, signInAs, testUser } from '../support/bff';
import { sha256 } from '../../src/server/hash';
import { setUpSimulatedSpine } from '../support/spine';

const { server: spine, control } = setUpSimulatedSpine({ control: new SpineControl({ sspGatewayTimeoutMs: 50 }) });

const PDS_ANY = `${S.pdsBaseUrl}/Patient/:id`;
const fast = { RETRY_BACKOFF_MS: '1' };
type Bff = ReturnType<typeof createTestBff>;

const get = (path: string) => async (bff: Bff) => bff.app.request(path);
const register = (nhs: string, body: Record<string, unknown>) => async (bff: Bff) =>
  bff.app.request(`/api/patients/${nhs}/registrations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ odsCode: 'A20047', gender: 'male', ...body }),
  });
const post = (path: string, body: Record<string, unknown>) => async (bff: Bff) =>
  bff.app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const withSpine =
  (...handlers: Parameters<typeof spine.use>) =>
  (run: (bff: Bff) => Promise<Response>) =>
  (bff: Bff) => {
    spine.use(...handlers);
    return run(bff);
  };
const withFault = (key: string, fault: 'error-5xx' | 'malformed' | 'reset') => (run: (bff: Bff) => Promise<Response>) => (bff: Bff) => {
  control.state.faults[key] = fault;
  return run(bff);
};

/** How to make the BFF answer with each code; Record<ErrorCode, …> so none can be left out. */
const SCENARIOS: Record<ErrorCode, (bff: Bff) => Promise<Response>> = {
  INVALID_NHS_NUMBER: get('/api/patients/9658218874'),
  INVALID_SECTION: get('/api/patients/9658218873/record/XYZ'),
  INVALID_STRUCTURED_AREA: get('/api/patients/9658218873/structured/summary'),
  INVALID_DATE_RANGE: get('/api/patients/9658218873/record/ENC?from=2016-02-30'),
  DATE_RANGE_NOT_ALLOWED: get('/api/patients/9658218873/record/SUM?from=2015-01-01'),
  INVALID_ODS_CODE: get('/api/organisations?odsCode=A-1'),
  INVALID_SDS_USER_ID: get('/api/practitioners?sdsUserId=UNK&odsCode=A20047'),
  INVALID_ID: get('/api/locations/a%20b?odsCode=A20047'),
  INVALID_QUERY: get('/api/organisations?odsCode=A20047&page=2'),
  INVALID_REGISTRATION: register('9690124676', {}),
  INVALID_SEARCH: post('/api/patients/search', { family: 'Meakin' }),
  PDS_SEARCH_REFUSED: withSpine(
    http.get(`${S.pdsBaseUrl}/Patient`, () =>
      HttpResponse.json(
        {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'invalid', details: { coding: [{ code: 'INVALID_SEARCH_DATA' }] }, diagnostics: 'Invalid search data provided' }],
        },
        { status: 400, headers: { 'Content-Type': 'application/fhir+json' } },
      ),
    ),
  )(post('/api/patients/search', { family: 'Meakin', birthDate: '1970-05-12' })),
  INVALID_WORKLIST: post('/api/worklists', { fileName: 'clinic.csv', rows: 0, rejectedRows: 0 }),
  NOT_FOUND: get('/api/nothing-here'),
  NOT_READY: async (bff) => {
    // SIGTERM began a drain: the load balancer is told to send requests elsewhere.
    void bff.services.lifecycle.drain(1);
    return bff.app.request('/api/ready');
  },
  NOT_SIGNED_IN: async () => createTestBff({ AUTH_MODE: 'oidc' }).app.request('/api/patients/9658218873/record/SUM'),
  SESSION_EXPIRED: async () => {
    const bff = createTestBff({ AUTH_MODE: 'oidc' });
    const headers = await signInAs(bff.services);
    // 16 minutes without a request: past the 15-minute idle timeout.
    await bff.services.database.query(`UPDATE sessions SET last_seen_at = now() - interval '16 minutes' WHERE id_hash = $1`, [
      await sha256(headers.Cookie.split('=')[1]),
    ]);
    return bff.app.request('/api/patients/9658218873/record/SUM', { headers });
  },
  FORBIDDEN_ROLE: async () => createTestBff({ USER_ROLE_CODE: 'R8009' }).app.request('/api/patients/9658218873/record/SUM'),
  ORGANISATION_NOT_CONFIGURED: async () => {
    const bff = createTestBff({ AUTH_MODE: 'oidc' });
    return bff.app.request('/api/patients/9658218873/record/SUM', { headers: await signInAs(bff.services, testUser('other-organisation')) });
  },
  CSRF_REJECTED: async () => {
    const bff = createTestBff({ AUTH_MODE: 'oidc' });
    const { Cookie } = await signInAs(bff.services);
    return bff.app.request('/api/patients/9690124676/registrations', {
      method: 'POST',
      headers: { Cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ odsCode: 'A20047', given: 'Bob', family: 'Smith', birthDate: '1984-03-28', gender: 'male' }),
    });
  },
  AUDIT_UNAVAILABLE: async (bff) => {
    bff.services.auditLog.record = async () => {
      throw new Error('database gone');
    };
    return bff.app.request('/api/patients/9658218873/record/SUM');
  },
  INTERNAL_ERROR: async (bff) => {
    // Something unexpected inside the viewer: its route cache breaks.
    bff.services.caches.sdsRoutes.read = () => {
      throw new Error('cache broken');
    };
    return bff.app.request('/api/patients/9658218873/gp-connect');
  },
  PDS_PATIENT_NOT_FOUND: get('/api/patients/9476718943'),
  PDS_PATIENT_INVALIDATED: withSpine(
    http.get(PDS_ANY, () => pdsOutcome(404, 'INVALIDATED_RESOURCE', 'Resource that has been marked as invalid was requested', 'processing')),
  )(get('/api/patients/9658218873')),
  PDS_REJECTED: withSpine(http.get(PDS_ANY, () => pdsOutcome(401, 'ACCESS_DENIED', 'Access Denied - Unauthorised', 'forbidden', 'Invalid access token')))(
    get('/api/patients/9658218873'),
  ),
  PDS_UNAVAILABLE: withFault('pds', 'reset')(get('/api/patients/9658218873')),
  PDS_THROTTLED: withSpine(
    http.get(PDS_ANY, () => pdsOutcome(429, 'TOO_MANY_REQUESTS', 'Too many requests', 'throttled', "You have exceeded your application's rate limit")),
  )(get('/api/patients/9658218873')),
  PATIENT_RESTRICTED: get('/api/patients/9658220142/record/SUM'),
  PATIENT_DECEASED: get('/api/patients/9658219713/record/SUM'),
  NHS_NUMBER_NOT_VERIFIED: get('/api/patients/9658219004/record/SUM'),
  NO_REGISTERED_PRACTICE: withSpine(
    http.get(PDS_ANY, () => {
      const pds = { ...world.patient('9658218873')!.pds!, practiceOdsCode: undefined };
      return fhirResponse(pdsPatientResource('9658218873', pds), 200, 'application/fhir+json', { ETag: 'W/"1"' });
    }),
  )(get('/api/patients/9658218873/record/SUM')),
  IDENTITY_NOT_CONFIRMED: get('/api/patients/9690124609/record/SUM'),
  TRACE_TOO_OLD: async (bff) => {
    await bff.app.request('/api/patients/9658218873');
    // The trace this request would reuse was made 25 hours ago.
    bff.services.caches.pdsTraces.get('9658218873')!.tracedAt = new Date(Date.now() - 25 * 3600_000).toISOString();
    return bff.app.request('/api/patients/9658218873/record/SUM');
  },
  PRACTICE_NOT_GP_CONNECT: get('/api/patients/9658218903/record/SUM'),
  // B82617 offers only its HTML pages.
  STRUCTURED_NOT_OFFERED: get('/api/patients/9658218997/structured/allergies'),
  // K82044 offers only the structured record.
  HTML_NOT_OFFERED: get('/api/patients/9690125184/record/SUM'),
  SDS_AMBIGUOUS: get('/api/patients/9690125028/record/SUM'),
  SDS_UNAVAILABLE: withFault('sds', 'error-5xx')(get('/api/patients/9658218873/record/SUM')),
  SSP_NOT_AUTHORISED: get('/api/patients/9690123890/record/SUM'),
  SSP_REJECTED: withSpine(onRecordCall(() => sspOutcome(415, 'not-supported', 'Unsupported_Media_Type')))(get('/api/patients/9658218873/record/SUM')),
  SSP_THROTTLED: withSpine(onRecordCall(() => sspOutcome(429, 'throttled', 'Too Many Requests')))(get('/api/patients/9658218873/record/SUM')),
  GP_SYSTEM_UNREACHABLE: get('/api/patients/9690123963/record/SUM'),
  GP_SYSTEM_TIMEOUT: get('/api/patients/9690124102/record/SUM'),
  // Unknown at the practice: its search finds nobody, so the user confirms first (R7), then the record call answers 404.
  GP_PATIENT_NOT_FOUND: async (bff) => requestConfirmed(bff.app, '/api/patients/9658218881/record/SUM'),
  GP_NO_PATIENT_CONSENT: get('/api/patients/9658220169/record/SUM'),
  GP_NO_ORGANISATION_CONSENT: withSpine(
    onRecordCall(() => dstu2Outcome(403, 'forbidden', 'NO_ORGANISATIONAL_CONSENT', 'Organisation has not provided consent to share data')),
  )(get('/api/patients/9658218873/record/SUM')),
  GP_NO_RELATIONSHIP: withSpine(onRecordCall(() => dstu2Outcome(403, 'forbidden', 'NO_RELATIONSHIP', 'No legitimate relationship exists with this patient')))(
    get('/api/patients/9658218873/record/SUM'),
  ),
  GP_NON_AUTHORITATIVE: withSpine(onRecordCall(() => dstu2Outcome(403, 'forbidden', 'NON_AUTHORITATIVE', 'Not the authoritative source for this patient')))(
    get('/api/patients/9658218873/record/SUM'),
  ),
  GP_PRACTITIONER_NOT_FOUND: get('/api/practitioners/999?odsCode=A20047'),
  GP_ORGANISATION_NOT_FOUND: get('/api/organisations/A20047/by-id/77'),
  GP_LOCATION_NOT_FOUND: get('/api/locations/99?odsCode=A20047'),
  GP_DUPLICATE_REGISTRATION: register('9658218873', { given: 'Mike', family: 'Meakin', birthDate: '1970-05-12' }),
  GP_INVALID_DEMOGRAPHICS: register('9690124676', { given: 'Bob', family: 'Smith', birthDate: '1984-03-28' }),
  GP_INVALID_NHS_NUMBER: register('9690124749', { given: 'Freya', family: 'Gallagher', birthDate: '1999-12-01', gender: 'female' }),
  GP_REJECTED_REQUEST: withSpine(onRecordCall(() => dstu2Outcome(422, 'invalid', 'INVALID_PARAMETER', 'Invalid parameter')))(
    get('/api/patients/9658218873/record/SUM'),
  ),
  GP_ACCESS_DENIED: withSpine(onRecordCall(() => dstu2Outcome(403, 'forbidden', 'ACCESS DENIED', 'GP Connect is switched off at this practice')))(
    get('/api/patients/9658218873/record/SUM'),
  ),
  GP_NOT_IMPLEMENTED: withSpine(onRecordCall(() => dstu2Outcome(501, 'not-supported', 'NOT_IMPLEMENTED', 'Not implemented')))(
    get('/api/patients/9658218873/record/SUM'),
  ),
  GP_SYSTEM_ERROR: withFault('gp', 'error-5xx')(get('/api/patients/9658218873/record/SUM')),
  UPSTREAM_TOO_LARGE: withSpine(
    onRecordCall(
      () => new HttpResponse('{}', { status: 200, headers: { 'Content-Type': 'application/json+fhir', 'Content-Length': String(64 * 1024 * 1024) } }),
    ),
  )(get('/api/patients/9658218873/record/SUM')),
  UPSTREAM_MALFORMED: withFault('gp', 'malformed')(get('/api/patients/9658218873/record/SUM')),
};

describe('error catalogue', () => {
  it.each(Object.keys(ERROR_CATALOGUE) as ErrorCode[])('%s: driven against the simulated Spine', async (code) => {
    const bff = createTestBff(fast);
    const response = await SCENARIOS[code](bff);
    const body = (await response.json()) as { code: string; step: string; title: string; action: string };
    const entry = ERROR_CATALOGUE[code];
    expect(body.code, JSON.stringify(body).slice(0, 300)).toBe(code);
    expect(response.status).toBe(entry.status);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(body.title).toBe(entry.title);
    expect(body.action).toBe(entry.action);
  });

  it('no title or advice words a failure as a clinical negative', () => {
    for (const entry of Object.values(ERROR_CATALOGUE))
      expect(`${entry.title} ${entry.action}`).not.toMatch(/\bno (allergies|medications|problems|record(s)? (is|are) held)\b|nothing (is )?recorded/i);
  });

  it('docs/errors.md is up to date (run npm run errors-doc)', () => {
    expect(readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')).toBe(errorCatalogueMarkdown());
  });
});
