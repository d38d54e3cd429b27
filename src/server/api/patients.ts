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
  TraceQuery,
} from '../../shared/apiInput';
import { isSectionCode } from '../../shared/sections';
import { requestContext } from '../appEnv';
import { getCareRecord, GETCARERECORD_INTERACTION } from '../flows/careRecord';
import { getGpPatient, registerPatient } from '../flows/foundations';
import { assertRecordAllowed, evaluateGates, isNhsNumberVerified } from '../flows/gates';
import { routeFor } from '../flows/routing';
import { tracePatient } from '../flows/tracePatient';
import { findPatients } from '../flows/findPatient';
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
      summary: 'Whether the registered practice offers GP Connect',
      description: 'Looked up in SDS (R8, R11); never the practice URL or ASID.',
      guard: { access: 'role', audit: 'patient.gp-connect', permission: 'patient:search', spine: true },
      params: NhsNumberParams,
      query: NoQuery,
      response: { status: 200, description: 'The practice offers GP Connect', schema: GpConnectRoutingSchema },
      problems: [...PDS_PROBLEMS, ...GATE_PROBLEMS, ...SDS_PROBLEMS],
      handler: async (c, { params }) => {
        const ctx = requestContext(c);
        const patient = await tracePatient(services, ctx, params.nhsNumber);
        assertRecordAllowed(patient);
        const route = await routeFor(services, ctx, patient.practiceOdsCode!, GETCARERECORD_INTERACTION);
        return c.json<GpConnectRouting>({ nhsNumber: patient.nhsNumber, practiceOdsCode: route.odsCode, available: true, trace: ctx.trace.entries });
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
      problems: ['DATE_RANGE_NOT_ALLOWED', ...PDS_PROBLEMS, ...GATE_PROBLEMS, 'IDENTITY_NOT_CONFIRMED', ...GP_CONNECT_PROBLEMS],
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
