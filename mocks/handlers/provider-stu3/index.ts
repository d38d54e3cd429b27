/**
 * A simulated GP Connect STU3 Foundations provider (GP Connect 1.6: foundations, 1.6.x) on each practice's
 * own service root URL: metadata, Patient / Practitioner / Organization search and read, Location
 * read and $gpc.registerpatient. Validates in the order of mocks/README.md: media type,
 * JWT, interaction id against verb and path, parameters, then the patient's state.
 */
import { isValidNhsNumber } from '../rules';
import type { SpineControl } from '../../control';
import type { World, WorldPatient, WorldPractice } from '../../world';
import { fhirResponse, stu3Outcome } from '../fhir';
import { checkStu3Jwt, type Stu3Scope } from './jwt-check';
import {
  capabilityStatement,
  locationResource,
  NHS_NUMBER_SYSTEM,
  ODS_SYSTEM,
  organisationResource,
  patientResource,
  practitionerResource,
  SDS_USER_SYSTEM,
  searchset,
  type Registration,
  type Resource,
} from './resources';
import { registerPatient } from './register';
import { STRUCTURED_INTERACTION, STU3_INTERACTIONS } from '../interactions';
import { getStructuredRecord } from './structured';

/** Foundations' interactions, and Access Record Structured's on the same root. */
const INTERACTION_IDS = { ...STU3_INTERACTIONS, getStructuredRecord: STRUCTURED_INTERACTION };
type Interaction = keyof typeof INTERACTION_IDS;

const SCOPES: Record<Interaction, Stu3Scope> = {
  metadata: 'organization/*.read',
  readPatient: 'patient/*.read',
  searchPatient: 'patient/*.read',
  readPractitioner: 'organization/*.read',
  searchPractitioner: 'organization/*.read',
  readOrganization: 'organization/*.read',
  searchOrganization: 'organization/*.read',
  readLocation: 'organization/*.read',
  registerPatient: 'patient/*.write',
  getStructuredRecord: 'patient/*.read',
};

const FHIR_JSON = /^application\/fhir\+json(;\s*charset=utf-8)?$/i;
/** A FHIR logical id (FHIR STU3 `id` datatype). */
const LOGICAL_ID = /^[A-Za-z0-9\-.]{1,64}$/;

type Route = { interaction: Interaction; id?: string };

function routeOf(method: string, path: string): Route | undefined {
  const [, type, id, extra] = path.split('/');
  if (extra !== undefined) return undefined;
  if (method === 'GET') {
    if (type === 'metadata' && id === undefined) return { interaction: 'metadata' };
    const kinds: Record<string, [Interaction, Interaction]> = {
      Patient: ['searchPatient', 'readPatient'],
      Practitioner: ['searchPractitioner', 'readPractitioner'],
      Organization: ['searchOrganization', 'readOrganization'],
    };
    if (kinds[type]) return id === undefined ? { interaction: kinds[type][0] } : { interaction: kinds[type][1], id };
    if (type === 'Location' && id !== undefined) return { interaction: 'readLocation', id };
  }
  if (method === 'POST' && type === 'Patient' && id === '$gpc.registerpatient') return { interaction: 'registerPatient' };
  if (method === 'POST' && type === 'Patient' && id === '$gpc.getstructuredrecord') return { interaction: 'getStructuredRecord' };
  return undefined;
}

/** A body that is not FHIR JSON (GP Connect 1.6: development_general_api_guidance, "Content types"). */
function unsupportedContentType(request: Request): Response | undefined {
  const contentType = request.headers.get('Content-Type');
  if (contentType && FHIR_JSON.test(contentType)) return undefined;
  return stu3Outcome(415, 'not-supported', 'UNSUPPORTED_MEDIA_TYPE', `Unsupported Content-Type '${contentType}'`);
}

const withETag = (resource: Resource) =>
  fhirResponse(resource, 200, 'application/fhir+json', { 'Cache-Control': 'no-store', ETag: `W/"${resource.meta.versionId}"` });
const bundleResponse = (resources: Resource[]) => fhirResponse(searchset(resources), 200, 'application/fhir+json', { 'Cache-Control': 'no-store' });

/**
 * The `identifier=system|value` token of a Foundations search (GP Connect 1.6: foundations_use_case_find_a_patient, foundations_use_case_find_a_practitioner, foundations_use_case_find_an_organisation):
 * missing, duplicated or wrongly cased → 400 BAD_REQUEST; no system or no value → 422
 * INVALID_PARAMETER; another system → 400 INVALID_IDENTIFIER_SYSTEM. Other parameters are ignored.
 */
function identifierToken(url: URL, system: string): { value: string } | Response {
  const names = [...url.searchParams.keys()];
  const wrongCase = names.find((n) => n.toLowerCase() === 'identifier' && n !== 'identifier');
  if (wrongCase) return stu3Outcome(400, 'invalid', 'BAD_REQUEST', `Unknown parameter '${wrongCase}': parameter names are case-sensitive`);
  const values = url.searchParams.getAll('identifier');
  if (values.length === 0) return stu3Outcome(400, 'invalid', 'BAD_REQUEST', 'The identifier parameter is required');
  if (values.length > 1) return stu3Outcome(400, 'invalid', 'BAD_REQUEST', 'The identifier parameter may appear only once');
  const bar = values[0].indexOf('|');
  const tokenSystem = bar >= 0 ? values[0].slice(0, bar) : '';
  const value = bar >= 0 ? values[0].slice(bar + 1) : values[0];
  if (!tokenSystem) return stu3Outcome(422, 'invalid', 'INVALID_PARAMETER', 'The identifier must name its system: identifier=system|value');
  if (!value) return stu3Outcome(422, 'invalid', 'INVALID_PARAMETER', 'The identifier value is empty');
  if (tokenSystem !== system) return stu3Outcome(400, 'value', 'INVALID_IDENTIFIER_SYSTEM', `Identifier system must be ${system}`);
  return { value };
}

/** Where a patient stands at this practice: their regular registration, or a temporary one made here. */
function registrationAt(practice: WorldPractice, patient: WorldPatient, control: SpineControl): Registration | undefined {
  const temporary = control.registrations.get(`${practice.odsCode}|${patient.nhsNumber}`);
  if (temporary) return { type: 'T', start: temporary.start, end: temporary.end };
  const gp = patient.gp;
  if (!gp || patient.pds?.practiceOdsCode !== practice.odsCode) return undefined;
  return { type: 'R', start: gp.registeredSince ?? '2012-04-01', preferredBranch: gp.preferredBranch };
}

/** The logical id the GP system gives a patient: stable, and not the NHS number. */
function patientId(world: World, patient: WorldPatient, control: SpineControl, odsCode: string): string {
  return control.registrations.get(`${odsCode}|${patient.nhsNumber}`)?.id ?? String(world.patients.indexOf(patient) + 1);
}

/**
 * Only active patients are found: not sensitive, not deceased, not inactive, verified on PDS;
 * dissented patients are (consent bites only on record access) (GP Connect 1.6: foundations_use_case_find_a_patient; mocks/README.md).
 */
function isActiveHere(practice: WorldPractice, patient: WorldPatient, control: SpineControl): Registration | undefined {
  const pds = patient.pds;
  if (!pds || pds.security !== 'U' || pds.deceasedDaysAgo !== undefined || pds.verificationCode !== '01') return undefined;
  const registration = registrationAt(practice, patient, control);
  if (!registration) return undefined;
  if (registration.type === 'R' && (patient.gp?.sensitive || patient.gp?.registration === 'inactive')) return undefined;
  return registration;
}

function patientsHere(practice: WorldPractice, world: World, control: SpineControl) {
  return world.patients.flatMap((patient) => {
    const registration = isActiveHere(practice, patient, control);
    return registration ? [{ patient, registration, id: patientId(world, patient, control, practice.odsCode) }] : [];
  });
}

/** Answers one request for the practice's STU3 server; `path` is what follows the service root URL. */
export async function handleStu3Provider(request: Request, practice: WorldPractice, path: string, world: World, control: SpineControl): Promise<Response> {
  const gpc = practice.gpConnect!;
  const foundations = practice.foundations ?? { organisations: [], locations: [], practitioners: [] };
  const url = new URL(request.url);
  const format = url.searchParams.get('_format');
  const accept = format ?? request.headers.get('Accept');
  if (accept && !FHIR_JSON.test(accept) && accept !== '*/*')
    return stu3Outcome(415, 'not-supported', 'UNSUPPORTED_MEDIA_TYPE', `This server answers application/fhir+json, not '${accept}'`);

  const route = routeOf(request.method, path);
  if (!route) return stu3Outcome(501, 'not-supported', 'NOT_IMPLEMENTED', `${request.method} ${path} is not implemented by this provider`);
  const jwt = checkStu3Jwt(request.headers.get('Authorization'), { aud: gpc.stu3RootUrl, scope: SCOPES[route.interaction] });
  if (!jwt.ok) return stu3Outcome(jwt.status, 'invalid', jwt.code, jwt.reason);
  if (request.headers.get('Ssp-InteractionID') !== INTERACTION_IDS[route.interaction]) {
    return stu3Outcome(400, 'invalid', 'BAD_REQUEST', `Ssp-InteractionID does not match ${request.method} ${path}`);
  }
  if (route.id !== undefined && !LOGICAL_ID.test(route.id)) return stu3Outcome(400, 'invalid', 'BAD_REQUEST', 'The logical id is not a valid FHIR id');

  switch (route.interaction) {
    case 'metadata':
      return fhirResponse(capabilityStatement(practice), 200, 'application/fhir+json', { 'Cache-Control': 'no-store' });

    case 'searchPatient': {
      const token = identifierToken(url, NHS_NUMBER_SYSTEM);
      if (token instanceof Response) return token;
      if (!/^\d{10}$/.test(token.value) || !isValidNhsNumber(token.value))
        return stu3Outcome(400, 'value', 'INVALID_NHS_NUMBER', 'The NHS number is not valid');
      const found = patientsHere(practice, world, control).filter((p) => p.patient.nhsNumber === token.value);
      return bundleResponse(found.map((p) => patientResource(p.id, p.patient, practice, p.registration)));
    }
    case 'readPatient': {
      const found = patientsHere(practice, world, control).find((p) => p.id === route.id);
      if (!found) return stu3Outcome(404, 'not-found', 'PATIENT_NOT_FOUND', `No patient with id ${route.id}`);
      return withETag(patientResource(found.id, found.patient, practice, found.registration));
    }
    case 'searchPractitioner': {
      const token = identifierToken(url, SDS_USER_SYSTEM);
      if (token instanceof Response) return token;
      return bundleResponse(foundations.practitioners.filter((p) => p.sdsUserId === token.value).map(practitionerResource));
    }
    case 'readPractitioner': {
      const practitioner = foundations.practitioners.find((p) => p.id === route.id);
      if (!practitioner) return stu3Outcome(404, 'not-found', 'PRACTITIONER_NOT_FOUND', `No practitioner with id ${route.id}`);
      return withETag(practitionerResource(practitioner));
    }
    case 'searchOrganization': {
      const token = identifierToken(url, ODS_SYSTEM);
      if (token instanceof Response) return token;
      return bundleResponse(foundations.organisations.filter((o) => o.odsCode === token.value).map((o) => organisationResource(practice, o)));
    }
    case 'readOrganization': {
      const organisation = foundations.organisations.find((o) => o.id === route.id);
      if (!organisation) return stu3Outcome(404, 'not-found', 'ORGANISATION_NOT_FOUND', `No organisation with id ${route.id}`);
      return withETag(organisationResource(practice, organisation));
    }
    case 'readLocation': {
      const location = foundations.locations.find((l) => l.id === route.id);
      if (!location) return stu3Outcome(404, 'not-found', 'NO_RECORD_FOUND', `No location with id ${route.id}`);
      return withETag(locationResource(practice, location));
    }
    case 'registerPatient': {
      const unsupported = unsupportedContentType(request);
      if (unsupported) return unsupported;
      const outcome = registerPatient(await request.text(), practice, world, control, (patient) => isActiveHere(practice, patient, control) !== undefined);
      if (outcome instanceof Response) return outcome;
      const registration: Registration = { type: 'T', start: outcome.start, end: outcome.end };
      return bundleResponse([patientResource(outcome.id, outcome.patient, practice, registration)]);
    }
    case 'getStructuredRecord': {
      // A practice that does not offer Structured refuses it (accessrecord_structured_development_retrieve_patient_record: 403 ACCESS DENIED).
      if (!gpc.structured) return stu3Outcome(403, 'forbidden', 'ACCESS_DENIED', 'Access Record Structured is not enabled at this practice');
      const unsupported = unsupportedContentType(request);
      if (unsupported) return unsupported;
      return getStructuredRecord(request, await request.text(), practice, world, (patient) => {
        const registration = isActiveHere(practice, patient, control);
        return registration?.type === 'R' ? patientId(world, patient, control, practice.odsCode) : undefined;
      });
    }
  }
}
