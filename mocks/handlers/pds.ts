/**
 * Simulated PDS FHIR R4 retrieve (PDS FHIR API). Checks in the sandbox's
 * order: X-Request-ID present, a UUID, Authorization shape, NHS number Modulus 11, then lookup.
 */
import { isValidNhsNumber } from './rules';
import { daysAgo, type World, type WorldPatient } from '../world';
import { fhirResponse, pdsOutcome, UUID_PATTERN } from './fhir';

type PdsData = NonNullable<WorldPatient['pds']>;

const VERIFICATION_DISPLAY: Record<string, string> = {
  '01': 'Number present and verified',
  '02': 'Number present but not traced',
  '03': 'Trace required',
  '04': 'Trace attempted - No match or multiple match found',
  '05': 'Trace needs to be resolved - (NHS number or patient detail conflict)',
  '06': 'Trace in progress',
  '07': 'Number not present and trace not required',
  '08': 'Trace postponed (baby under six weeks old)',
};

export function pdsPatientResource(nhsNumber: string, pds: PdsData) {
  const restricted = pds.security === 'R';
  return {
    resourceType: 'Patient',
    id: nhsNumber,
    identifier: [
      {
        system: 'https://fhir.nhs.uk/Id/nhs-number',
        value: nhsNumber,
        extension: [
          {
            url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
            valueCodeableConcept: {
              coding: [
                {
                  system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus',
                  version: '1.0.0',
                  code: pds.verificationCode,
                  display: VERIFICATION_DISPLAY[pds.verificationCode] ?? 'Unknown',
                },
              ],
            },
          },
        ],
      },
    ],
    meta: {
      versionId: pds.versionId,
      security: [
        restricted
          ? { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R', display: 'restricted' }
          : { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'U', display: 'unrestricted' },
      ],
    },
    name: [{ id: '123', use: 'usual', given: pds.given, family: pds.family, ...(pds.prefix ? { prefix: [pds.prefix] } : {}) }],
    gender: pds.gender,
    birthDate: pds.birthDate,
    ...(pds.deceasedDaysAgo !== undefined ? { deceasedDateTime: `${daysAgo(pds.deceasedDaysAgo)}T00:00:00+00:00` } : {}),
    // A restricted record never carries address, telecom or GP (PDS FHIR API).
    ...(!restricted && pds.address
      ? { address: [{ id: '456', use: 'home', line: pds.address.line, city: pds.address.city, postalCode: pds.address.postalCode }] }
      : {}),
    ...(!restricted && pds.telephone ? { telecom: [{ id: '789', system: 'phone', value: pds.telephone, use: 'home' }] } : {}),
    ...(!restricted && pds.practiceOdsCode
      ? {
          generalPractitioner: [
            {
              id: '254406A3',
              type: 'Organization',
              identifier: {
                system: 'https://fhir.nhs.uk/Id/ods-organization-code',
                value: pds.practiceOdsCode,
                // The registration's period; an end in the past means it has ended (PDS FHIR API; R37).
                ...(pds.registrationEndedDaysAgo !== undefined ? { period: { start: '2001-04-01', end: daysAgo(pds.registrationEndedDaysAgo) } } : {}),
              },
            },
          ],
        }
      : {}),
  };
}

/** Request ids PDS has seen, for the retry scenario (bounded: cleared when full). */
const seenRequestIds = new Set<string>();

function seenBefore(requestId: string): boolean {
  if (seenRequestIds.has(requestId)) return true;
  if (seenRequestIds.size >= 10_000) seenRequestIds.clear();
  seenRequestIds.add(requestId);
  return false;
}

/** Echoes the request's ids on an answer, as PDS does. */
export function withEchoedIds(request: Request, response: Response): Response {
  for (const name of ['X-Request-ID', 'X-Correlation-ID']) {
    const value = request.headers.get(name);
    if (value) response.headers.set(name, value);
  }
  return response;
}

/** PDS's header checks, in the sandbox's order: X-Request-ID present, a UUID, then the Authorization shape. */
export function checkPdsHeaders(request: Request): Response | undefined {
  const requestId = request.headers.get('X-Request-ID');
  if (!requestId) {
    return pdsOutcome(
      400,
      'MISSING_VALUE',
      'Required value is missing',
      'required',
      'Invalid request with error - X-Request-ID header must be supplied to access this resource',
    );
  }
  if (!UUID_PATTERN.test(requestId)) {
    return withEchoedIds(
      request,
      pdsOutcome(400, 'INVALID_VALUE', 'Provided value is invalid', 'value', `Invalid value - '${requestId}' in header 'X-Request-ID'`),
    );
  }
  const auth = request.headers.get('Authorization');
  if (auth !== null && !/^Bearer [A-Za-z0-9_-]*[A-Za-z][A-Za-z0-9_-]*$/.test(auth)) {
    return withEchoedIds(request, pdsOutcome(401, 'ACCESS_DENIED', 'Access Denied - Unauthorised', 'forbidden', 'Invalid Access Token'));
  }
  return undefined;
}

/** Answers `GET {pds}/Patient/{id}` like PDS FHIR does. */
export function handlePdsRetrieve(request: Request, id: string, world: World): Response {
  const bad = checkPdsHeaders(request);
  if (bad) return bad;
  const requestId = request.headers.get('X-Request-ID')!;
  const withEcho = (response: Response) => withEchoedIds(request, response);
  if (!/^\d{10}$/.test(id) || !isValidNhsNumber(id)) {
    return withEcho(pdsOutcome(400, 'INVALID_RESOURCE_ID', 'Resource Id is invalid', 'value'));
  }
  const patient = world.patient(id);
  if (patient?.pds?.answersOnRetryOnly && !seenBefore(requestId)) {
    // PDS asks for a retry with the same X-Request-ID (PDS FHIR API: 503 SERVICE_UNAVAILABLE).
    const busy = pdsOutcome(503, 'SERVICE_UNAVAILABLE', 'Service unavailable', 'timeout', 'Retry with the same X-Request-ID');
    busy.headers.set('Retry-After', '1');
    return withEcho(busy);
  }
  if (!patient?.pds) {
    return withEcho(pdsOutcome(404, 'RESOURCE_NOT_FOUND', 'Resource not found', 'not-found', undefined, 'information'));
  }
  // Superseded: PDS returns the newer record; the caller sees id ≠ requested number (PDS FHIR API).
  let nhsNumber = id;
  let pds = patient.pds;
  if (pds.supersededBy) {
    const newer = world.patient(pds.supersededBy);
    if (!newer?.pds) return withEcho(pdsOutcome(404, 'RESOURCE_NOT_FOUND', 'Resource not found', 'not-found', undefined, 'information'));
    nhsNumber = newer.nhsNumber;
    pds = newer.pds;
  }
  return withEcho(fhirResponse(pdsPatientResource(nhsNumber, pds), 200, 'application/fhir+json', { ETag: `W/"${pds.versionId}"` }));
}
