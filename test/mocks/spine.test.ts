/**
 * The simulated Spine is strict: it rejects what the real one rejects (PDS FHIR API, SDS FHIR API, GP Connect 1.6: integration_spine_secure_proxy,
 * GP Connect 0.7.4 and 1.6), so passing against it means something.
 */
import { describe, expect, it } from 'vitest';
import { SIMULATED_SPINE as S } from '../../mocks/config';
import { testJwt } from '../support/jwt';
import { setUpSimulatedSpine } from '../support/spine';

setUpSimulatedSpine();

const uuid = () => crypto.randomUUID();
const ROOT_A = 'https://gp-system-a.simulated-spine.test/A20047/DSTU2/0/gpconnect';
const GETCARERECORD = 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord';

async function json(response: Response) {
  return { status: response.status, headers: response.headers, body: await response.json() };
}
const codeOf = (body: { issue: { details: { coding: { code: string }[] } }[] }) => body.issue[0].details.coding[0].code;

describe('PDS', () => {
  const pds = (nhs: string, headers: Record<string, string> = { 'X-Request-ID': uuid() }) => fetch(`${S.pdsBaseUrl}/Patient/${nhs}`, { headers }).then(json);

  it('requires X-Request-ID, and a UUID', async () => {
    expect(codeOf((await pds('9658218873', {})).body)).toBe('MISSING_VALUE');
    const bad = await pds('9658218873', { 'X-Request-ID': '1234' });
    expect(bad.status).toBe(400);
    expect(codeOf(bad.body)).toBe('INVALID_VALUE');
  });
  it('rejects a bad check digit and 404s an unknown number', async () => {
    const invalid = await pds('9658218874');
    expect([invalid.status, codeOf(invalid.body)]).toEqual([400, 'INVALID_RESOURCE_ID']);
    const unknown = await pds('9476718943');
    expect([unknown.status, codeOf(unknown.body)]).toEqual([404, 'RESOURCE_NOT_FOUND']);
  });
  it('echoes X-Request-ID and sets an ETag from versionId', async () => {
    const id = uuid();
    const ok = await pds('9658218873', { 'X-Request-ID': id });
    expect(ok.headers.get('X-Request-ID')).toBe(id);
    expect(ok.headers.get('ETag')).toBe(`W/"${ok.body.meta.versionId}"`);
  });
  it('a restricted record has no address, telecom or GP', async () => {
    const { body } = await pds('9658220142');
    expect(body.meta.security[0].code).toBe('R');
    expect(body).not.toHaveProperty('address');
    expect(body).not.toHaveProperty('telecom');
    expect(body).not.toHaveProperty('generalPractitioner');
  });
  it('a superseded number answers the newer record', async () => {
    expect((await pds('9658220223')).body.id).toBe('9658218997');
  });
});

describe('SDS', () => {
  const q = `organization=${encodeURIComponent('https://fhir.nhs.uk/Id/ods-organization-code|A20047')}&identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/nhsServiceInteractionId|${GETCARERECORD}`)}`;
  const sds = (path: string, headers: Record<string, string> = { apikey: S.sdsApiKey }) => fetch(`${S.sdsBaseUrl}${path}`, { headers }).then(json);

  it('requires an apikey', async () => {
    expect((await sds(`/Endpoint?${q}`, {})).status).toBe(401);
  });
  it('rejects unknown parameters and wrong systems', async () => {
    expect((await sds(`/Endpoint?${q}&foo=bar`)).status).toBe(400);
    expect(
      (await sds(`/Device?organization=A20047&identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/nhsServiceInteractionId|${GETCARERECORD}`)}`)).status,
    ).toBe(400);
  });
  it('answers the root URL on Endpoint and the ASID on Device', async () => {
    const endpoint = await sds(`/Endpoint?${q}`);
    expect(endpoint.body.entry[0].resource.address).toBe(ROOT_A);
    const device = await sds(`/Device?${q}`);
    expect(device.body.entry[0].resource.identifier).toContainEqual({ system: 'https://fhir.nhs.uk/Id/nhsSpineASID', value: '918999198993' });
  });
  it('an empty bundle for no match', async () => {
    const none = await sds(`/Endpoint?${q.replace('A20047', 'Y01234')}`);
    expect(none.body).toMatchObject({ resourceType: 'Bundle', total: 0, entry: [] });
  });
});

describe('SSP and the DSTU2 provider', () => {
  const parameters = (section: string, extra: object[] = [], nhs = '9658218873') => ({
    resourceType: 'Parameters',
    parameter: [
      { name: 'patientNHSNumber', valueIdentifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: nhs } },
      { name: 'recordSection', valueCodeableConcept: { coding: [{ system: 'http://fhir.nhs.net/ValueSet/gpconnect-record-section-1', code: section }] } },
      ...extra,
    ],
  });
  const jwt = (nhs = '9658218873') => testJwt(nhs);
  const headers = (over: Record<string, string | undefined> = {}) => {
    const h: Record<string, string | undefined> = {
      'Ssp-TraceID': uuid(),
      'Ssp-From': '200000000359',
      'Ssp-To': '918999198993',
      'Ssp-InteractionID': GETCARERECORD,
      Authorization: `Bearer ${jwt()}`,
      'Content-Type': 'application/json+fhir',
      Accept: 'application/json+fhir',
      ...over,
    };
    return Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>;
  };
  const call = (body: unknown, over: Record<string, string | undefined> = {}, root = ROOT_A) =>
    fetch(`${S.sspBaseUrl}/${root}/Patient/$gpc.getcarerecord`, { method: 'POST', headers: headers(over), body: JSON.stringify(body) }).then(json);

  it('passes a good request through: Composition first, no-store', async () => {
    const ok = await call(parameters('SUM'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Cache-Control')).toBe('no-store');
    expect(ok.body.entry[0].resource.resourceType).toBe('Composition');
  });
  it.each(['Ssp-TraceID', 'Ssp-From', 'Ssp-To', 'Ssp-InteractionID', 'Authorization'])('400 without %s', async (name) => {
    expect((await call(parameters('SUM'), { [name]: undefined })).status).toBe(400);
  });
  it('400 for a Ssp-TraceID that is not a UUID', async () => {
    expect((await call(parameters('SUM'), { 'Ssp-TraceID': 'abc' })).status).toBe(400);
  });
  it('403 ASID_CHECK_FAILED for an unknown sender', async () => {
    const r = await call(parameters('SUM'), { 'Ssp-From': '999999999999' });
    expect(r.status).toBe(403);
    expect(r.body.issue[0].diagnostics).toBe('ASID_CHECK_FAILED_MESSAGESENDER_999999999999');
  });
  it("403 for a receiver ASID that is not the practice's", async () => {
    const r = await call(parameters('SUM'), { 'Ssp-To': '918999198738' });
    expect(r.status).toBe(403);
    expect(r.body.issue[0].diagnostics).toMatch(/^PARTYKEY_INTERACTION_CHECK_FAILED/);
  });
  it('400 when the interaction ID does not match the path and verb', async () => {
    const r = await call(parameters('SUM'), { 'Ssp-InteractionID': 'urn:nhs:names:services:gpconnect:fhir:rest:read:metadata' });
    expect([r.status, codeOf(r.body)]).toEqual([400, 'BAD_REQUEST']);
  });
  it('415 for a non-FHIR content type', async () => {
    expect((await call(parameters('SUM'), { 'Content-Type': 'text/plain' })).status).toBe(415);
  });
  it('400 for a JWT naming another patient', async () => {
    expect((await call(parameters('SUM'), { Authorization: `Bearer ${jwt('9658220169')}` })).status).toBe(400);
  });
  it('502 for a provider the SSP cannot reach', async () => {
    const r = await call(parameters('SUM'), {}, 'https://nowhere.simulated-spine.test/X1/DSTU2/0/gpconnect');
    expect(r.status).toBe(502);
    expect(r.body.issue[0].code).toBe('transient');
  });
  it('date-range rules: 400 on SUM, 422 reversed, 422 lower-case section', async () => {
    const period = (start: string, end: string) => ({ name: 'timePeriod', valuePeriod: { start, end } });
    expect((await call(parameters('SUM', [period('2015-01-01', '2016-01-01')]))).status).toBe(400);
    const reversed = await call(parameters('ENC', [period('2016-01-01', '2015-01-01')]));
    expect([reversed.status, codeOf(reversed.body)]).toEqual([422, 'INVALID_PARAMETER']);
    expect((await call(parameters('ENC', [period('2015-01-01T10:00:00', '2016-01-01')]))).status).toBe(422);
    expect((await call(parameters('sum'))).status).toBe(422);
  });
  it('patient state: dissent 403, unknown 404, not registered here 404', async () => {
    const dissent = await call(parameters('SUM', [], '9658220169'), { Authorization: `Bearer ${jwt('9658220169')}` });
    expect([dissent.status, codeOf(dissent.body)]).toEqual([403, 'NO_PATIENT_CONSENT']);
    const unknown = await call(parameters('SUM', [], '9658218881'), { Authorization: `Bearer ${jwt('9658218881')}` });
    expect([unknown.status, codeOf(unknown.body)]).toEqual([404, 'PATIENT_NOT_FOUND']);
    const elsewhere = await call(parameters('SUM', [], '9658219691'), { Authorization: `Bearer ${jwt('9658219691')}` });
    expect(elsewhere.status).toBe(404);
  });
});
