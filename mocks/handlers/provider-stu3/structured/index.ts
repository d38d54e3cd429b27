/**
 * `POST [base]/Patient/$gpc.getstructuredrecord` on a simulated GP system (GP Connect 1.6.2:
 * accessrecord_structured_development_retrieve_patient_record): the Parameters read strictly,
 * then the patient's state (dissent 403, not found / inactive / sensitive / deceased 404), then the
 * bundle. The JWT, interaction id and media type are checked before this is called.
 */
import type { World, WorldPatient, WorldPractice } from '../../../world';
import { fhirResponse, stu3Outcome } from '../../fhir';
import { organisationResource, patientResource, practitionerResource, type Resource } from '../resources';
import { structuredBundle } from './bundle';
import { readStructuredParameters } from './parameters';

export async function getStructuredRecord(
  request: Request,
  body: string,
  practice: WorldPractice,
  world: World,
  /** The patient's logical id when they are an active regular patient here; undefined otherwise. */
  registeredId: (patient: WorldPatient) => string | undefined,
): Promise<Response> {
  const today = new Date().toISOString().slice(0, 10);
  const query = readStructuredParameters(body, today);
  if ('status' in query) return stu3Outcome(query.status, query.status === 400 ? 'value' : 'invalid', query.code, query.diagnostics);

  const patient = world.patient(query.nhsNumber);
  const id = patient && registeredId(patient);
  if (!patient || !id) return stu3Outcome(404, 'not-found', 'PATIENT_NOT_FOUND', 'No active patient with this NHS number at this practice');
  if (patient.gp?.consent === 'dissent') return stu3Outcome(403, 'forbidden', 'NO_PATIENT_CONSENT', 'The patient has dissented from sharing their record');

  const foundations = practice.foundations;
  const ownOrganisation = foundations?.organisations.find((o) => o.odsCode === practice.odsCode);
  const usualGp = foundations?.practitioners[0];
  const header: Resource[] = [
    patientResource(id, patient, practice, { type: 'R', start: patient.gp?.registeredSince ?? '2012-04-01', preferredBranch: patient.gp?.preferredBranch }),
    ...(ownOrganisation ? [organisationResource(practice, ownOrganisation)] : []),
    ...(usualGp ? [practitionerResource(usualGp)] : []),
  ];
  const bundle = structuredBundle({
    traceId: request.headers.get('Ssp-TraceID') ?? crypto.randomUUID(),
    query,
    patient,
    record: world.record(patient.gp?.record),
    practice,
    header,
    patientId: id,
    today,
  });
  return fhirResponse(bundle, 200, 'application/fhir+json', { 'Cache-Control': 'no-store' });
}
