/**
 * The simulated STU3 Foundations provider behind the SSP (GP Connect 1.6: integration_cross_organisation_audit_and_provenance, integration_interaction_ids, development_general_api_guidance, foundations, development_fhir_error_handling_guidance):
 * one test per rule the issue lists, plus the shapes of the official examples.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIMULATED_SPINE as S } from '../../mocks/config';
import { STU3_INTERACTIONS } from '../../mocks/handlers/interactions';
import { world } from '../../mocks/world';
import { buildStu3Jwt, stu3Claims, encodeUnsignedJwt, type Stu3Scope } from '../../src/server/spine/jwt';
import { setUpSimulatedSpine } from '../support/spine';

type Json = any;
const example = (name: string): Json => JSON.parse(readFileSync(new URL(`../fixtures/spec-examples/${name}`, import.meta.url), 'utf8'));

setUpSimulatedSpine();

const A20047 = world.practice('A20047')!.gpConnect!;
const ROOT = A20047.stu3RootUrl;
const user = { sdsUserId: 'G13579135', roleProfileId: '111111111', family: 'Gilbert', given: 'Nichole', prefix: 'Dr' };
const jwtFor = (scope: Stu3Scope, aud = ROOT) =>
  buildStu3Jwt({ iss: 'https://viewer.example/', user, organisation: { odsCode: 'GPC001', name: 'Consumer' }, aud, scope });

type Interaction = keyof typeof STU3_INTERACTIONS;
const SCOPE: Record<Interaction, Stu3Scope> = {
  metadata: 'organization/*.read',
  readPatient: 'patient/*.read',
  searchPatient: 'patient/*.read',
  readPractitioner: 'organization/*.read',
  searchPractitioner: 'organization/*.read',
  readOrganization: 'organization/*.read',
  searchOrganization: 'organization/*.read',
  readLocation: 'organization/*.read',
  registerPatient: 'patient/*.write',
};

interface Call {
  root?: string;
  asid?: string;
  headers?: Record<string, string>;
  jwt?: string;
  body?: unknown;
}

async function gpc(interaction: Interaction, path: string, call: Call = {}) {
  const method = interaction === 'registerPatient' ? 'POST' : 'GET';
  const response = await fetch(`${S.sspBaseUrl}/${call.root ?? ROOT}${path}`, {
    method,
    headers: {
      Accept: 'application/fhir+json',
      'Ssp-TraceID': crypto.randomUUID(),
      'Ssp-From': '200000000359',
      'Ssp-To': call.asid ?? A20047.asid,
      'Ssp-InteractionID': STU3_INTERACTIONS[interaction],
      Authorization: `Bearer ${call.jwt ?? jwtFor(SCOPE[interaction])}`,
      ...(method === 'POST' ? { 'Content-Type': 'application/fhir+json' } : {}),
      ...call.headers,
    },
    body: call.body === undefined ? undefined : typeof call.body === 'string' ? call.body : JSON.stringify(call.body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}

const code = (body: Json) => body.issue?.[0]?.details?.coding?.[0]?.code;
const nhsQuery = (value: string) => `/Patient?identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${value}`)}`;
const entries = (body: Json) => (body.entry ?? []).map((e: Json) => e.resource);

describe('SDS routes Foundations interactions to the STU3 server', () => {
  it('gives the STU3 root URL for an STU3 interaction and the DSTU2 one for getcarerecord', async () => {
    const ask = async (interaction: string) => {
      const url = `${S.sdsBaseUrl}/Endpoint?organization=${encodeURIComponent('https://fhir.nhs.uk/Id/ods-organization-code|A20047')}&identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/nhsServiceInteractionId|${interaction}`)}`;
      return ((await (await fetch(url, { headers: { apikey: 'k' } })).json()) as Json).entry[0].resource.address;
    };
    expect(await ask(STU3_INTERACTIONS.searchPatient)).toBe(ROOT);
    expect(await ask('urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord')).toBe(A20047.dstu2RootUrl);
    expect(ROOT).not.toBe(A20047.dstu2RootUrl);
  });

  it('the SSP refuses a Foundations interaction sent to the DSTU2 server', async () => {
    const r = await gpc('metadata', '/metadata', { root: A20047.dstu2RootUrl });
    expect(r.status).toBe(403);
    expect(r.body.issue[0].diagnostics).toMatch(/^PARTYKEY_INTERACTION_CHECK_FAILED/);
  });
});

describe('read metadata', () => {
  it('answers a CapabilityStatement shaped like the example, no-store', async () => {
    const r = await gpc('metadata', '/metadata');
    const ex = example('stu3-foundations-capabilitystatement.json');
    expect(r.status).toBe(200);
    expect(r.headers.get('Cache-Control')).toBe('no-store');
    expect(r.body).toMatchObject({
      resourceType: ex.resourceType,
      version: '1.6.2',
      fhirVersion: ex.fhirVersion,
      acceptUnknown: ex.acceptUnknown,
      format: ex.format,
    });
    expect(r.body.rest[0].operation.map((o: Json) => o.name)).toContain('gpc.registerpatient');
  });
});

describe('the STU3 JWT and headers', () => {
  const claims = (scope: Stu3Scope) =>
    stu3Claims({ iss: 'https://viewer.example/', user, organisation: { odsCode: 'GPC001', name: 'Consumer' }, aud: ROOT, scope });
  it.each([
    ['aud is not the service root URL', jwtFor('organization/*.read', 'https://authorize.fhir.nhs.net/token'), 400, 'BAD_REQUEST'],
    ['exp is not iat + 300', encodeUnsignedJwt({ ...claims('organization/*.read'), exp: Math.floor(Date.now() / 1000) + 600 }), 400, 'BAD_REQUEST'],
    ['the scope is wrong for the interaction', jwtFor('patient/*.read'), 400, 'BAD_REQUEST'],
    [
      'requesting_practitioner has the DSTU2 name shape',
      encodeUnsignedJwt({
        ...claims('organization/*.read'),
        requesting_practitioner: { ...(claims('organization/*.read').requesting_practitioner as Json), name: { family: ['Gilbert'] } },
      }),
      422,
      'INVALID_RESOURCE',
    ],
    [
      'requesting_organization is not an Organization',
      encodeUnsignedJwt({ ...claims('organization/*.read'), requesting_organization: { resourceType: 'Device' } }),
      422,
      'INVALID_RESOURCE',
    ],
  ])('refuses a token where %s', async (_why, jwt, status, expected) => {
    const r = await gpc('metadata', '/metadata', { jwt });
    expect(r.status).toBe(status);
    expect(code(r.body)).toBe(expected);
    expect(r.headers.get('Cache-Control')).toBe('no-store');
    expect(r.body.issue[0].details.coding[0].system).toBe('https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1');
  });

  it('refuses an interaction id that does not match the verb and path (400 BAD_REQUEST)', async () => {
    const r = await gpc('readOrganization', '/Organization/1', { headers: { 'Ssp-InteractionID': STU3_INTERACTIONS.readPractitioner } });
    expect(r.status).toBe(400);
    expect(code(r.body)).toBe('BAD_REQUEST');
  });

  it('answers 415 to a format it does not serve', async () => {
    const r = await gpc('metadata', '/metadata', { headers: { Accept: 'text/html' } });
    expect(r.status).toBe(415);
  });
});

describe('patient search and read (R13, R16)', () => {
  it('finds an active patient, with the registration details and verification status', async () => {
    const r = await gpc('searchPatient', nhsQuery('9658218873'));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      resourceType: 'Bundle',
      type: 'searchset',
      meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-Searchset-Bundle-1'] },
    });
    const [patient] = entries(r.body);
    const ex = example('stu3-foundations-patient-read.json');
    expect(patient.meta.profile).toEqual(ex.meta.profile);
    expect(patient.identifier[0].extension[0].url).toBe(ex.identifier[0].extension[0].url);
    expect(patient.extension[0].url).toBe(ex.extension[0].url);
    expect(patient.extension[0].extension.map((e: Json) => e.url)).toEqual(['registrationPeriod', 'registrationType', 'preferredBranchSurgery']);
    expect(patient.name[0].use).toBe('official');
    for (const forbidden of ['maritalStatus', 'multipleBirthBoolean', 'birthPlace']) expect(patient).not.toHaveProperty(forbidden);
  });

  it.each([
    ['sensitive at the practice', '9690123688'],
    ['deceased', '9658220290'],
    ['inactive', '9690123750'],
    ['restricted on PDS', '9658220142'],
    ['not registered there', '9658218881'],
  ])('answers an empty searchset (200) for a patient %s', async (_why, nhs) => {
    const practice = world.patient(nhs)?.pds?.practiceOdsCode === 'B82617' ? world.practice('B82617')!.gpConnect! : A20047;
    const r = await gpc('searchPatient', nhsQuery(nhs), {
      root: practice.stu3RootUrl,
      asid: practice.asid,
      jwt: jwtFor('patient/*.read', practice.stu3RootUrl),
    });
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(0);
    expect(entries(r.body)).toEqual([]);
  });

  it('still finds a patient who dissented (consent bites only on the record)', async () => {
    const r = await gpc('searchPatient', nhsQuery('9658220169'));
    expect(entries(r.body)).toHaveLength(1);
  });

  it.each([
    ['no identifier', '/Patient', 400, 'BAD_REQUEST'],
    ['a wrongly cased parameter name', `/Patient?Identifier=${encodeURIComponent('https://fhir.nhs.uk/Id/nhs-number|9658218873')}`, 400, 'BAD_REQUEST'],
    ['the identifier twice', `${nhsQuery('9658218873')}&identifier=${encodeURIComponent('https://fhir.nhs.uk/Id/nhs-number|9658218873')}`, 400, 'BAD_REQUEST'],
    ['an empty value', nhsQuery(''), 422, 'INVALID_PARAMETER'],
    ['no system', `/Patient?identifier=9658218873`, 422, 'INVALID_PARAMETER'],
    ['an unsupported system', `/Patient?identifier=${encodeURIComponent('https://example.org/id|9658218873')}`, 400, 'INVALID_IDENTIFIER_SYSTEM'],
    ['an invalid NHS number', nhsQuery('9658218874'), 400, 'INVALID_NHS_NUMBER'],
  ])('refuses a search with %s', async (_why, path, status, expected) => {
    const r = await gpc('searchPatient', path);
    expect(r.status).toBe(status);
    expect(code(r.body)).toBe(expected);
  });

  it('reads a patient by logical id with a weak ETag, and answers 404 PATIENT_NOT_FOUND for an unknown id', async () => {
    const [found] = entries((await gpc('searchPatient', nhsQuery('9658218873'))).body);
    const read = await gpc('readPatient', `/Patient/${found.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('ETag')).toBe(`W/"${found.meta.versionId}"`);
    expect(read.body.identifier[0].value).toBe('9658218873');
    const missing = await gpc('readPatient', '/Patient/999999');
    expect(missing.status).toBe(404);
    expect(code(missing.body)).toBe('PATIENT_NOT_FOUND');
  });
});

describe('practitioners (R14, R16)', () => {
  const search = (sds: string, ods = 'A20047') => {
    const p = world.practice(ods)!.gpConnect!;
    return gpc('searchPractitioner', `/Practitioner?identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/sds-user-id|${sds}`)}`, {
      root: p.stu3RootUrl,
      asid: p.asid,
      jwt: jwtFor('organization/*.read', p.stu3RootUrl),
    });
  };
  const roleIds = (p: Json) => p.identifier.filter((i: Json) => i.system === 'https://fhir.nhs.uk/Id/sds-role-profile-id').length;

  it('holds practitioners with zero, one and two role profile ids', async () => {
    const counts = await Promise.all(['G13579135', 'G11111116', 'G22345655'].map(async (sds) => roleIds(entries((await search(sds)).body)[0])));
    expect(counts).toEqual([0, 1, 2]);
  });

  it('finds two practitioners sharing one SDS user id, and none for an unknown id (empty searchset)', async () => {
    expect(entries((await search('G22222226', 'B82617')).body)).toHaveLength(2);
    const none = await search('G99999999');
    expect(none.status).toBe(200);
    expect(none.body.total).toBe(0);
  });

  it('reads a practitioner shaped like the example, and answers 404 PRACTITIONER_NOT_FOUND', async () => {
    const r = await gpc('readPractitioner', '/Practitioner/3');
    const ex = example('stu3-foundations-practitioner-read.json');
    expect(r.body.meta.profile).toEqual(ex.meta.profile);
    expect(r.body.identifier[0].system).toBe(ex.identifier[0].system);
    for (const forbidden of ['telecom', 'address', 'birthDate', 'photo', 'qualification']) expect(r.body).not.toHaveProperty(forbidden);
    const missing = await gpc('readPractitioner', '/Practitioner/nobody');
    expect(missing.status).toBe(404);
    expect(code(missing.body)).toBe('PRACTITIONER_NOT_FOUND');
  });
});

describe('organisations and locations (R15, R16)', () => {
  it('finds the practice by ODS code, shaped like the example, and reads it by id', async () => {
    const r = await gpc('searchOrganization', `/Organization?identifier=${encodeURIComponent('https://fhir.nhs.uk/Id/ods-organization-code|A20047')}`);
    const [org] = entries(r.body);
    const ex = example('stu3-foundations-organization-read.json');
    expect(org.meta.profile).toEqual(ex.meta.profile);
    expect(org.identifier).toEqual([{ system: ex.identifier[0].system, value: 'A20047' }]);
    for (const forbidden of ['contact', 'endpoint']) expect(org).not.toHaveProperty(forbidden);
    const read = await gpc('readOrganization', `/Organization/${org.id}`);
    expect(read.body.name).toBe("Dr Legg's Surgery");
    const missing = await gpc('readOrganization', '/Organization/404');
    expect([missing.status, code(missing.body)]).toEqual([404, 'ORGANISATION_NOT_FOUND']);
  });

  it('every practice has a main and a branch surgery; unknown locations are 404 NO_RECORD_FOUND', async () => {
    for (const practice of world.practices.filter((p) => p.gpConnect)) {
      expect(practice.foundations!.locations.length, practice.odsCode).toBeGreaterThanOrEqual(2);
      expect(
        practice.foundations!.locations.filter((l) => l.main),
        practice.odsCode,
      ).toHaveLength(1);
    }
    const r = await gpc('readLocation', '/Location/11');
    const ex = example('stu3-foundations-location-read.json');
    expect(r.body.meta.profile).toEqual(ex.meta.profile);
    expect(r.body.managingOrganization.reference).toBe('Organization/1');
    const missing = await gpc('readLocation', '/Location/99');
    expect([missing.status, code(missing.body)]).toEqual([404, 'NO_RECORD_FOUND']);
  });
});

describe('register patient (R17)', () => {
  const parameters = (patient: Json) => ({
    resourceType: 'Parameters',
    parameter: [{ name: 'registerPatient', resource: { resourceType: 'Patient', ...patient } }],
  });
  const lister = {
    identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9690124676' }],
    name: [{ use: 'official', family: 'Lister', given: ['Owen'] }],
    birthDate: '1984-02-29',
    gender: 'male',
  };
  const register = (patient: Json) => gpc('registerPatient', '/Patient/$gpc.registerpatient', { body: parameters(patient) });

  it('registers temporarily, then finds the patient there; a second registration is 409 DUPLICATE_REJECTED', async () => {
    const first = await register(lister);
    expect(first.status).toBe(200);
    const [patient] = entries(first.body);
    const type = patient.extension[0].extension.find((e: Json) => e.url === 'registrationType');
    expect(type.valueCodeableConcept.coding[0].code).toBe('T');
    expect(entries((await gpc('searchPatient', nhsQuery('9690124676'))).body)).toHaveLength(1);
    const again = await register(lister);
    expect([again.status, code(again.body)]).toEqual([409, 'DUPLICATE_REJECTED']);
  });

  it('rejects a patient already registered here as a duplicate', async () => {
    const r = await register({
      ...lister,
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9658218873' }],
      name: [{ use: 'official', family: 'Meakin', given: ['Mike'] }],
      birthDate: '1970-05-12',
    });
    expect([r.status, code(r.body)]).toEqual([409, 'DUPLICATE_REJECTED']);
  });

  it("accepts two of three date parts with the first letters of the names (the provider's PDS rule)", async () => {
    const r = await register({ ...lister, name: [{ use: 'official', family: 'LISTERS', given: ['O'] }], birthDate: '1984-02-28' });
    expect(r.status).toBe(200);
  });

  it.each([
    [
      'the date of birth and name do not match PDS',
      { birthDate: '1984-03-28', name: [{ use: 'official', family: 'Smith', given: ['Bob'] }] },
      400,
      'INVALID_PATIENT_DEMOGRAPHICS',
    ],
    ['the patient has died', { identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9658220290' }] }, 400, 'INVALID_PATIENT_DEMOGRAPHICS'],
    ['the patient is restricted', { identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9658220142' }] }, 400, 'INVALID_PATIENT_DEMOGRAPHICS'],
    ['the number is superseded on PDS', { identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9658220223' }] }, 400, 'INVALID_NHS_NUMBER'],
    ['PDS flags the number invalid', { identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9690124749' }] }, 400, 'INVALID_NHS_NUMBER'],
    ['the NHS number fails its check digit', { identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9690124677' }] }, 400, 'INVALID_NHS_NUMBER'],
    ['there is no birth date', { birthDate: undefined }, 422, 'INVALID_RESOURCE'],
    ['the name has no given name', { name: [{ use: 'official', family: 'Lister' }] }, 422, 'INVALID_RESOURCE'],
    ['an element that must be absent is there', { maritalStatus: { text: 'Married' } }, 422, 'INVALID_RESOURCE'],
    [
      'there are two home addresses',
      {
        address: [
          { use: 'home', line: ['1 A St'] },
          { use: 'home', line: ['2 B St'] },
        ],
      },
      422,
      'INVALID_RESOURCE',
    ],
  ])('refuses when %s', async (_why, change, status, expected) => {
    const r = await register({ ...lister, ...change });
    expect([r.status, code(r.body)]).toEqual([status, expected]);
  });

  it('refuses a body that is not Parameters (422 INVALID_RESOURCE) or not JSON (400 BAD_REQUEST)', async () => {
    const notParameters = await gpc('registerPatient', '/Patient/$gpc.registerpatient', { body: { resourceType: 'Patient' } });
    expect([notParameters.status, code(notParameters.body)]).toEqual([422, 'INVALID_RESOURCE']);
    const notJson = await gpc('registerPatient', '/Patient/$gpc.registerpatient', { body: '{"resourceType":' });
    expect([notJson.status, code(notJson.body)]).toEqual([400, 'BAD_REQUEST']);
  });

  it("answers the duplicate in the example's error shape", async () => {
    await register(lister);
    const r = await register(lister);
    const ex = example('stu3-operationoutcome-409-duplicate-rejected.json');
    expect(r.body.meta).toEqual(ex.meta);
    expect(r.body.issue[0]).toMatchObject({ severity: ex.issue[0].severity, code: ex.issue[0].code, details: ex.issue[0].details });
  });
});
