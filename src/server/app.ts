/**
 * The BFF's HTTP surface (Hono, web-standard Request/Response). Every /api response is
 * `Cache-Control: no-store` (R24); every error leaves as application/problem+json with the
 * Spine calls made so far.
 */
import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Health, Patient, GpConnectRouting, CareRecord } from '../shared/api';
import { checkNhsNumber } from '../shared/nhsNumber';
import { checkDateRange } from '../shared/dates';
import { isSectionCode, SECTIONS, SECTION_CODES } from '../shared/sections';
import { AppError } from './problem';
import { CallTrace } from './spine/trace';
import type { Services } from './services';
import { tracePatient } from './flows/tracePatient';
import { assertRecordAllowed, evaluateGates, isNhsNumberVerified } from './flows/gates';
import { routeFor } from './flows/routing';
import { getCareRecord, GETCARERECORD_INTERACTION } from './flows/careRecord';

type AppEnv = { Variables: { traceId: string; trace: CallTrace } };

function validNhsNumber(raw: string): string {
  const check = checkNhsNumber(decodeURIComponent(raw));
  if (!check.valid) throw new AppError('INVALID_NHS_NUMBER', { detail: check.reason, fields: { nhsNumber: check.reason } });
  return check.value;
}

function problemResponse(c: Context<AppEnv>, error: AppError): Response {
  error.trace ??= c.get('trace')?.entries;
  return c.body(JSON.stringify(error.toProblem(c.get('traceId'))), error.status as 400, { 'Content-Type': 'application/problem+json' });
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
      strictTransportSecurity: false,
    }),
  );

  app.use('/api/*', async (c, next) => {
    c.set('traceId', crypto.randomUUID());
    c.set('trace', new CallTrace());
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Trace-Id', c.get('traceId'));
  });

  app.get('/api/health', (c) => c.json<Health>({ status: 'ok', mode: services.config.mode }));

  app.get('/api/patients/:nhsNumber', async (c) => {
    const nhsNumber = validNhsNumber(c.req.param('nhsNumber'));
    const trace = c.get('trace');
    const patient = await tracePatient(services, nhsNumber, trace, { fresh: c.req.query('retrace') === 'true' });
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
    const patient = await tracePatient(services, nhsNumber, trace);
    assertRecordAllowed(patient);
    const route = await routeFor(services, patient.practiceOdsCode!, GETCARERECORD_INTERACTION, trace);
    return c.json<GpConnectRouting>({ nhsNumber: patient.nhsNumber, practiceOdsCode: route.odsCode, available: true, trace: trace.entries });
  });

  app.get('/api/patients/:nhsNumber/record/:section', async (c) => {
    const nhsNumber = validNhsNumber(c.req.param('nhsNumber'));
    const section = c.req.param('section');
    if (!isSectionCode(section)) {
      throw new AppError('INVALID_SECTION', { detail: `"${section}" is not a record section. Use one of ${SECTION_CODES.join(', ')}.`, fields: { section: 'Unknown record section' } });
    }
    const known = new Set(['from', 'to']);
    const unknown = Object.keys(c.req.queries()).filter((k) => !known.has(k));
    if (unknown.length > 0) throw new AppError('INVALID_DATE_RANGE', { detail: `Unknown query parameter: ${unknown.join(', ')}. Only "from" and "to" are accepted.` });
    const from = c.req.query('from');
    const to = c.req.query('to');
    const range = checkDateRange(from, to);
    if (!range.valid) throw new AppError('INVALID_DATE_RANGE', { detail: range.reason, fields: { [range.field]: range.reason } });
    // R19: SUM, ALL and IMM take no date range.
    if ((range.from || range.to) && !SECTIONS[section].acceptsDateRange) {
      throw new AppError('DATE_RANGE_NOT_ALLOWED', { detail: `${SECTIONS[section].title} cannot be filtered by date.` });
    }
    const trace = c.get('trace');
    const record = await getCareRecord(services, { nhsNumber, section, from: range.from, to: range.to }, trace);
    return c.json<CareRecord>({ ...record, trace: trace.entries });
  });

  app.all('/api/*', () => {
    throw new AppError('NOT_FOUND', { detail: 'There is no such API route.' });
  });

  app.onError((error, c) => {
    if (error instanceof AppError) return problemResponse(c, error);
    services.log({ event: 'unhandled-error', traceId: c.get('traceId'), message: error instanceof Error ? error.message : String(error) });
    if (!c.get('traceId')) c.set('traceId', crypto.randomUUID());
    return problemResponse(c, new AppError('INTERNAL_ERROR'));
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
