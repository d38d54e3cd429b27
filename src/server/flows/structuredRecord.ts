/**
 * Get one area of the Access Record Structured (GP Connect 1.6.2: accessrecord_structured_development_retrieve_patient_record):
 * trace (cached), gates (R2–R5), the identity check (R7), SDS routing for the structured interaction,
 * `$gpc.getstructuredrecord` through the SSP, then the bundle mapped into the viewer's contract (R28).
 */
import type { StructuredAreaCode, StructuredData } from '../../shared/structuredRecord';
import type { IdentityCheck } from '../../shared/api';
import { AppError } from '../problem';
import type { RequestContext } from '../context';
import type { Services } from '../services';
import { GETSTRUCTUREDRECORD_INTERACTION } from '../spine/gpConnect';
import { AREA_PARAMETERS, mapStructuredBundle } from '../structured/map';
import { assertRecordAllowed } from './gates';
import { assertIdentityConfirmed } from './identity';
import { routeFor } from './routing';
import { tracePatient } from './tracePatient';

type Part = { name: string; valueBoolean?: boolean };

/**
 * What is asked per area: all of it (resolved allergies, prescription issues, immunisations not
 * given), so that the clinician narrows on screen and nothing is hidden by a filter the viewer
 * chose. One area per request: the combination rules of §1.3 never arise, and each area has the
 * permission of its HTML section.
 */
const AREA_PARTS: Partial<Record<StructuredAreaCode, Part[]>> = {
  // includeResolvedAllergies is 1..1 whenever includeAllergies is sent.
  allergies: [{ name: 'includeResolvedAllergies', valueBoolean: true }],
  medications: [{ name: 'includePrescriptionIssues', valueBoolean: true }],
  immunisations: [{ name: 'includeNotGiven', valueBoolean: true }],
};

export interface StructuredRecordRequest {
  nhsNumber: string;
  area: StructuredAreaCode;
  /** The fingerprint of the identity check the user confirmed (R7), when PDS and the practice differ. */
  confirm?: string;
}

export interface StructuredRecordResult {
  nhsNumber: string;
  area: StructuredAreaCode;
  data: StructuredData;
  retrievedAt: string;
  provider: { odsCode: string; name?: string };
  warnings: string[];
  identity: { status: IdentityCheck['status']; confirmed: boolean };
}

/** The structured interaction's route; a practice that offers GP Connect but not Structured says so (R31). */
export async function structuredRouteFor(services: Services, ctx: RequestContext, odsCode: string) {
  try {
    return await routeFor(services, ctx, odsCode, GETSTRUCTUREDRECORD_INTERACTION);
  } catch (error) {
    if (error instanceof AppError && error.code === 'PRACTICE_NOT_GP_CONNECT')
      throw new AppError('STRUCTURED_NOT_OFFERED', { detail: `SDS has no Access Record Structured service for practice ${odsCode}.` });
    throw error;
  }
}

export async function getStructuredRecord(services: Services, ctx: RequestContext, request: StructuredRecordRequest): Promise<StructuredRecordResult> {
  const patient = await tracePatient(services, ctx, request.nhsNumber);
  const gates = assertRecordAllowed(patient);
  const odsCode = patient.practiceOdsCode!;
  // R7 as for the HTML record: nothing is read until the practice's record of the patient matches PDS or the user confirmed.
  const [identityResult, routeResult] = await Promise.allSettled([
    assertIdentityConfirmed(services, ctx, patient, request.confirm),
    structuredRouteFor(services, ctx, odsCode),
  ]);
  if (routeResult.status === 'rejected') throw routeResult.reason;
  if (identityResult.status === 'rejected') throw identityResult.reason;

  const body = await services.spine.gpConnect.call(
    {
      version: { fhir: 'STU3', scope: 'patient/*.read' },
      route: routeResult.value,
      interactionId: GETSTRUCTUREDRECORD_INTERACTION,
      label: `getstructuredrecord ${request.area}`,
      method: 'POST',
      path: '/Patient/$gpc.getstructuredrecord',
      body: {
        resourceType: 'Parameters',
        parameter: [
          { name: 'patientNHSNumber', valueIdentifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: patient.nhsNumber } },
          { name: AREA_PARAMETERS[request.area], ...(AREA_PARTS[request.area] ? { part: AREA_PARTS[request.area] } : {}) },
        ],
      },
      read: true,
    },
    ctx,
  );
  const data = mapStructuredBundle(body, [request.area]);
  if (data.unmapped > 0) services.logger.info({ event: 'structured-unmapped', area: request.area, practice: odsCode, unmapped: data.unmapped });
  const organisation = organisationName(body, odsCode);
  return {
    nhsNumber: patient.nhsNumber,
    area: request.area,
    data,
    retrievedAt: new Date().toISOString(),
    provider: { odsCode, ...(organisation ? { name: organisation } : {}) },
    warnings: gates.map((g) => g.message),
    identity: identityResult.value,
  };
}

/** The registered practice's Organization the bundle always carries, found by its ODS code. */
function organisationName(body: unknown, odsCode: string): string | undefined {
  const entries = (body as { entry?: { resource?: { resourceType?: string; name?: unknown; identifier?: { value?: string }[] } }[] }).entry ?? [];
  const organisation = entries.find((e) => e.resource?.resourceType === 'Organization' && e.resource.identifier?.some((i) => i.value === odsCode));
  return typeof organisation?.resource?.name === 'string' ? organisation.resource.name : undefined;
}
