/**
 * A simulated GP Connect DSTU2 (0.7.4) provider: `GET /metadata` and
 * `POST /Patient/$gpc.getcarerecord` (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section) (validating in the order mocks/README.md gives).
 */
import { isSectionCode, isValidNhsNumber, SECTIONS, type SectionCode } from '../rules';
import { daysAgo, type World, type WorldPractice } from '../../world';
import { dstu2Outcome, fhirResponse } from '../fhir';
import { buildSectionHtml, type Period } from './html';
import { checkDstu2Jwt } from './jwt-check';

export const GETCARERECORD = 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord';
export const READ_METADATA_DSTU2 = 'urn:nhs:names:services:gpconnect:fhir:rest:read:metadata';

const SECTION_SYSTEM = 'http://fhir.nhs.net/ValueSet/gpconnect-record-section-1';
const NHS_SYSTEM_DSTU2 = 'http://fhir.nhs.net/Id/nhs-number';
const FHIR_MEDIA = /^application\/(json|xml)\+fhir(;\s*charset=utf-8)?$/i;
/** Deceased records stay shareable for 28 days (docs/requirements.md R5). */
const DECEASED_WINDOW_DAYS = 28;

const noStore = { 'Cache-Control': 'no-store' };

function conformance(practice: WorldPractice) {
  return {
    resourceType: 'Conformance',
    version: '0.7.4',
    name: 'GP Connect',
    publisher: practice.gpConnect!.supplier,
    date: '2022-07-08',
    fhirVersion: '1.0.2',
    acceptUnknown: 'both',
    format: ['application/json+fhir', 'application/xml+fhir'],
    rest: [
      {
        mode: 'server',
        operation: [{ name: 'gpc.getcarerecord', definition: { reference: 'OperationDefinition/gpc.getcarerecord' } }],
      },
    ],
  };
}

/** Accepted period forms (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section): yyyy, yyyy-MM, yyyy-MM-dd, or a dateTime with an offset. */
const PERIOD_VALUE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z))?)?)?$/;

interface Parameter {
  name?: unknown;
  valueIdentifier?: { system?: unknown; value?: unknown };
  valueCodeableConcept?: { coding?: { system?: unknown; code?: unknown }[] };
  valuePeriod?: { start?: unknown; end?: unknown };
  [key: string]: unknown;
}

type CareRecordRequest = { nhsNumber: string; section: SectionCode; period?: Period };

function parseCareRecordBody(body: unknown): CareRecordRequest | Response {
  const invalidParam = (msg: string) => dstu2Outcome(422, 'invalid', 'INVALID_PARAMETER', msg);
  const badRequest = (msg: string) => dstu2Outcome(400, 'invalid', 'BAD_REQUEST', msg);
  if (body === undefined || body === null) return badRequest('Request body is empty');
  if (typeof body !== 'object' || (body as { resourceType?: unknown }).resourceType !== 'Parameters') {
    return dstu2Outcome(422, 'invalid', 'INVALID_RESOURCE', 'Request body must be a Parameters resource');
  }
  const params = (body as { parameter?: unknown }).parameter;
  if (!Array.isArray(params)) return badRequest('Parameters.parameter is missing');
  const byName = new Map<string, Parameter>();
  for (const p of params as Parameter[]) {
    const name = String(p?.name ?? '');
    if (!['patientNHSNumber', 'recordSection', 'timePeriod'].includes(name)) return invalidParam(`Unknown parameter '${name}'`);
    if (byName.has(name)) return badRequest(`Parameter '${name}' is duplicated`);
    byName.set(name, p);
  }
  const nhsParam = byName.get('patientNHSNumber');
  const sectionParam = byName.get('recordSection');
  if (!nhsParam || !sectionParam) return badRequest('patientNHSNumber and recordSection are mandatory');
  if (!nhsParam.valueIdentifier) return badRequest('patientNHSNumber must be a valueIdentifier');
  if (nhsParam.valueIdentifier.system !== NHS_SYSTEM_DSTU2) {
    return dstu2Outcome(400, 'value', 'INVALID_IDENTIFIER_SYSTEM', `Identifier system must be ${NHS_SYSTEM_DSTU2}`);
  }
  const nhsNumber = String(nhsParam.valueIdentifier.value ?? '');
  if (!isValidNhsNumber(nhsNumber) || !/^\d{10}$/.test(nhsNumber)) return dstu2Outcome(400, 'value', 'INVALID_NHS_NUMBER', 'NHS number is invalid');
  const codings = sectionParam.valueCodeableConcept?.coding;
  if (!Array.isArray(codings) || codings.length !== 1) return badRequest('recordSection must be a valueCodeableConcept with one coding');
  if (codings[0].system !== SECTION_SYSTEM) return badRequest(`recordSection coding system must be ${SECTION_SYSTEM}`);
  const code = String(codings[0].code ?? '');
  if (!isSectionCode(code)) return invalidParam(`Record section '${code}' is not valid`);

  const periodParam = byName.get('timePeriod');
  let period: Period | undefined;
  if (periodParam) {
    if (!SECTIONS[code].acceptsDateRange) {
      // GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section: a period on SUM/ALL/IMM is a 400.
      return dstu2Outcome(400, 'invalid', 'INVALID_PARAMETER', `Record section '${code}' does not accept a time period`);
    }
    const vp = periodParam.valuePeriod;
    if (!vp || typeof vp !== 'object') return badRequest('timePeriod must be a valuePeriod');
    const start = vp.start === undefined ? undefined : String(vp.start);
    const end = vp.end === undefined ? undefined : String(vp.end);
    for (const v of [start, end]) if (v !== undefined && !PERIOD_VALUE.test(v)) return invalidParam(`Invalid date '${v}' in timePeriod`);
    if (start && end && start.slice(0, 10) > end.slice(0, 10)) return invalidParam('timePeriod start is after its end');
    period = { start, end };
  }
  return { nhsNumber, section: code, period };
}

function careRecordBundle(practice: WorldPractice, request: CareRecordRequest, world: World): Response {
  const patient = world.patient(request.nhsNumber);
  const pds = patient?.pds;
  const notFound = () => dstu2Outcome(404, 'not-found', 'PATIENT_NOT_FOUND', 'Patient not found');
  // Unknown, not registered here, sensitive (S-flag) or not verified → 404 (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section).
  if (!patient?.gp || !pds || pds.practiceOdsCode !== practice.odsCode || pds.security !== 'U' || pds.verificationCode !== '01') {
    return notFound();
  }
  // Sensitive in the GP system only, or an ended registration: also 404 (mocks/README.md).
  if (patient.gp.sensitive || patient.gp.registration === 'inactive') return notFound();
  if (pds.deceasedDaysAgo !== undefined && pds.deceasedDaysAgo > DECEASED_WINDOW_DAYS) return notFound();
  if (patient.gp.consent === 'dissent') return dstu2Outcome(403, 'forbidden', 'NO_PATIENT_CONSENT', 'Patient has not provided consent to share data');

  const html = buildSectionHtml(request.section, world.record(patient.gp.record), {
    period: request.period,
    transferIncompleteSince: patient.gp.transferIncompleteDaysAgo !== undefined ? daysAgo(patient.gp.transferIncompleteDaysAgo) : undefined,
  });
  const section = SECTIONS[request.section];
  const meta = (profile: string) => ({ profile: [`http://fhir.nhs.net/StructureDefinition/${profile}`], versionId: '1' });
  const bundle = {
    resourceType: 'Bundle',
    id: crypto.randomUUID(),
    meta: { profile: ['http://fhir.nhs.net/StructureDefinition/gpconnect-searchset-bundle-1'] },
    type: 'searchset',
    entry: [
      {
        resource: {
          resourceType: 'Composition',
          id: crypto.randomUUID(),
          meta: meta('gpconnect-carerecord-composition-1'),
          date: new Date().toISOString(),
          type: { coding: [{ system: 'http://snomed.info/sct', code: '425173008', display: 'record extract (record artifact)' }] },
          class: { coding: [{ system: 'http://snomed.info/sct', code: '700232004', display: 'general medical service (qualifier value)' }] },
          title: 'Patient Care Record',
          status: 'final',
          subject: { reference: 'Patient/1' },
          author: [{ reference: 'Device/1' }],
          custodian: { reference: 'Organization/1' },
          section: [
            {
              title: section.title,
              code: { coding: [{ system: SECTION_SYSTEM, code: request.section, display: section.title }], text: section.title },
              text: { status: 'generated', div: html },
            },
          ],
        },
      },
      {
        resource: {
          resourceType: 'Patient',
          id: '1',
          meta: meta('gpconnect-patient-1'),
          identifier: [{ system: NHS_SYSTEM_DSTU2, value: patient.nhsNumber }],
          name: [{ use: 'official', family: [pds.family], given: pds.given, prefix: pds.prefix ? [pds.prefix] : [] }],
          gender: pds.gender,
          birthDate: pds.birthDate,
          ...(pds.deceasedDaysAgo !== undefined ? { deceasedDateTime: `${daysAgo(pds.deceasedDaysAgo)}T00:00:00+00:00` } : {}),
          ...(pds.address ? { address: [{ use: 'home', line: pds.address.line, city: pds.address.city, postalCode: pds.address.postalCode }] } : {}),
          careProvider: [{ reference: 'Practitioner/1' }],
          managingOrganization: { reference: 'Organization/1' },
        },
      },
      {
        resource: {
          resourceType: 'Practitioner',
          id: '1',
          meta: meta('gpconnect-practitioner-1'),
          identifier: [{ system: 'http://fhir.nhs.net/Id/sds-user-id', value: 'G8133438' }],
          name: { use: 'usual', family: ['Lee'], given: ['Sarah'], prefix: ['Dr'] },
          gender: 'female',
        },
      },
      {
        resource: {
          resourceType: 'Organization',
          id: '1',
          meta: meta('gpconnect-organization-1'),
          identifier: [{ system: 'http://fhir.nhs.net/Id/ods-organization-code', value: practice.odsCode }],
          name: practice.name,
          address: [{ use: 'work', line: practice.address.line, city: practice.address.city, postalCode: practice.address.postalCode }],
        },
      },
      {
        resource: {
          resourceType: 'Device',
          id: '1',
          meta: meta('gpconnect-device-1'),
          identifier: [{ system: 'https://fhir.nhs.uk/Id/nhsSpineASID', value: practice.gpConnect!.asid }],
          type: { coding: [{ system: 'http://snomed.info/sct', code: '462240000', display: 'Patient health record information system (physical object)' }] },
          model: practice.gpConnect!.supplier,
          version: '0.7.4',
        },
      },
    ],
  };
  return fhirResponse(bundle, 200, 'application/json+fhir', noStore);
}

/** Answers one request for the practice's DSTU2 server; `path` is what follows the service root URL. */
export async function handleDstu2Provider(request: Request, practice: WorldPractice, path: string, world: World): Promise<Response> {
  const accept = request.headers.get('Accept');
  if (accept && !FHIR_MEDIA.test(accept)) return dstu2Outcome(415, 'not-supported', 'BAD_REQUEST', `Unsupported Accept '${accept}'`);
  const interaction = request.headers.get('Ssp-InteractionID');
  const route = `${request.method} ${path}`;

  if (route === 'GET /metadata') {
    if (interaction !== READ_METADATA_DSTU2) return dstu2Outcome(400, 'invalid', 'BAD_REQUEST', 'Ssp-InteractionID does not match the request');
    const jwt = checkDstu2Jwt(request.headers.get('Authorization'), { scope: 'organization/*.read', record: { resourceType: 'Organization' } });
    if (!jwt.ok) return dstu2Outcome(jwt.status, 'invalid', jwt.code, jwt.reason);
    return fhirResponse(conformance(practice), 200, 'application/json+fhir', noStore);
  }
  if (route === 'POST /Patient/$gpc.getcarerecord') {
    const contentType = request.headers.get('Content-Type');
    if (!contentType || !FHIR_MEDIA.test(contentType)) return dstu2Outcome(415, 'not-supported', 'BAD_REQUEST', `Unsupported Content-Type '${contentType}'`);
    if (interaction !== GETCARERECORD) return dstu2Outcome(400, 'invalid', 'BAD_REQUEST', 'Ssp-InteractionID does not match the request');
    let body: unknown;
    try {
      const text = await request.text();
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      return dstu2Outcome(400, 'invalid', 'BAD_REQUEST', 'Request body is not valid JSON');
    }
    const parsed = parseCareRecordBody(body);
    if (parsed instanceof Response) return parsed;
    const jwt = checkDstu2Jwt(request.headers.get('Authorization'), {
      scope: 'patient/*.read',
      record: { resourceType: 'Patient', value: parsed.nhsNumber },
    });
    if (!jwt.ok) return dstu2Outcome(jwt.status, 'invalid', jwt.code, jwt.reason);
    return careRecordBundle(practice, parsed, world);
  }
  return dstu2Outcome(501, 'not-supported', 'NOT_IMPLEMENTED', `${route} is not implemented by this provider`);
}
