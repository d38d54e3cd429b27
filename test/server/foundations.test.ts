/**
 * The BFF's Foundations endpoints on the simulated Spine (R7, R13–R18): each interaction, each
 * result shape (single, multiple, none, invalid) and each error, and bad input refused before any
 * Spine call.
 */
import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { SIMULATED_SPINE } from '../../mocks/config';
import { SpineControl } from '../../mocks/control';
import { STU3_INTERACTIONS } from '../../mocks/handlers/interactions';
import { handleSsp } from '../../mocks/handlers/ssp';
import { world } from '../../mocks/world';
import { createTestBff } from '../support/bff';
import { setUpSimulatedSpine } from '../support/spine';

const { server, requests } = setUpSimulatedSpine();

type Json = any;
async function get(path: string, bff = createTestBff()) {
  const response = await bff.app.request(path);
  return { status: response.status, body: (await response.json()) as Json, headers: response.headers };
}
const sspCalls = () => requests.filter((r) => r.url.startsWith('https://ssp.'));

function claimsOf(request: Request): Json {
  const token = request.headers.get('Authorization')!.slice('Bearer '.length);
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

describe('GET /api/organisations?odsCode= (R15)', () => {
  it('single: the practice at its own GP system, with an STU3 JWT aimed at that server', async () => {
    const r = await get('/api/organisations?odsCode=a20047');
    expect(r.status).toBe(200);
    expect(r.headers.get('Cache-Control')).toBe('no-store');
    expect(r.body).toMatchObject({ odsCode: 'A20047', gpConnect: true, organisations: [{ id: '1', odsCode: 'A20047', name: "Dr Legg's Surgery" }] });
    const [call] = sspCalls();
    expect(call.headers.get('Ssp-InteractionID')).toBe('urn:nhs:names:services:gpconnect:fhir:rest:search:organization-1');
    expect(call.url).toContain(
      `${world.practice('A20047')!.gpConnect!.stu3RootUrl}/Organization?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fods-organization-code%7CA20047`,
    );
    const claims = claimsOf(call);
    expect(claims).toMatchObject({
      aud: world.practice('A20047')!.gpConnect!.stu3RootUrl,
      requested_scope: 'organization/*.read',
      reason_for_request: 'directcare',
    });
    expect(claims.exp - claims.iat).toBe(300);
    expect(claims).not.toHaveProperty('requested_record');
  });

  it('multiple: every organisation the GP system holds for the code', async () => {
    const r = await get('/api/organisations?odsCode=C84001');
    expect(r.body.organisations.map((o: Json) => o.id)).toEqual(['40', '41']);
  });

  it('none at the GP system, and none because SDS knows no GP Connect server for the code', async () => {
    expect((await get('/api/organisations?odsCode=G82050')).body).toMatchObject({ gpConnect: true, organisations: [] });
    const unknown = await get('/api/organisations?odsCode=Y01234');
    expect(unknown.body).toMatchObject({ gpConnect: false, organisations: [] });
    expect(sspCalls()).toHaveLength(1);
  });

  it.each([
    ['/api/organisations', 'INVALID_ODS_CODE', 'Enter an ODS code'],
    ['/api/organisations?odsCode=A2-0047', 'INVALID_ODS_CODE', 'only letters and digits'],
    ['/api/organisations?odsCode=ABCDEFGHIJ', 'INVALID_ODS_CODE', 'at most 9'],
    ['/api/organisations?odsCode=A20047&ods=1', 'INVALID_QUERY', 'Unknown query parameter: ods'],
  ])('refuses %s before any Spine call', async (path, expectedCode, message) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(expectedCode);
    expect(r.body.detail).toContain(message);
    expect(requests).toHaveLength(0);
  });
});

describe('organisation read and capability (R16, R18)', () => {
  it('reads the organisation by id; an unknown id is GP_ORGANISATION_NOT_FOUND', async () => {
    expect((await get('/api/organisations/A20047/by-id/1')).body.organisation.name).toBe("Dr Legg's Surgery");
    const missing = await get('/api/organisations/A20047/by-id/77');
    expect([missing.status, missing.body.code, missing.body.step]).toEqual([404, 'GP_ORGANISATION_NOT_FOUND', 'provider']);
  });

  it('summarises the CapabilityStatement and reuses it from the cache', async () => {
    const bff = createTestBff();
    const first = await get('/api/organisations/B82617/capability', bff);
    expect(first.body).toMatchObject({
      gpConnectVersion: '1.6.0',
      fhirVersion: '3.0.1',
      supplier: 'Simulated GP System B',
      operations: ['gpc.registerpatient'],
    });
    expect(first.body.resources).toContainEqual({ type: 'Location', interactions: ['read'] });
    const second = await get('/api/organisations/B82617/capability', bff);
    expect(second.body.gpConnectVersion).toBe('1.6.0');
    expect(second.body.trace).toContainEqual(expect.objectContaining({ interaction: 'read metadata', cache: 'hit' }));
    expect(sspCalls()).toHaveLength(1);
  });

  it('names the proxy when the SSP refuses the practice', async () => {
    const r = await get('/api/organisations/D82015/capability');
    expect([r.status, r.body.code, r.body.step]).toEqual([502, 'SSP_NOT_AUTHORISED', 'ssp']);
  });
});

describe('practitioners (R14, R16)', () => {
  it('single, multiple and none', async () => {
    const single = await get('/api/practitioners?sdsUserId=g22345655&odsCode=A20047');
    expect(single.body.practitioners).toEqual([
      { id: '3', name: 'Mr Kibo Slater', sdsUserIds: ['G22345655'], roleProfileIds: ['PT1122', 'PT1234'], gender: 'male' },
    ]);
    const multiple = await get('/api/practitioners?sdsUserId=G22222226&odsCode=B82617');
    expect(multiple.body.practitioners.map((p: Json) => p.roleProfileIds)).toEqual([['PT3333'], ['PT2222', 'PT4444']]);
    const none = await get('/api/practitioners?sdsUserId=G99999999&odsCode=A20047');
    expect([none.status, none.body.practitioners]).toEqual([200, []]);
  });

  it('a practitioner known only by name text keeps that text', async () => {
    const r = await get('/api/practitioners/34?odsCode=B82617');
    expect(r.body.practitioner).toMatchObject({ name: 'Dr P Raman (locum)', roleProfileIds: ['PT5150'] });
  });

  it.each([
    ['/api/practitioners?odsCode=A20047', 'INVALID_SDS_USER_ID'],
    ['/api/practitioners?sdsUserId=UNK&odsCode=A20047', 'INVALID_SDS_USER_ID'],
    ['/api/practitioners?sdsUserId=G1%3Cscript%3E&odsCode=A20047', 'INVALID_SDS_USER_ID'],
    ['/api/practitioners?sdsUserId=G13579135', 'INVALID_ODS_CODE'],
    ['/api/practitioners/a%2Fb?odsCode=A20047', 'INVALID_ID'],
  ])('invalid: %s is refused before any Spine call', async (path, expectedCode) => {
    const r = await get(path);
    expect([r.status, r.body.code]).toEqual([400, expectedCode]);
    expect(requests).toHaveLength(0);
  });

  it('reads by id; an unknown id is GP_PRACTITIONER_NOT_FOUND', async () => {
    expect((await get('/api/practitioners/1?odsCode=A20047')).body.practitioner.sdsUserIds).toEqual(['G13579135']);
    const missing = await get('/api/practitioners/999?odsCode=A20047');
    expect([missing.status, missing.body.code]).toEqual([404, 'GP_PRACTITIONER_NOT_FOUND']);
  });

  it('a practice without GP Connect is said so, not a generic failure (R11)', async () => {
    const r = await get('/api/practitioners?sdsUserId=G13579135&odsCode=Y01234');
    expect([r.status, r.body.code]).toEqual([404, 'PRACTICE_NOT_GP_CONNECT']);
  });
});

describe('locations (R16)', () => {
  it('reads a branch surgery; an unknown id is GP_LOCATION_NOT_FOUND', async () => {
    const r = await get('/api/locations/21?odsCode=B82617');
    expect(r.body.location).toMatchObject({ id: '21', name: 'Husthwaite Branch Surgery', managingOrganisationId: '7' });
    const missing = await get('/api/locations/22?odsCode=B82617');
    expect([missing.status, missing.body.code, missing.body.upstreamCode]).toEqual([404, 'GP_LOCATION_NOT_FOUND', 'NO_RECORD_FOUND']);
  });
});

describe('the patient at the practice (R7, R13)', () => {
  it('single: registration details, the practice confirmed, nothing different from PDS', async () => {
    const r = await get('/api/patients/9658218873/gp-patient');
    expect(r.body).toMatchObject({
      result: 'single',
      patient: { registration: { type: { code: 'R' }, period: { start: '1998-06-15' }, preferredBranchSurgeryId: '11' }, organisation: { odsCode: 'A20047' } },
      crossCheck: { differences: [], unchecked: [] },
    });
    expect(sspCalls().map((c) => c.headers.get('Ssp-InteractionID')!.split(':').slice(-2).join(':'))).toEqual([
      'search:patient-1',
      'read:patient-1',
      'read:organization-1',
    ]);
    expect(claimsOf(sspCalls()[0]).requested_scope).toBe('patient/*.read');
  });

  it('lists every difference from PDS field by field', async () => {
    const r = await get('/api/patients/9690124609/gp-patient');
    expect(r.body.crossCheck.differences).toEqual([
      { field: 'family', label: 'Family name', pds: 'Sutcliffe', practice: 'Sutcliff' },
      { field: 'birthDate', label: 'Date of birth', pds: '1971-08-14', practice: '1971-08-04' },
    ]);
  });

  it('says when the practice could not be confirmed (its organisation read answered 404)', async () => {
    const r = await get('/api/patients/9690124811/gp-patient');
    expect(r.body.crossCheck.unchecked).toEqual([{ field: 'practice', reason: expect.stringContaining('not found') }]);
  });

  it('none: "no record at this practice", never "no such patient"', async () => {
    const r = await get('/api/patients/9690123688/gp-patient');
    expect(r.body).toMatchObject({ result: 'none', practiceOdsCode: 'B82617' });
    expect(r.body).not.toHaveProperty('patient');
  });

  it('a restricted patient is never sent to GP Connect (R4)', async () => {
    const r = await get('/api/patients/9658220142/gp-patient');
    expect([r.status, r.body.code]).toEqual([403, 'PATIENT_RESTRICTED']);
    expect(sspCalls()).toHaveLength(0);
  });
});

describe('two records at the practice for one NHS number (R7, R13)', () => {
  it('neither is shown, and the record waits until the user has confirmed the identity they could not compare', async () => {
    // The practice's search answers the patient twice, under two ids.
    server.use(
      http.all(`${SIMULATED_SPINE.sspBaseUrl}/*`, async ({ request }) => {
        if (request.headers.get('Ssp-InteractionID') !== STU3_INTERACTIONS.searchPatient) return undefined;
        const bundle = (await (await handleSsp(request, world, SIMULATED_SPINE, new SpineControl())).json()) as Json;
        bundle.entry = [...bundle.entry, { ...bundle.entry[0], fullUrl: 'Patient/2', resource: { ...bundle.entry[0].resource, id: '2' } }];
        return HttpResponse.json(bundle, { headers: { 'Content-Type': 'application/fhir+json' } });
      }),
    );
    const bff = createTestBff();
    const practice = await get('/api/patients/9658218873/gp-patient', bff);
    expect(practice.status).toBe(200);
    expect(practice.body.result).toBe('multiple');
    expect(practice.body.patient).toBeUndefined();
    const record = await get('/api/patients/9658218873/record/SUM', bff);
    expect([record.status, record.body.code]).toEqual([409, 'IDENTITY_NOT_CONFIRMED']);
    expect(record.body.identityCheck.unchecked).toEqual([{ field: 'patient', reason: 'The practice holds more than one record for this NHS number' }]);
    expect(sspCalls().some((r) => r.headers.get('Ssp-InteractionID')?.endsWith('gpc.getcarerecord'))).toBe(false);
  });
});

describe('POST /api/patients/{nhs}/registrations (R17)', () => {
  const post = (nhs: string, body: unknown, bff = createTestBff(), contentType = 'application/json') =>
    Promise.resolve(
      bff.app.request(`/api/patients/${nhs}/registrations`, {
        method: 'POST',
        headers: { 'Content-Type': contentType },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    ).then(async (r) => ({ status: r.status, body: (await r.json()) as Json }));
  const lister = {
    odsCode: 'A20047',
    given: 'Owen',
    family: 'Lister',
    birthDate: '1984-02-29',
    gender: 'male',
    address: { lines: ['7 Sherwood Rise'], city: 'Nottingham', postalCode: 'ng7 6js' },
    phone: '0115 496 0141',
  };

  it('success, then DUPLICATE_REJECTED; the write carries patient/*.write and is not retried', async () => {
    const bff = createTestBff();
    const first = await post('9690124676', lister, bff);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ odsCode: 'A20047', registration: { type: { code: 'T', display: 'Temporary' } } });
    const [call] = sspCalls();
    expect(claimsOf(call).requested_scope).toBe('patient/*.write');
    const sent = (await call.json()) as Json;
    expect(sent.parameter[0].resource).toMatchObject({ address: [{ use: 'home', postalCode: 'NG7 6JS' }], telecom: [{ system: 'phone', use: 'home' }] });
    const again = await post('9690124676', lister, bff);
    expect([again.status, again.body.code, again.body.upstreamCode]).toEqual([409, 'GP_DUPLICATE_REGISTRATION', 'DUPLICATE_REJECTED']);
    expect(sspCalls()).toHaveLength(2);
  });

  it('INVALID_PATIENT_DEMOGRAPHICS when the details do not match PDS', async () => {
    const r = await post('9690124676', { ...lister, family: 'Smith', given: 'Bob', birthDate: '1984-03-28' });
    expect([r.status, r.body.code, r.body.upstreamCode]).toEqual([422, 'GP_INVALID_DEMOGRAPHICS', 'INVALID_PATIENT_DEMOGRAPHICS']);
  });

  it("INVALID_NHS_NUMBER when the practice's PDS check flags the number", async () => {
    const r = await post('9690124749', { ...lister, given: 'Freya', family: 'Gallagher', birthDate: '1999-12-01', gender: 'female' });
    expect([r.status, r.body.code, r.body.upstreamCode]).toEqual([422, 'GP_INVALID_NHS_NUMBER', 'INVALID_NHS_NUMBER']);
  });

  it('field-level errors for an incomplete form, before any call', async () => {
    const r = await post('9690124676', { odsCode: 'a-1', given: ' ', birthDate: '2001-02-30', gender: 'x', email: 'not-an-email' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('INVALID_REGISTRATION');
    expect(Object.keys(r.body.fields).sort()).toEqual(['birthDate', 'email', 'family', 'gender', 'given', 'odsCode']);
    expect(r.body.fields.birthDate).toMatch(/real date/);
    expect(requests).toHaveLength(0);
  });

  it.each([
    ['not JSON', '{"odsCode":', 'application/json', 'not valid JSON'],
    ['not sent as JSON', 'odsCode=A20047', 'application/x-www-form-urlencoded', 'application/json'],
    ['over 16 KB', JSON.stringify({ ...lister, family: 'x'.repeat(20_000) }), 'application/json', '16 KB'],
  ])('refuses a body that is %s', async (_why, body, contentType, message) => {
    const r = await post('9690124676', body, createTestBff(), contentType);
    expect([r.status, r.body.code]).toEqual([400, 'INVALID_REGISTRATION']);
    expect(r.body.detail).toContain(message);
    expect(requests).toHaveLength(0);
  });

  it('never registers a restricted or deceased patient (R4, R5)', async () => {
    expect((await post('9658220142', lister)).body.code).toBe('PATIENT_RESTRICTED');
    expect((await post('9658220290', lister)).body.code).toBe('PATIENT_DECEASED');
    expect(sspCalls()).toHaveLength(0);
  });
});
