/**
 * The BFF's HTTP surface (Hono, web-standard Request/Response). Every /api response is
 * `Cache-Control: no-store` (R24); every error leaves as application/problem+json with the
 * Spine calls made so far.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { RegistrationRequestSchema, type SupportLog, type CareRecord, type Capability, type GpConnectRouting, type GpPatient, type Health, type LocationRead, type OrganisationRead, type OrganisationSearch, type Patient, type PractitionerRead, type PractitionerSearch, type RegistrationResult } from '../shared/api';
import { checkLogicalId, checkOdsCode, checkSdsUserId } from '../shared/identifiers';
import type { ErrorCode } from '../shared/errors';
import { checkNhsNumber } from '../shared/nhsNumber';
import { checkDateRange } from '../shared/dates';
import { isSectionCode, SECTIONS, SECTION_CODES } from '../shared/sections';
import { AppError } from './problem';
import { problemResponse, type AppEnv } from './appEnv';
import { accessControl } from './auth/middleware';
import { registerAuthRoutes } from './auth/routes';
import { registerAuditRoutes } from './audit/routes';
import { CallTrace } from './spine/trace';
import type { Services } from './services';
import { SUPPORT_LOG_LIMIT, supportEntry } from './supportLog';
import { tracePatient } from './flows/tracePatient';
import { assertRecordAllowed, evaluateGates, isNhsNumberVerified } from './flows/gates';
import { routeFor } from './flows/routing';
import { getCareRecord, GETCARERECORD_INTERACTION } from './flows/careRecord';
import { getGpPatient, readCapability, readLocation, readOrganisation, readPractitioner, registerPatient, searchOrganisations, searchPractitioners } from './flows/foundations';


/** The support view's session cookie (until sign-in brings real sessions). */
const SUPPORT_COOKIE = 'gpcv_support';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function validNhsNumber(raw: string): string {
  // Hono has already decoded the path parameter: decoding again would throw on a literal '%'.
  return valid(checkNhsNumber(raw), 'INVALID_NHS_NUMBER', 'nhsNumber');
}

type Check = { valid: true; value: string } | { valid: false; reason: string };

/** Validates one input before any call (R1, R14, R15): a 400 naming the field and what is wrong. */
function valid(check: Check, code: ErrorCode, field: string): string {
  if (!check.valid) throw new AppError(code, { detail: check.reason, fields: { [field]: check.reason } });
  return check.value;
}

const odsCodeOf = (raw: string | undefined, field = 'odsCode') => valid(checkOdsCode(raw ?? ''), 'INVALID_ODS_CODE', field);
const idOf = (raw: string) => valid(checkLogicalId(raw), 'INVALID_ID', 'id');

/** Refuses query parameters a route does not take, so a typo is not silently ignored. */
function onlyQuery(c: Context<AppEnv>, allowed: string[]): void {
  const unknown = Object.keys(c.req.queries()).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw new AppError('INVALID_QUERY', { detail: `Unknown query parameter: ${unknown.join(', ')}. This route takes ${allowed.length ? allowed.join(', ') : 'none'}.` });
}

/**
 * Whose support log a request belongs to: the signed-in session's when there is one (a second user
 * at the same browser never sees the first one's requests), else the browser's support cookie.
 */
function supportKey(c: Context<AppEnv>): string {
  const session = c.get('session');
  return session ? `signed-in:${session.id}` : c.get('sessionId');
}

export function createApp(services: Services) {
  const app = new Hono<AppEnv>();

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      // HSTS only where the viewer is served over https (a plain-http HSTS header is ignored anyway, and misleads).
      strictTransportSecurity: services.config.publicUrl.startsWith('https://') ? 'max-age=31536000; includeSubDomains' : false,
    }),
  );

  // The support view's session, given with the first response of any kind (the page itself, before
  // its API calls run in parallel), so concurrent first requests share one session.
  app.use('*', async (c, next) => {
    let sessionId = getCookie(c, SUPPORT_COOKIE);
    if (!sessionId || !UUID.test(sessionId)) {
      sessionId = crypto.randomUUID();
      setCookie(c, SUPPORT_COOKIE, sessionId, { httpOnly: true, sameSite: 'Strict', path: '/', secure: new URL(c.req.url).protocol === 'https:' });
    }
    c.set('sessionId', sessionId);
    await next();
  });

  app.use('/api/*', async (c, next) => {
    const started = performance.now();
    c.set('traceId', crypto.randomUUID());
    c.set('trace', new CallTrace({ detail: services.config.showCallDetail }));
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Trace-Id', c.get('traceId'));
    const path = c.req.path;
    if (path !== '/api/health' && !path.startsWith('/api/support/')) {
      services.supportLog.add(supportKey(c), supportEntry({ method: c.req.method, path, status: c.res.status, code: c.get('errorCode'), traceId: c.get('traceId'), trace: c.get('trace').entries, totalMs: performance.now() - started }));
    }
    // One line per request; the logger scrubs the NHS number out of the path.
    services.logger.info({ event: 'request', method: c.req.method, path, status: c.res.status, code: c.get('errorCode'), traceId: c.get('traceId'), userId: c.var.services?.requester?.user.sdsUserId, ms: Math.round(performance.now() - started) });
  });

  // Who is asking, whether they may, and the audit row (R26, R27).
  app.use('/api/*', accessControl(services));

  app.get('/api/health', (c) => c.json<Health>({ status: 'ok', mode: services.config.mode }));

  registerAuthRoutes(app, services);
  registerAuditRoutes(app, services);

  app.get('/api/patients/:nhsNumber', async (c) => {
    const nhsNumber = validNhsNumber(c.req.param('nhsNumber'));
    const trace = c.get('trace');
    const patient = await tracePatient(c.var.services, nhsNumber, trace, { fresh: c.req.query('retrace') === 'true' });
    const gates = evaluateGates(patient);
    const common = {
      nhsNumber: patient.nhsNumber,
      supersededNhsNumber: patient.nhsNumber !== nhsNumber ? nhsNumber : undefined,
      tracedAt: patient.tracedAt,
      gates,
      trace: trace.entries,
    };
    // R4: a restricted patient's details never leave the BFF: only the number and the notice.
    const body: Patient = patient.restricted
      ? { ...common, restricted: true }
      : {
          ...common,
          restricted: false,
          name: patient.name,
          birthDate: patient.birthDate,
          gender: patient.gender,
          deceasedDate: patient.deceasedDate,
          practice: patient.practiceOdsCode ? { odsCode: patient.practiceOdsCode } : undefined,
          verification: patient.verification ? { ...patient.verification, verified: isNhsNumberVerified(patient.verification) } : undefined,
        };
    return c.json(body);
  });

  app.get('/api/patients/:nhsNumber/gp-connect', async (c) => {
    const nhsNumber = validNhsNumber(c.req.param('nhsNumber'));
    const trace = c.get('trace');
    const patient = await tracePatient(c.var.services, nhsNumber, trace);
    assertRecordAllowed(patient);
    const route = await routeFor(c.var.services, patient.practiceOdsCode!, GETCARERECORD_INTERACTION, trace);
    return c.json<GpConnectRouting>({ nhsNumber: patient.nhsNumber, practiceOdsCode: route.odsCode, available: true, trace: trace.entries });
  });

  app.get('/api/patients/:nhsNumber/record/:section', async (c) => {
    const nhsNumber = validNhsNumber(c.req.param('nhsNumber'));
    const section = c.req.param('section');
    if (!isSectionCode(section)) {
      throw new AppError('INVALID_SECTION', { detail: `"${section}" is not a record section. Use one of ${SECTION_CODES.join(', ')}.`, fields: { section: 'Unknown record section' } });
    }
    const known = new Set(['from', 'to', 'confirm']);
    const unknown = Object.keys(c.req.queries()).filter((k) => !known.has(k));
    if (unknown.length > 0) throw new AppError('INVALID_DATE_RANGE', { detail: `Unknown query parameter: ${unknown.join(', ')}. Only "from", "to" and "confirm" are accepted.` });
    const confirm = c.req.query('confirm');
    if (confirm !== undefined && !/^[0-9a-f]{16}$/.test(confirm)) throw new AppError('INVALID_QUERY', { detail: 'confirm must be the fingerprint of an identity check: 16 hexadecimal digits.', fields: { confirm: 'Not an identity check fingerprint' } });
    const from = c.req.query('from');
    const to = c.req.query('to');
    const range = checkDateRange(from, to);
    if (!range.valid) throw new AppError('INVALID_DATE_RANGE', { detail: range.reason, fields: { [range.field]: range.reason } });
    // R19: SUM, ALL and IMM take no date range.
    if ((range.from || range.to) && !SECTIONS[section].acceptsDateRange) {
      throw new AppError('DATE_RANGE_NOT_ALLOWED', { detail: `${SECTIONS[section].title} cannot be filtered by date.` });
    }
    const trace = c.get('trace');
    c.set('auditDetails', { ...(range.from || range.to ? { dateRange: { from: range.from, to: range.to } } : {}), ...(confirm ? { identityConfirmation: confirm } : {}) });
    const record = await getCareRecord(c.var.services, { nhsNumber, section, from: range.from, to: range.to, confirm }, trace);
    // R7: whether the user confirmed an identity that differed from, or could not be compared with, PDS.
    c.set('auditDetails', { ...c.get('auditDetails'), identity: record.identity });
    return c.json<CareRecord>({ ...record, trace: trace.entries });
  });

  app.get('/api/support/requests', (c) => {
    onlyQuery(c, []);
    return c.json<SupportLog>({ requests: services.supportLog.list(supportKey(c)), limit: SUPPORT_LOG_LIMIT });
  });

  // ---- Foundations (spec/gpconnect.md §3; R13–R18) ----

  app.get('/api/organisations', async (c) => {
    onlyQuery(c, ['odsCode']);
    const odsCode = odsCodeOf(c.req.query('odsCode'));
    const trace = c.get('trace');
    const result = await searchOrganisations(c.var.services, odsCode, trace);
    return c.json<OrganisationSearch>({ ...result, retrievedAt: new Date().toISOString(), trace: trace.entries });
  });

  app.get('/api/organisations/:odsCode/capability', async (c) => {
    onlyQuery(c, []);
    const odsCode = odsCodeOf(c.req.param('odsCode'));
    const trace = c.get('trace');
    const capability = await readCapability(c.var.services, odsCode, trace);
    return c.json<Capability>({ ...capability, trace: trace.entries });
  });

  app.get('/api/organisations/:odsCode/by-id/:id', async (c) => {
    onlyQuery(c, []);
    const odsCode = odsCodeOf(c.req.param('odsCode'));
    const id = idOf(c.req.param('id'));
    const trace = c.get('trace');
    const organisation = await readOrganisation(c.var.services, odsCode, id, trace);
    return c.json<OrganisationRead>({ odsCode, organisation, retrievedAt: new Date().toISOString(), trace: trace.entries });
  });

  app.get('/api/practitioners', async (c) => {
    onlyQuery(c, ['sdsUserId', 'odsCode']);
    const sdsUserId = valid(checkSdsUserId(c.req.query('sdsUserId') ?? ''), 'INVALID_SDS_USER_ID', 'sdsUserId');
    const odsCode = odsCodeOf(c.req.query('odsCode'));
    const trace = c.get('trace');
    const practitioners = await searchPractitioners(c.var.services, sdsUserId, odsCode, trace);
    return c.json<PractitionerSearch>({ sdsUserId, odsCode, practitioners, retrievedAt: new Date().toISOString(), trace: trace.entries });
  });

  app.get('/api/practitioners/:id', async (c) => {
    onlyQuery(c, ['odsCode']);
    const id = idOf(c.req.param('id'));
    const odsCode = odsCodeOf(c.req.query('odsCode'));
    const trace = c.get('trace');
    const practitioner = await readPractitioner(c.var.services, odsCode, id, trace);
    return c.json<PractitionerRead>({ odsCode, practitioner, retrievedAt: new Date().toISOString(), trace: trace.entries });
  });

  app.get('/api/locations/:id', async (c) => {
    onlyQuery(c, ['odsCode']);
    const id = idOf(c.req.param('id'));
    const odsCode = odsCodeOf(c.req.query('odsCode'));
    const trace = c.get('trace');
    const location = await readLocation(c.var.services, odsCode, id, trace);
    return c.json<LocationRead>({ odsCode, location, retrievedAt: new Date().toISOString(), trace: trace.entries });
  });

  app.get('/api/patients/:nhsNumber/gp-patient', async (c) => {
    onlyQuery(c, []);
    const nhsNumber = validNhsNumber(c.req.param('nhsNumber'));
    const trace = c.get('trace');
    const result = await getGpPatient(c.var.services, nhsNumber, trace);
    return c.json<GpPatient>({ ...result, trace: trace.entries });
  });

  app.post(
    '/api/patients/:nhsNumber/registrations',
    bodyLimit({
      maxSize: 16 * 1024,
      onError: () => {
        throw new AppError('INVALID_REGISTRATION', { detail: 'The registration is larger than 16 KB.' });
      },
    }),
    async (c) => {
      onlyQuery(c, []);
      const nhsNumber = validNhsNumber(c.req.param('nhsNumber'));
      if (!/^application\/json\b/.test(c.req.header('Content-Type') ?? '')) throw new AppError('INVALID_REGISTRATION', { detail: 'Send the registration as application/json.' });
      let input: unknown;
      try {
        input = await c.req.json();
      } catch {
        throw new AppError('INVALID_REGISTRATION', { detail: 'The registration is not valid JSON.' });
      }
      const parsed = RegistrationRequestSchema.safeParse(input);
      if (!parsed.success) {
        const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'body', i.message]));
        throw new AppError('INVALID_REGISTRATION', { detail: Object.values(fields).join('; '), fields });
      }
      const trace = c.get('trace');
      const result = await registerPatient(c.var.services, nhsNumber, parsed.data, trace);
      return c.json<RegistrationResult>({ ...result, trace: trace.entries }, 201);
    },
  );

  app.all('/api/*', () => {
    throw new AppError('NOT_FOUND', { detail: 'There is no such API route.' });
  });

  app.onError((error, c) => {
    if (error instanceof AppError) return problemResponse(c, error);
    services.logger.error({ event: 'unhandled-error', traceId: c.get('traceId'), message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
    if (!c.get('traceId')) c.set('traceId', crypto.randomUUID());
    return problemResponse(c, new AppError('INTERNAL_ERROR'));
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
