/**
 * Contract tests: the simulated Spine answers in the shapes of the official examples
 * (test/fixtures/spec-examples, copied from shared/spec/examples): same resource types,
 * identifier systems, profiles, extension URLs and error formats.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIMULATED_SPINE as S } from '../../mocks/config';
import { testJwt } from '../support/jwt';
import { setUpSimulatedSpine } from '../support/spine';

type Json = any;
const example = (name: string): Json => JSON.parse(readFileSync(new URL(`../fixtures/spec-examples/${name}`, import.meta.url), 'utf8'));

setUpSimulatedSpine();

const getJson = async (url: string, headers: Record<string, string>, init: RequestInit = {}) => {
  const r = await fetch(url, { ...init, headers });
  return { status: r.status, body: (await r.json()) as Json };
};
const pds = (nhs: string, headers: Record<string, string> = { 'X-Request-ID': crypto.randomUUID() }) => getJson(`${S.pdsBaseUrl}/Patient/${nhs}`, headers);

/** The error's shape: issue code and severity, coding system and code, whether display/diagnostics/version are there. */
function outcomeShape(o: Json) {
  const issue = o.issue[0];
  const coding = issue.details.coding[0];
  return {
    resourceType: o.resourceType,
    issueCode: issue.code,
    severity: issue.severity,
    system: coding.system,
    code: coding.code,
    keys: Object.keys(coding).sort(),
    hasDiagnostics: 'diagnostics' in issue,
  };
}

describe('PDS FHIR', () => {
  it("a patient has the example's identifier, verification extension, security and GP reference shapes", async () => {
    const { body: mock } = await pds('9658218873');
    const ex = example('pds-patient-9000000009.json');
    expect(mock.resourceType).toBe(ex.resourceType);
    expect(mock.identifier[0].system).toBe(ex.identifier[0].system);
    expect(mock.identifier[0].extension[0].url).toBe(ex.identifier[0].extension[0].url);
    expect(mock.identifier[0].extension[0].valueCodeableConcept.coding[0].system).toBe(ex.identifier[0].extension[0].valueCodeableConcept.coding[0].system);
    expect(mock.meta.security[0].system).toBe(ex.meta.security[0].system);
    expect(Object.keys(mock.generalPractitioner[0]).sort()).toEqual(['id', 'identifier', 'type']);
    expect(mock.generalPractitioner[0].type).toBe(ex.generalPractitioner[0].type);
    expect(mock.generalPractitioner[0].identifier.system).toBe(ex.generalPractitioner[0].identifier.system);
    for (const key of ['use', 'given', 'family']) expect(mock.name[0]).toHaveProperty(key);
    expect(typeof mock.meta.versionId).toBe(typeof ex.meta.versionId);
  });

  it('a restricted patient lacks exactly what the example lacks', async () => {
    const { body: mock } = await pds('9658220142');
    const ex = example('pds-patient-9000000025-restricted.json');
    expect(mock.meta.security[0]).toMatchObject({ system: ex.meta.security[0].system, code: ex.meta.security[0].code });
    for (const key of ['address', 'telecom', 'generalPractitioner']) {
      expect(ex).not.toHaveProperty(key);
      expect(mock).not.toHaveProperty(key);
    }
  });

  it.each([
    ['9476718943', undefined, 'pds-error-404-resource-not-found.json', 404],
    ['9658218874', undefined, 'pds-error-400-invalid-resource-id.json', 400],
    ['9658218873', {}, 'pds-error-400-missing-x-request-id.json', 400],
    ['9658218873', { 'X-Request-ID': '1234' }, 'pds-error-400-invalid-x-request-id.json', 400],
  ])('errors: %s with %j matches %s', async (nhs, headers, file, status) => {
    const { status: got, body } = await pds(nhs, headers);
    expect(got).toBe(status);
    const ex = outcomeShape(example(file));
    const mock = outcomeShape(body);
    expect(mock).toEqual({ ...ex, hasDiagnostics: mock.hasDiagnostics });
    expect(mock.hasDiagnostics).toBe(ex.hasDiagnostics);
  });
});

describe('SDS FHIR', () => {
  const query = (interaction: string) =>
    `organization=${encodeURIComponent('https://fhir.nhs.uk/Id/ods-organization-code|A20047')}&identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/nhsServiceInteractionId|${interaction}`)}`;
  const sds = (path: string) => getJson(`${S.sdsBaseUrl}${path}`, { apikey: S.sdsApiKey });

  it.each([
    ['Endpoint', 'sds-endpoint-bundle-spec-example.json'],
    ['Device', 'sds-device-bundle-spec-example.json'],
  ])('%s bundle: same envelope, resource keys, identifier systems and extension URLs', async (resource, file) => {
    const { body: mock } = await sds(`/${resource}?${query('urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord')}`);
    const ex = example(file);
    expect(Object.keys(mock).sort()).toEqual(Object.keys(ex).sort());
    expect(Object.keys(mock.entry[0]).sort()).toEqual(Object.keys(ex.entry[0]).sort());
    const mr = mock.entry[0].resource;
    const er = ex.entry[0].resource;
    expect(Object.keys(mr).sort()).toEqual(Object.keys(er).sort());
    expect(mr.identifier.map((i: Json) => i.system)).toEqual(er.identifier.map((i: Json) => i.system));
    // Every extension we emit is one the example has; GP Connect records carry no reliability
    // configuration, so that one may be absent (SDS FHIR API).
    const exampleUrls = new Set(er.extension.map((e: Json) => e.url));
    for (const e of mr.extension) expect(exampleUrls).toContain(e.url);
    expect(mr.extension.map((e: Json) => e.url)).toContain('https://fhir.nhs.uk/StructureDefinition/Extension-SDS-NhsServiceInteractionId');
  });
});

const ROOT = 'https://gp-system-a.simulated-spine.test/A20047/DSTU2/0/gpconnect';

/** The headers of a good getcarerecord call through the SSP for `nhs`, with some replaced. */
const sspHeaders = (nhs: string, over: Record<string, string> = {}) => ({
  'Ssp-TraceID': crypto.randomUUID(),
  'Ssp-From': '200000000359',
  'Ssp-To': '918999198993',
  'Ssp-InteractionID': 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord',
  Authorization: `Bearer ${testJwt(nhs)}`,
  'Content-Type': 'application/json+fhir',
  ...over,
});

describe('SSP errors', () => {
  const post = (over: Record<string, string> = {}, root = ROOT, method = 'POST') =>
    getJson(`${S.sspBaseUrl}/${root}/Patient/$gpc.getcarerecord`, sspHeaders('9658218873', over), { method, body: method === 'POST' ? '{}' : undefined });

  it.each([
    ['sender ASID', { 'Ssp-From': '100000000001' }, ROOT, 'POST', 'ssp-error-403-sender-asid-check-failed.json'],
    ['receiver ASID', { 'Ssp-To': '100000000002' }, ROOT, 'POST', 'ssp-error-403-receiver-partykey-interaction-check-failed.json'],
    ['unreachable provider', {}, 'https://nowhere.simulated-spine.test/X1/DSTU2/0/gpconnect', 'POST', 'ssp-error-502-error-communicating-to-endpoint.json'],
    ['media type', { 'Content-Type': 'text/plain' }, ROOT, 'POST', 'ssp-error-415-unsupported-media-type.json'],
    ['method', {}, ROOT, 'DELETE', 'ssp-error-405-method-not-allowed.json'],
  ])("%s: the SSP's own format", async (_name, over, root, method, file) => {
    const { status, body } = await post(over as Record<string, string>, root, method);
    const ex = example(file);
    expect(String(status)).toBe(ex.issue[0].details.coding[0].code);
    // Same shape; the status code in coding.code was compared above.
    expect({ ...outcomeShape(body), code: undefined }).toEqual({ ...outcomeShape(ex), code: undefined });
    // The display token follows the example's pattern up to the ASIDs/URL.
    const token = (d: string | undefined) => (d ?? '').replace(/_\d{12}/g, '_ASID').replace(/_URL_.*/, '_URL_');
    expect(token(body.issue[0].details.coding[0].display)).toBe(token(ex.issue[0].details.coding[0].display));
  });

  it('data-sharing refused (FOT) follows the example too', () => {
    const ex = outcomeShape(example('ssp-error-403-fot-check-failed.json'));
    expect(ex).toMatchObject({ issueCode: 'forbidden', system: 'http://fhir.nhs.net/ValueSet/gpconnect-schedule-response-code-1-0' });
  });
});

describe('GP Connect DSTU2 provider', () => {
  const call = async (nhs: string) => {
    const body = {
      resourceType: 'Parameters',
      parameter: [
        { name: 'patientNHSNumber', valueIdentifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: nhs } },
        { name: 'recordSection', valueCodeableConcept: { coding: [{ system: 'http://fhir.nhs.net/ValueSet/gpconnect-record-section-1', code: 'ALL' }] } },
      ],
    };
    const r = await fetch(`${S.sspBaseUrl}/${ROOT}/Patient/$gpc.getcarerecord`, {
      method: 'POST',
      headers: sspHeaders(nhs),
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as Json };
  };

  it("care record bundle: the example's envelope, resource types and profiles, Composition first", async () => {
    const { body: mock } = await call('9658218873');
    const ex = example('dstu2-getcarerecord-response-bundle-allergies.json');
    expect(mock.type).toBe(ex.type);
    const types = (b: Json) => b.entry.map((e: Json) => e.resource.resourceType);
    expect(types(mock)[0]).toBe('Composition');
    expect(new Set(types(mock))).toEqual(new Set(types(ex)));
    const profiles = (b: Json) => new Set(b.entry.map((e: Json) => e.resource.meta.profile[0]));
    expect(profiles(mock)).toEqual(profiles(ex));
    const section = (b: Json) => b.entry[0].resource.section[0];
    expect(Object.keys(section(mock)).sort()).toEqual(Object.keys(section(ex)).sort());
    expect(section(mock).code.coding[0].system).toBe(section(ex).code.coding[0].system);
    expect(section(mock).text.status).toBe(section(ex).text.status);
    const patient = (b: Json) => b.entry.find((e: Json) => e.resource.resourceType === 'Patient').resource;
    expect(patient(mock).identifier[0].system).toBe(patient(ex).identifier[0].system);
    expect(Array.isArray(patient(mock).name[0].family)).toBe(Array.isArray(patient(ex).name[0].family));
  });

  it.each([
    ['9658220169', 'dstu2-operationoutcome-403-no-patient-consent.json', 403],
    ['9658218881', 'dstu2-operationoutcome-404-patient-not-found.json', 404],
  ])('errors: %s matches %s', async (nhs, file, status) => {
    const { status: got, body } = await call(nhs);
    expect(got).toBe(status);
    const ex = example(file);
    expect(body.meta.profile).toEqual(ex.meta.profile);
    expect(outcomeShape(body)).toEqual(outcomeShape(ex));
  });
});
