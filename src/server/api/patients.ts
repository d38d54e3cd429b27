/** The patient: trace on PDS, GP Connect availability, the record's sections, the practice's record, temporary registration. */
import {
  GpConnectRoutingSchema,
  GpPatientSchema,
  PatientSchema,
  PatientSearchResultSchema,
  RecordSchema,
  RegistrationResultSchema,
  type CareRecord,
  type GpConnectRouting,
  type GpPatient,
  type Patient,
  type PatientSearchResult,
  type RegistrationResult,
} from '../../shared/api';
import {
  NhsNumberParams,
  NoQuery,
  PatientSearchRequestSchema,
  RecordQuery,
  RecordSectionParams,
  RegistrationRequestSchema,
  StructuredAreaParams,
  StructuredQuery,
  TraceQuery,
} from '../../shared/apiInput';
import { isStructuredAreaCode, STRUCTURED_AREA_SECTION, StructuredRecordSchema, type StructuredRecord } from '../../shared/structuredRecord';
import { isSectionCode } from '../../shared/sections';
import { requestContext } from '../appEnv';
import { getCareRecord, GETCARERECORD_INTERACTION } from '../flows/careRecord';
import { getGpPatient, registerPatient } from '../flows/foundations';
import { assertRecordAllowed, evaluateGates, isNhsNumberVerified } from '../flows/gates';
import { routeFor } from '../flows/routing';
import { tracePatient } from '../flows/tracePatient';
import { findPatients } from '../flows/findPatient';
import { getStructuredRecord, structuredRouteFor } from '../flows/structuredRecord';
import { AppError } from '../problem';
import type { Services } from '../services';
import { GATE_PROBLEMS, GP_CONNECT_PROBLEMS, PDS_PROBLEMS, PDS_SEARCH_PROBLEMS, SDS_PROBLEMS } from './problems';
import { ApiArea } from './route';

export function patientsApi(services: Services): ApiArea {
  return new ApiArea('patients', services)
    .route({
      method: 'post',
      path: '/patients/search',
      summary: 'Find patients on PDS by their details',
      description:
        'A PDS search by family name and date of birth, with given name, gender and postcode if known, exact or fuzzy (R32). The criteria travel in the body, never in a URL. Matches in score order; too many or none is an outcome, not an error. A restricted patient comes without address or practice.',
      guard: { access: 'role', audit: 'patient.search', permission: 'patient:search', spine: true },
      query: NoQuery,
      body: { schema: PatientSearchRequestSchema, name: 'patientSearch', maxBytes: 4 * 1024 },
      response: { status: 200, description: 'The outcome of the search, and the matches', schema: PatientSearchResultSchema },
      problems: PDS_SEARCH_PROBLEMS,
      handler: async (c, { body }) => {
        const ctx = requestContext(c);
        // Audited with the criteria and every NHS number PDS matched (R26; PDS audits each match too).
        c.set('auditDetails', { criteria: body });
        const result = await findPatients(services, ctx, body);
        c.set('auditDetails', { criteria: body, outcome: result.outcome, matched: result.matches.map((m) => m.nhsNumber) });
        return c.json<PatientSearchResult>({ ...result, trace: ctx.trace.entries });
      },
    })
    .route({
      method: 'get',
      path: '/patients/{nhsNumber}',
      summary: 'Trace a patient on PDS',
      description:
        'Demographics, registered practice, NHS number verification, restricted and deceased flags, and the safety gates (R2–R6). A restricted patient is the NHS number and the notice only (R4).',
      guard: { access: 'role', audit: 'patient.trace', permission: 'patient:search', spine: true },
      params: NhsNumberParams,
      query: TraceQuery,
      response: { status: 200, description: 'The traced patient', schema: PatientSchema },
      problems: PDS_PROBLEMS,
      handler: async (c, { params, query }) => {
        const ctx = requestContext(c);
        const patient = await tracePatient(services, ctx, params.nhsNumber, { fresh: query.retrace === 'true' });
        const common = {
          nhsNumber: patient.nhsNumber,
          supersededNhsNumber: patient.nhsNumber !== params.nhsNumber ? params.nhsNumber : undefined,
          tracedAt: patient.tracedAt,
          gates: evaluateGates(patient),
          trace: ctx.trace.entries,
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
              practice: patient.practiceOdsCode ? { odsCode: patient.practiceOdsCode, registrationEnded: patient.registrationEnded } : undefined,
              verification: patient.verification ? { ...patient.verification, verified: isNhsNumberVerified(patient.verification) } : undefined,
            };
        return c.json(body);
      },
    })
    .route({
      method: 'get',
      path: '/patients/{nhsNumber}/gp-connect',
      summary: 'Whether the registered practice offers GP Connect, and which records',
      description:
        "Looked up in SDS (R8, R11) for both record interactions: the practice's HTML pages and the structured record (R31). Never the practice URL or ASID. 404 PRACTICE_NOT_GP_CONNECT when it offers neither.",
      guard: { access: 'role', audit: 'patient.gp-connect', permission: 'patient:search', spine: true },
      params: NhsNumberParams,
      query: NoQuery,
      response: { status: 200, description: 'The practice offers GP Connect', schema: GpConnectRoutingSchema },
      problems: [...PDS_PROBLEMS, ...GATE_PROBLEMS, ...SDS_PROBLEMS],
      handler: async (c, { params }) => {
        const ctx = requestContext(c);
        const patient = await tracePatient(services, ctx, params.nhsNumber);
        assertRecordAllowed(patient);
        const odsCode = patient.practiceOdsCode!;
        const [html, structured] = await Promise.allSettled([
          routeFor(services, ctx, odsCode, GETCARERECORD_INTERACTION),
          structuredRouteFor(services, ctx, odsCode),
        ]);
        const notOffered = (r: PromiseSettledResult<unknown>, code: string) =>
          r.status === 'rejected' && r.reason instanceof AppError && r.reason.code === code;
        // Any other failure (SDS down, ambiguous) is the answer: "not offered" is said only when SDS said so.
        for (const r of [html, structured])
          if (r.status === 'rejected' && !notOffered(r, 'PRACTICE_NOT_GP_CONNECT') && !notOffered(r, 'STRUCTURED_NOT_OFFERED')) throw r.reason;
        if (html.status === 'rejected' && structured.status === 'rejected') throw html.reason;
        return c.json<GpConnectRouting>({
          nhsNumber: patient.nhsNumber,
          practiceOdsCode: odsCode,
          available: true,
          offers: { html: html.status === 'fulfilled', structured: structured.status === 'fulfilled' },
          trace: ctx.trace.entries,
        });
      },
    })
    .route({
      method: 'get',
      path: '/patients/{nhsNumber}/record/{section}',
      summary: 'One Access Record HTML section',
      description:
        'The section as the practice wrote it, sanitised (R22), with when it was retrieved, the provider, warnings and the identity check it was read after. 409 IDENTITY_NOT_CONFIRMED carries the differences and a fingerprint to send back as `confirm` (R7).',
      guard: {
        access: 'role',
        audit: 'record.read',
        permission: (params) => (isSectionCode(params.section) ? `record:${params.section}` : undefined),
        spine: true,
      },
      params: RecordSectionParams,
      query: RecordQuery,
      response: { status: 200, description: 'The section', schema: RecordSchema },
      problems: ['DATE_RANGE_NOT_ALLOWED', ...PDS_PROBLEMS, ...GATE_PROBLEMS, 'IDENTITY_NOT_CONFIRMED', 'HTML_NOT_OFFERED', ...GP_CONNECT_PROBLEMS],
      handler: async (c, { params, query }) => {
        const ctx = requestContext(c);
        const { from, to, confirm } = query;
        c.set('auditDetails', { ...(from || to ? { dateRange: { from, to } } : {}), ...(confirm ? { identityConfirmation: confirm } : {}) });
        const record = await getCareRecord(services, ctx, { nhsNumber: params.nhsNumber, section: params.section, from, to, confirm });
        // R7: whether the user confirmed an identity that differed from, or could not be compared with, PDS.
        c.set('auditDetails', { ...c.get('auditDetails'), identity: record.identity });
        return c.json<CareRecord>({ ...record, trace: ctx.trace.entries });
      },
    })
    .route({
      method: 'get',
      path: '/patients/{nhsNumber}/structured/{area}',
      summary: 'One area of the structured record',
      description:
        "The area as clinical data (R28–R31), mapped from the practice's Access Record Structured bundle: its items, what the provider said beside them (List warnings, notes, empty reason, an area disabled at the practice), items the viewer could not place counted, and the identity check it was read after. Opened with the permission of the HTML section holding the same information. 404 STRUCTURED_NOT_OFFERED when the practice offers only its HTML pages.",
      guard: {
        access: 'role',
        audit: 'record.structured.read',
        // The permission of the HTML section holding the same information (R27).
        permission: (params) => (isStructuredAreaCode(params.area) ? `record:${STRUCTURED_AREA_SECTION[params.area]}` : undefined),
        spine: true,
      },
      params: StructuredAreaParams,
      query: StructuredQuery,
      response: { status: 200, description: 'The area', schema: StructuredRecordSchema },
      problems: [...PDS_PROBLEMS, ...GATE_PROBLEMS, 'IDENTITY_NOT_CONFIRMED', 'STRUCTURED_NOT_OFFERED', ...GP_CONNECT_PROBLEMS],
      handler: async (c, { params, query }) => {
        const ctx = requestContext(c);
        // Audited with the area asked for (R26); the identity confirmation as for the HTML record (R7).
        c.set('auditDetails', { areas: [params.area], ...(query.confirm ? { identityConfirmation: query.confirm } : {}) });
        const record = await getStructuredRecord(services, ctx, { nhsNumber: params.nhsNumber, area: params.area, confirm: query.confirm });
        c.set('auditDetails', { ...c.get('auditDetails'), identity: record.identity, unmapped: record.data.unmapped });
        return c.json<StructuredRecord>({ ...record, trace: ctx.trace.entries });
      },
    })
    .route({
      method: 'get',
      path: '/patients/{nhsNumber}/gp-patient',
      summary: 'The patient at their registered practice, and the R7 cross-check',
      description: 'Search by NHS number and read at the practice, its organisation read, and every difference from PDS (R7, R13).',
      guard: { access: 'role', audit: 'patient.practice-record', permission: 'patient:search', spine: true },
      params: NhsNumberParams,
      query: NoQuery,
      response: { status: 200, description: "The practice's record of the patient", schema: GpPatientSchema },
      problems: [...PDS_PROBLEMS, ...GATE_PROBLEMS, ...GP_CONNECT_PROBLEMS],
      handler: async (c, { params }) => {
        const ctx = requestContext(c);
        const result = await getGpPatient(services, ctx, params.nhsNumber);
        return c.json<GpPatient>({ ...result, trace: ctx.trace.entries });
      },
    })
    .route({
      method: 'post',
      path: '/patients/{nhsNumber}/registrations',
      summary: 'Register the patient temporarily at a practice',
      description: 'A write: never retried (R12, R17).',
      guard: { access: 'role', audit: 'patient.register', permission: 'patient:register', spine: true },
      params: NhsNumberParams,
      query: NoQuery,
      body: { schema: RegistrationRequestSchema, name: 'registration', maxBytes: 16 * 1024 },
      response: { status: 201, description: 'Registered', schema: RegistrationResultSchema },
      problems: [...PDS_PROBLEMS, ...GATE_PROBLEMS, ...GP_CONNECT_PROBLEMS],
      handler: async (c, { params, body }) => {
        const ctx = requestContext(c);
        const result = await registerPatient(services, ctx, params.nhsNumber, body);
        return c.json<RegistrationResult>({ ...result, trace: ctx.trace.entries }, 201);
      },
    });
}
