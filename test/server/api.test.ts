/**
 * The BFF end to end on the simulated Spine (msw/node intercepts its outbound fetch): every test
 * patient of the world, and bad input refused before any Spine call.
 */
import { describe, expect, it } from 'vitest';
import { ProblemSchema, PatientSchema, RecordSchema } from '../../src/shared/api';
import { SIMULATED_SPINE } from '../../mocks/config';
import { daysAgo, world } from '../../mocks/world';
import { GETCARERECORD_INTERACTION } from '../../src/server/flows/careRecord';
import { createTestBff, requestConfirmed } from '../support/bff';
import { setUpSimulatedSpine } from '../support/spine';

const { requests } = setUpSimulatedSpine();
/** The Spine requests of the current test, as "METHOD url". */
const spineRequests = () => requests.map((r) => `${r.method} ${r.url}`);

async function get(path: string, bff = createTestBff()) {
  const response = await bff.app.request(path);
  const body = await response.json();
  return { response, body };
}

async function problem(path: string) {
  const { response, body } = await get(path);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  expect(response.headers.get('Cache-Control')).toBe('no-store');
  return { status: response.status, problem: ProblemSchema.parse(body) };
}

describe('GET /api/health', () => {
  it('reports mock mode', async () => {
    const { response, body } = await get('/api/health');
    expect(response.status).toBe(200);
    expect(body).toEqual({ status: 'ok', mode: 'mock' });
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });
});

describe('GET /api/patients/{nhsNumber}', () => {
  it('traces the rich patient on PDS: banner data, practice, verification, trace', async () => {
    // As on the real Spine: the trace names the call, never its token or the patient.
    const { response, body } = await get('/api/patients/9658218873', createTestBff({}, { callDetail: false }));
    expect(response.status).toBe(200);
    const patient = PatientSchema.parse(body);
    expect(patient).toMatchObject({
      nhsNumber: '9658218873',
      restricted: false,
      name: { given: ['Mike'], family: 'Meakin', prefix: 'Mr' },
      birthDate: '1970-05-12',
      gender: 'male',
      practice: { odsCode: 'A20047' },
      verification: { code: '01', verified: true },
      gates: [],
    });
    expect(patient.trace).toEqual([expect.objectContaining({ service: 'pds', status: 200, cache: 'miss' })]);
    expect(JSON.stringify(patient.trace)).not.toMatch(/Bearer|eyJ|9658218873/);
  });

  it('accepts spaces in the NHS number', async () => {
    const { response, body } = await get('/api/patients/965%20821%208873');
    expect(response.status).toBe(200);
    expect(body.nhsNumber).toBe('9658218873');
  });

  it('R4: a restricted patient yields only the number and the notice', async () => {
    const { body } = await get('/api/patients/9658220142');
    const patient = PatientSchema.parse(body);
    expect(patient.restricted).toBe(true);
    expect(patient.gates).toEqual([expect.objectContaining({ code: 'RESTRICTED', blocks: true })]);
    expect(body).not.toHaveProperty('name');
    expect(body).not.toHaveProperty('birthDate');
    expect(body).not.toHaveProperty('practice');
    expect(JSON.stringify(body)).not.toMatch(/Kewn|Emilie|1989/);
  });

  it('R3: a superseded number answers with the newer record and says so', async () => {
    const { body } = await get('/api/patients/9658220223');
    expect(body).toMatchObject({ nhsNumber: '9658218997', supersededNhsNumber: '9658220223' });
  });

  it('R5: deceased within 28 days is a warning, beyond 28 days a block', async () => {
    const recent = (await get('/api/patients/9658220290')).body;
    expect(recent.gates).toEqual([expect.objectContaining({ code: 'DECEASED', blocks: false })]);
    expect(recent.deceasedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const old = (await get('/api/patients/9658219713')).body;
    expect(old.gates).toEqual([expect.objectContaining({ code: 'DECEASED', blocks: true })]);
  });

  it('R6: an unverified NHS number (status 02) is shown and blocks', async () => {
    const { body } = await get('/api/patients/9658219004');
    expect(body.verification).toMatchObject({ code: '02', verified: false });
    expect(body.gates).toEqual([expect.objectContaining({ code: 'NOT_VERIFIED', blocks: true })]);
  });

  it('a number PDS does not know is a 404 from the PDS step', async () => {
    const { status, problem: p } = await problem('/api/patients/9476718943');
    expect(status).toBe(404);
    expect(p).toMatchObject({ code: 'PDS_PATIENT_NOT_FOUND', step: 'pds', upstreamStatus: 404, upstreamCode: 'RESOURCE_NOT_FOUND' });
  });

  it('reuses a recent trace, and re-traces on request', async () => {
    const bff = createTestBff();
    await get('/api/patients/9658218873', bff);
    const second = (await get('/api/patients/9658218873', bff)).body;
    expect(second.trace).toEqual([expect.objectContaining({ service: 'pds', cache: 'hit' })]);
    const fresh = (await get('/api/patients/9658218873?retrace=true', bff)).body;
    expect(fresh.trace).toEqual([expect.objectContaining({ service: 'pds', cache: 'miss', status: 200 })]);
  });
});

describe('GET /api/patients/{nhsNumber}/record/{section}', () => {
  it("returns the rich patient's summary, sanitised, with provider and retrieval time", async () => {
    const { response, body } = await get('/api/patients/9658218873/record/SUM');
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const record = RecordSchema.parse(body);
    expect(record).toMatchObject({ nhsNumber: '9658218873', section: 'SUM', title: 'Summary', provider: { odsCode: 'A20047', name: "Dr Legg's Surgery" } });
    expect(record.html).toContain('<h1>Summary</h1>');
    expect(record.html).toContain('id="prb-tab-act"');
    expect(Date.now() - Date.parse(record.retrievedAt)).toBeLessThan(60_000);
    expect(record.trace[0].service).toBe('pds');
    // R7: the practice's record of the patient was compared with PDS before the record was read.
    expect(record.identity).toEqual({ status: 'match', confirmed: false });
    expect(
      record.trace
        .filter((t) => t.service === 'ssp')
        .map((t) => t.interaction)
        .sort(),
    ).toEqual(['getcarerecord SUM', 'read organisation', 'read patient', 'search patient']);
    expect(record.trace.at(-1)).toMatchObject({ interaction: 'getcarerecord SUM', status: 200 });
  });

  it.each(['PRB', 'MED', 'ALL', 'ENC', 'CLI', 'REF', 'OBS', 'IMM', 'ADM'])('returns section %s with its title as h1', async (section) => {
    const { response, body } = await get(`/api/patients/9658218873/record/${section}`);
    expect(response.status).toBe(200);
    expect(body.section).toBe(section);
    expect(body.html).toContain(`<h1>${body.title}</h1>`);
  });

  it('applies a date range on sections that accept one (date banner from the provider)', async () => {
    const { body } = await get('/api/patients/9658218873/record/ENC?from=2015-05-01&to=2016-07-01');
    expect(body.dateRange).toEqual({ from: '2015-05-01', to: '2016-07-01' });
    expect(body.html).toContain("For the period '01-May-2015' to '01-Jul-2016'");
    const all = (await get('/api/patients/9658218873/record/ENC')).body;
    expect(all.html).toContain('All relevant items');
    expect(all.html.length).toBeGreaterThan(body.html.length);
  });

  it('shows the GP-transfer banner for a record in transit', async () => {
    const { body } = await get('/api/patients/9658219691/record/SUM');
    expect(body.html).toContain('class="gptransfer-banner"');
    expect(body.html).toContain('Patient record transfer from previous GP practice not yet complete');
  });

  it('an empty record says nothing is recorded, never an empty table', async () => {
    const { body } = await get('/api/patients/9658218865/record/ALL');
    expect(body.html).toContain("No 'Current Allergies and Adverse Reactions' data is recorded for this patient.");
    expect(body.html).not.toContain('<table');
  });

  it('R5: deceased within 28 days: the record is shown, after confirmation, with the date of death as a warning', async () => {
    // The practice is never asked about a deceased patient, so the identity cannot be compared (R7).
    const first = await get('/api/patients/9658220290/record/SUM');
    expect(first.response.status).toBe(409);
    expect(first.body.identityCheck).toMatchObject({ status: 'unchecked', unchecked: [{ field: 'patient', reason: expect.stringContaining('died') }] });
    const response = await requestConfirmed(createTestBff().app, '/api/patients/9658220290/record/SUM');
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body.identity).toEqual({ status: 'unchecked', confirmed: true });
    expect(body.warnings[0]).toMatch(/died on \d{2}-[A-Z][a-z]{2}-\d{4}/);
  });

  it('R3: an old number reads the record of the new one', async () => {
    const { body } = await get('/api/patients/9658220223/record/SUM');
    expect(body.nhsNumber).toBe('9658218997');
  });

  it.each([
    ['9658220142', 'PATIENT_RESTRICTED', 403],
    ['9658219713', 'PATIENT_DECEASED', 403],
    ['9658219004', 'NHS_NUMBER_NOT_VERIFIED', 403],
  ])('gate: %s is blocked with %s before any GP Connect call', async (nhs, code, status) => {
    const result = await problem(`/api/patients/${nhs}/record/SUM`);
    expect(result.status).toBe(status);
    expect(result.problem).toMatchObject({ code, step: 'bff' });
    expect(spineRequests().some((r) => r.includes('ssp.simulated-spine.test'))).toBe(false);
    expect(spineRequests().some((r) => r.includes('sds.simulated-spine.test'))).toBe(false);
  });

  it('dissent: 403 NO_PATIENT_CONSENT from the GP system, explained', async () => {
    const { status, problem: p } = await problem('/api/patients/9658220169/record/SUM');
    expect(status).toBe(403);
    expect(p).toMatchObject({ code: 'GP_NO_PATIENT_CONSENT', step: 'provider', upstreamStatus: 403, upstreamCode: 'NO_PATIENT_CONSENT' });
    expect(p.title).toBe('The patient has asked that their GP record is not shared');
  });

  it('unknown to the practice: 404 from the GP system, never worded as "no record"', async () => {
    const first = await problem('/api/patients/9658218881/record/ALL');
    expect(first.problem).toMatchObject({ code: 'IDENTITY_NOT_CONFIRMED', identityCheck: { status: 'unchecked' } });
    const confirmed = await requestConfirmed(createTestBff().app, '/api/patients/9658218881/record/ALL');
    const status = confirmed.status;
    const p = ProblemSchema.parse(await confirmed.json());
    expect(status).toBe(404);
    expect(p).toMatchObject({ code: 'GP_PATIENT_NOT_FOUND', step: 'provider', upstreamCode: 'PATIENT_NOT_FOUND' });
    expect(p.action).toContain('does not mean the patient has no record');
  });

  it('R11: a practice with no GP Connect entry in SDS gets its own message', async () => {
    const { status, problem: p } = await problem('/api/patients/9658218903/record/SUM');
    expect(status).toBe(404);
    expect(p).toMatchObject({ code: 'PRACTICE_NOT_GP_CONNECT', step: 'sds', title: 'This practice does not offer GP Connect' });
    // Nothing reaches the proxy: SDS has no record service for the practice.
    expect(p.trace?.[0].service).toBe('pds');
    expect(p.trace?.some((t) => t.service === 'ssp')).toBe(false);
  });

  it('GET /gp-connect reports routing without exposing URL or ASID', async () => {
    const { response, body } = await get('/api/patients/9658218873/gp-connect', createTestBff({}, { callDetail: false }));
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ nhsNumber: '9658218873', practiceOdsCode: 'A20047', available: true });
    expect(JSON.stringify(body)).not.toMatch(/918999198993|simulated-spine\.test/);
  });

  it('a second section of an open patient reuses the trace and SDS: one GP system call', async () => {
    const bff = createTestBff();
    await get('/api/patients/9658218873/record/SUM', bff);
    const { body } = await get('/api/patients/9658218873/record/MED', bff);
    expect(body.trace.filter((t: { cache?: string }) => t.cache !== 'hit').map((t: { service: string }) => t.service)).toEqual(['ssp']);
  });
});

describe('R2, R8: the practice from a fresh trace, its endpoint and ASID from SDS', () => {
  it('R2: a trace older than 24 hours opens no record, and nothing is asked of the practice', async () => {
    const bff = createTestBff();
    await get('/api/patients/9658218873', bff);
    bff.services.caches.pdsTraces.get('9658218873')!.tracedAt = new Date(Date.now() - 25 * 3600_000).toISOString();
    requests.length = 0;
    const { response, body } = await get('/api/patients/9658218873/record/SUM', bff);
    expect([response.status, body.code]).toEqual([409, 'TRACE_TOO_OLD']);
    expect(requests.map((r) => r.url)).toEqual([]);
  });

  it('R2, R8: the practice PDS gave, looked up in SDS for the interaction about to be made; its root URL as SDS holds it, its ASID as Ssp-To', async () => {
    const { response } = await get('/api/patients/9658218873/record/SUM');
    expect(response.status).toBe(200);
    const practice = world.practice('A20047')!.gpConnect!;
    const sds = requests.filter((r) => r.url.startsWith('https://sds.')).map((r) => new URL(r.url).searchParams);
    expect(sds.length).toBeGreaterThan(0);
    expect(sds.every((q) => q.get('organization') === 'https://fhir.nhs.uk/Id/ods-organization-code|A20047')).toBe(true);
    expect(sds.map((q) => q.get('identifier'))).toContain(`https://fhir.nhs.uk/Id/nhsServiceInteractionId|${GETCARERECORD_INTERACTION}`);
    const record = requests.find((r) => r.headers.get('Ssp-InteractionID') === GETCARERECORD_INTERACTION)!;
    expect(record.url).toBe(`${SIMULATED_SPINE.sspBaseUrl}/${practice.dstu2RootUrl.replace(/\/$/, '')}/Patient/$gpc.getcarerecord`);
    expect(record.headers.get('Ssp-To')).toBe(practice.asid);
  });
});

describe('R34, R37: SDS and PDS to the letter', () => {
  it('R34: during a supplier move SDS holds two AS records; the one with the endpoint party key is Ssp-To, the old one never', async () => {
    const { response } = await get('/api/patients/9690125001/record/SUM');
    expect(response.status).toBe(200);
    const practice = world.practice('H81010')!.gpConnect!;
    const record = requests.find((r) => r.headers.get('Ssp-InteractionID') === GETCARERECORD_INTERACTION)!;
    expect(record.headers.get('Ssp-To')).toBe(practice.asid);
    const sent = requests.filter((r) => r.headers.has('Ssp-To')).map((r) => r.headers.get('Ssp-To'));
    expect(sent).not.toContain(practice.otherAsRecords![0].asid);
  });

  it('R34: two AS records with one party key: SDS_AMBIGUOUS, and nothing is sent to the SSP', async () => {
    const { response, body } = await get('/api/patients/9690125028/record/SUM');
    expect([response.status, body.code, body.step]).toEqual([502, 'SDS_AMBIGUOUS', 'sds']);
    expect(requests.filter((r) => r.headers.has('Ssp-To'))).toEqual([]);
  });

  it('R37: an ended registration is on the trace with its date and a gate that warns without blocking', async () => {
    const { response, body } = await get('/api/patients/9690125036');
    expect(response.status).toBe(200);
    const patient = PatientSchema.parse(body);
    expect(patient.practice).toEqual({ odsCode: 'A20047', registrationEnded: daysAgo(20) });
    expect(patient.gates).toEqual([expect.objectContaining({ code: 'REGISTRATION_ENDED', blocks: false })]);
    const current = PatientSchema.parse((await get('/api/patients/9658218873')).body);
    expect(current.practice).toEqual({ odsCode: 'A20047' });
    expect(current.gates).toEqual([]);
  });
});

describe('speed: shared and cached Spine calls', () => {
  it('identical concurrent requests share one upstream call', async () => {
    const bff = createTestBff();
    const answers = await Promise.all([
      bff.app.request('/api/patients/9658218873/record/SUM'),
      bff.app.request('/api/patients/9658218873/record/ALL'),
      bff.app.request('/api/patients/9658218873/gp-connect'),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const count = (part: string) => spineRequests().filter((r) => r.includes(part)).length;
    expect(count('/Patient/9658218873')).toBe(1);
    // One SDS lookup per interaction (R8): the HTML record, the structured record (which records the practice offers,
    // R31), and the identity check's search, read patient and read organisation.
    expect(count('/Endpoint?')).toBe(5);
    expect(count('/Device?')).toBe(5);
    // Both sections wait on one identity check (R7).
    expect(count('/Patient?identifier')).toBe(1);
    expect(count('$gpc.getcarerecord')).toBe(2);
  });

  it('a trace cache of 0 seconds traces every time', async () => {
    const bff = createTestBff({ TRACE_CACHE_SECONDS: '0' });
    await get('/api/patients/9658218873', bff);
    const second = (await get('/api/patients/9658218873', bff)).body;
    expect(second.trace).toEqual([expect.objectContaining({ service: 'pds', cache: 'miss' })]);
  });
});

describe('bad input is refused before any Spine call', () => {
  it.each([
    ['/api/patients/9658218874', 'INVALID_NHS_NUMBER', 'check digit'],
    ['/api/patients/12345', 'INVALID_NHS_NUMBER', '10 digits'],
    ['/api/patients/96582188AB', 'INVALID_NHS_NUMBER', 'only digits'],
    ['/api/patients/9658218874/record/SUM', 'INVALID_NHS_NUMBER', 'check digit'],
    ['/api/patients/9658218873/record/XYZ', 'INVALID_SECTION', 'XYZ'],
    ['/api/patients/9658218873/record/sum', 'INVALID_SECTION', 'sum'],
    ['/api/patients/9658218873/record/ENC?from=2016-07-01&to=2015-05-01', 'INVALID_DATE_RANGE', 'after'],
    ['/api/patients/9658218873/record/ENC?from=2015-02-30', 'INVALID_DATE_RANGE', 'real date'],
    ['/api/patients/9658218873/record/ENC?from=01/05/2015', 'INVALID_DATE_RANGE', 'YYYY-MM-DD'],
    ['/api/patients/9658218873/record/ENC?start=2015-01-01', 'INVALID_DATE_RANGE', 'Unknown query parameter'],
    ['/api/patients/9658218873/record/SUM?from=2015-05-01', 'DATE_RANGE_NOT_ALLOWED', 'cannot be filtered'],
    ['/api/patients/9658218873/record/ALL?to=2015-05-01', 'DATE_RANGE_NOT_ALLOWED', 'cannot be filtered'],
    ['/api/patients/9658218873/record/IMM?from=2015-05-01', 'DATE_RANGE_NOT_ALLOWED', 'cannot be filtered'],
  ])('%s → %s', async (path, code, detail) => {
    const { status, problem: p } = await problem(path);
    expect(status).toBe(code === 'NOT_FOUND' ? 404 : 400);
    expect(p.code).toBe(code);
    expect(p.detail).toContain(detail);
    expect(p.traceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(spineRequests()).toEqual([]);
  });

  it('an unknown API route is a problem+json 404', async () => {
    const { status, problem: p } = await problem('/api/nothing-here');
    expect(status).toBe(404);
    expect(p.code).toBe('NOT_FOUND');
  });
});

describe('R7: the identity gate before the record is read', () => {
  const MISMATCH = '/api/patients/9690124609/record/SUM';

  it('holds the record back while PDS and the practice differ, listing every difference', async () => {
    const { status, problem: p } = await problem(MISMATCH);
    expect(status).toBe(409);
    expect(p.code).toBe('IDENTITY_NOT_CONFIRMED');
    expect(p.identityCheck).toMatchObject({ status: 'differs', fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(p.identityCheck!.differences.map((d) => d.field)).toEqual(['family', 'birthDate']);
    expect(p.detail).toContain('family name');
    // The practice was asked who the patient is; the record itself was not asked for.
    expect(spineRequests().some((r) => r.includes('/Patient?identifier'))).toBe(true);
    expect(spineRequests().some((r) => r.includes('$gpc.getcarerecord'))).toBe(false);
  });

  it('reads the record once the user confirms exactly those differences', async () => {
    const bff = createTestBff();
    const { body } = await get(MISMATCH, bff);
    const answer = await get(`${MISMATCH}?confirm=${body.identityCheck.fingerprint}`, bff);
    expect(answer.response.status).toBe(200);
    expect(answer.body.identity).toEqual({ status: 'differs', confirmed: true });
    expect(answer.body.html).toContain('<h1>Summary</h1>');
  });

  it("a confirmation of anything else confirms nothing: another fingerprint, or another patient's", async () => {
    const bff = createTestBff();
    const other = (await get('/api/patients/9658220290/record/SUM', bff)).body.identityCheck.fingerprint;
    for (const confirm of ['0000000000000000', other]) {
      const { response, body } = await get(`${MISMATCH}?confirm=${confirm}`, bff);
      expect(response.status).toBe(409);
      expect(body.code).toBe('IDENTITY_NOT_CONFIRMED');
    }
    expect(spineRequests().some((r) => r.includes('$gpc.getcarerecord'))).toBe(false);
  });

  it('a confirmation that is not a fingerprint is bad input, refused before any call', async () => {
    const { status, problem: p } = await problem(`${MISMATCH}?confirm=yes`);
    expect(status).toBe(400);
    expect(p).toMatchObject({ code: 'INVALID_QUERY', fields: { confirm: expect.any(String) } });
    expect(spineRequests()).toEqual([]);
  });

  it('a matching patient needs no confirmation, and the practice check and the record share one comparison', async () => {
    const bff = createTestBff();
    const [check, record] = await Promise.all([bff.app.request('/api/patients/9658218873/gp-patient'), bff.app.request('/api/patients/9658218873/record/SUM')]);
    expect([check.status, record.status]).toEqual([200, 200]);
    expect((await record.json()).identity).toEqual({ status: 'match', confirmed: false });
    expect(spineRequests().filter((r) => r.includes('/Patient?identifier'))).toHaveLength(1);
  });

  it('a re-trace asks the practice again', async () => {
    const bff = createTestBff();
    await bff.app.request('/api/patients/9658218873/record/SUM');
    await bff.app.request('/api/patients/9658218873?retrace=true');
    await bff.app.request('/api/patients/9658218873/record/SUM');
    expect(spineRequests().filter((r) => r.includes('/Patient?identifier'))).toHaveLength(2);
  });

  it('a GP system that is down is reported as such, not as an identity question', async () => {
    const { problem: p } = await problem('/api/patients/9690123963/record/SUM');
    expect(p.code).toBe('GP_SYSTEM_UNREACHABLE');
  });
});
