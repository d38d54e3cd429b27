/**
 * The structured record through the BFF (issue 14 part 2; R28–R31): one area per request behind
 * the same gates as the HTML record (R2–R7), its permission that of the HTML section holding the
 * same information (R27), audited with the area asked for (R26), and which records a practice offers.
 */
import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { SIMULATED_SPINE as S } from '../../mocks/config';
import { GETSTRUCTUREDRECORD_INTERACTION } from '../../src/server/spine/gpConnect';
import { StructuredRecordSchema } from '../../src/shared/structuredRecord';
import { GpConnectRoutingSchema } from '../../src/shared/api';
import { createTestBff, requestConfirmed, signInAs, testUser } from '../support/bff';
import { setUpSimulatedSpine } from '../support/spine';

const { server: spine, requests: sent } = setUpSimulatedSpine();
type Bff = ReturnType<typeof createTestBff>;

const MEAKIN = '9658218873'; // A20047, System A: HTML and Structured
const HTML_ONLY = '9658218997'; // B82617: HTML only
const STRUCTURED_ONLY = '9690125184'; // K82044: Structured only; confidential items, data in transit
const AREA_DISABLED = '9690123408'; // C84001: referrals disabled at the practice

const structuredCalls = () => sent.filter((r) => r.headers.get('Ssp-InteractionID') === GETSTRUCTUREDRECORD_INTERACTION);

async function area(bff: Bff, nhs: string, name: string, init?: RequestInit) {
  const response = await bff.app.request(`/api/patients/${nhs}/structured/${name}`, init);
  return { response, body: (await response.json()) as Record<string, unknown> };
}

describe('R28: an area of the structured record through the BFF', () => {
  it('medications: one POST $gpc.getstructuredrecord for that area alone, everything asked for; the answer fits the contract', async () => {
    const bff = createTestBff();
    const { response, body } = await area(bff, MEAKIN, 'medications');
    expect(response.status, JSON.stringify(body).slice(0, 300)).toBe(200);
    const record = StructuredRecordSchema.parse(body);
    expect(record.area).toBe('medications');
    expect(record.data.areas.medications!.items.length).toBeGreaterThan(0);
    expect(record.data.areas.allergies).toBeUndefined();
    expect(record.provider.odsCode).toBe('A20047');
    const [call] = structuredCalls();
    expect(new URL(call.url).pathname).toMatch(/\/Patient\/\$gpc\.getstructuredrecord$/);
    expect(call.headers.get('Content-Type')).toContain('application/fhir+json');
    const parameters = (await call.json()) as { parameter: { name: string; part?: { name: string; valueBoolean?: boolean }[] }[] };
    expect(parameters.parameter.map((p) => p.name)).toEqual(['patientNHSNumber', 'includeMedication']);
    expect(parameters.parameter[1].part).toEqual([{ name: 'includePrescriptionIssues', valueBoolean: true }]);
    // The STU3 JWT asks for patient/*.read.
    const jwt = JSON.parse(Buffer.from(call.headers.get('Authorization')!.split('.')[1], 'base64url').toString()) as { requested_scope: string };
    expect(jwt.requested_scope).toBe('patient/*.read');
    expect(record.trace.some((t) => t.service === 'ssp' && t.interaction.includes('getstructuredrecord'))).toBe(true);
  });

  it('every area answers through the BFF and fits the contract, with who prescribed and who consulted', async () => {
    const bff = createTestBff();
    for (const name of ['allergies', 'medications', 'problems', 'immunisations', 'consultations', 'investigations', 'uncategorised', 'referrals', 'diary']) {
      const { response, body } = await area(bff, MEAKIN, name);
      expect(response.status, `${name}: ${JSON.stringify(body).slice(0, 200)}`).toBe(200);
      const record = StructuredRecordSchema.parse(body);
      expect(record.data.areas[record.area]!.status.state, name).toBe('answered');
      expect(record.data.unmapped, name).toBe(0);
      // Who: the prescriber of each medication and the clinician of each consultation, resolved from the bundle's Practitioner.
      if (name === 'medications') for (const m of record.data.areas.medications!.items) expect(m.prescriber).toMatch(/\w+ \w+/);
      if (name === 'consultations') for (const c of record.data.areas.consultations!.items) expect(c.clinician).toMatch(/\w+ \w+/);
    }
  });

  it("List warnings reach the SPA: confidential items and data in transit, each with the provider's note", async () => {
    const { response, body } = await area(createTestBff(), STRUCTURED_ONLY, 'medications');
    expect(response.status).toBe(200);
    const status = StructuredRecordSchema.parse(body).data.areas.medications!.status;
    expect(status.warnings.map((w) => w.code).sort()).toEqual(['confidential-items', 'data-in-transit']);
    expect(status.notes.join(' ')).toMatch(/Items excluded due to confidentiality/);
    expect(status.notes.join(' ')).toMatch(/Patient record transfer from previous GP practice not yet complete/);
  });

  it("an area disabled at the practice is 'disabled' with the provider's words, never an empty list", async () => {
    const { response, body } = await area(createTestBff(), AREA_DISABLED, 'referrals');
    expect(response.status).toBe(200);
    const referrals = StructuredRecordSchema.parse(body).data.areas.referrals!;
    expect(referrals).toMatchObject({ status: { state: 'disabled', providerWarning: 'includeReferrals has been disabled' }, items: [] });
  });

  it('a bundle that is not a collection is UPSTREAM_MALFORMED (502), never a 500', async () => {
    spine.use(
      http.all(`${S.sspBaseUrl}/*`, ({ request }) =>
        request.headers.get('Ssp-InteractionID') === GETSTRUCTUREDRECORD_INTERACTION
          ? HttpResponse.json({ resourceType: 'Bundle', type: 'searchset', entry: [] }, { headers: { 'Content-Type': 'application/fhir+json' } })
          : undefined,
      ),
    );
    const { response, body } = await area(createTestBff(), MEAKIN, 'allergies');
    expect(response.status).toBe(502);
    expect(body.code).toBe('UPSTREAM_MALFORMED');
  });

  it('a GP system failure is retried as a read, then named', async () => {
    spine.use(
      http.all(`${S.sspBaseUrl}/*`, ({ request }) =>
        request.headers.get('Ssp-InteractionID') === GETSTRUCTUREDRECORD_INTERACTION ? new HttpResponse(null, { status: 503 }) : undefined,
      ),
    );
    const bff = createTestBff({ RETRY_BACKOFF_MS: '1' });
    const { response, body } = await area(bff, MEAKIN, 'problems');
    expect([response.status, body.code]).toEqual([502, 'GP_SYSTEM_UNREACHABLE']);
    expect(structuredCalls().length).toBeGreaterThan(1);
  });
});

describe('R2–R7: the same gates as the HTML record', () => {
  it('a restricted patient: refused before any call to the practice', async () => {
    const { response, body } = await area(createTestBff(), '9658220142', 'allergies');
    expect([response.status, body.code]).toEqual([403, 'PATIENT_RESTRICTED']);
    expect(structuredCalls()).toHaveLength(0);
  });

  it('demographics that differ: 409 until the user confirms the differences (R7), then the area', async () => {
    const bff = createTestBff();
    const { response, body } = await area(bff, '9690124609', 'allergies');
    expect([response.status, body.code]).toEqual([409, 'IDENTITY_NOT_CONFIRMED']);
    expect(structuredCalls()).toHaveLength(0);
    const confirmed = await requestConfirmed(bff.app, '/api/patients/9690124609/structured/allergies');
    expect(confirmed.status).toBe(200);
    expect(StructuredRecordSchema.parse(await confirmed.json()).identity).toMatchObject({ confirmed: true });
  });

  it("the patient's dissent at the practice is GP_NO_PATIENT_CONSENT", async () => {
    const { response, body } = await area(createTestBff(), '9690124242', 'allergies');
    expect([response.status, body.code]).toEqual([403, 'GP_NO_PATIENT_CONSENT']);
  });

  it('an area that is not one is INVALID_STRUCTURED_AREA before any Spine call', async () => {
    const { response, body } = await area(createTestBff(), MEAKIN, 'summary');
    expect([response.status, body.code]).toEqual([400, 'INVALID_STRUCTURED_AREA']);
    expect(sent).toHaveLength(0);
  });
});

describe('R27, R26: permission and audit', () => {
  it("a role without the HTML section's permission may not open the structured area either", async () => {
    // clinical-support may open medications (MED) but not consultations (ENC).
    const bff = createTestBff({ AUTH_MODE: 'oidc' });
    const headers = await signInAs(bff.services, testUser('clinical-support'));
    expect((await area(bff, MEAKIN, 'medications', { headers })).response.status).toBe(200);
    const refused = await area(bff, MEAKIN, 'consultations', { headers });
    expect([refused.response.status, refused.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
  });

  it('each read is one audit row: the action, the area, the outcome and the record call', async () => {
    const bff = createTestBff();
    const { response } = await area(bff, MEAKIN, 'immunisations');
    const [row] = await bff.services.database.query<Record<string, unknown>>('SELECT * FROM audit_events WHERE request_id = $1', [
      response.headers.get('X-Trace-Id'),
    ]);
    expect(row).toMatchObject({
      action: 'record.structured.read',
      nhs_number: MEAKIN,
      section: 'immunisations',
      outcome: 'success',
      ssp_interaction_id: GETSTRUCTUREDRECORD_INTERACTION,
    });
    expect(row.details).toMatchObject({ areas: ['immunisations'], unmapped: 0 });
  });
});

describe('R31: the two views agree', () => {
  it.each([
    [MEAKIN, 'allergies', 'ALL'],
    [MEAKIN, 'medications', 'MED'],
    [MEAKIN, 'problems', 'PRB'],
    [MEAKIN, 'immunisations', 'IMM'],
    [MEAKIN, 'referrals', 'REF'],
    [AREA_DISABLED, 'medications', 'MED'],
    [AREA_DISABLED, 'problems', 'PRB'],
  ])('%s: every item of %s is in the HTML section %s', async (nhs, name, section) => {
    const bff = createTestBff();
    const structured = StructuredRecordSchema.parse((await area(bff, nhs, name)).body);
    const html = ((await (await bff.app.request(`/api/patients/${nhs}/record/${section}`)).json()) as { html: string }).html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/\s+/g, ' ');
    const items = structured.data.areas[structured.area]!.items as {
      term?: { text: string };
      name?: { text: string };
      vaccination?: { text: string };
      to?: string[];
    }[];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const text = item.term?.text ?? item.name?.text ?? item.vaccination?.text ?? item.to?.[0];
      expect(html, `${name}: ${text}`).toContain(text);
    }
  });
});

describe('R31: which records a practice offers', () => {
  it.each([
    [MEAKIN, { html: true, structured: true }],
    [HTML_ONLY, { html: true, structured: false }],
    [STRUCTURED_ONLY, { html: false, structured: true }],
  ])('%s: %o', async (nhs, offers) => {
    const response = await createTestBff().app.request(`/api/patients/${nhs}/gp-connect`);
    expect(response.status).toBe(200);
    expect(GpConnectRoutingSchema.parse(await response.json()).offers).toEqual(offers);
  });

  it('a practice offering neither is PRACTICE_NOT_GP_CONNECT; one offering only HTML is STRUCTURED_NOT_OFFERED for an area', async () => {
    const bff = createTestBff();
    const neither = await bff.app.request('/api/patients/9658218903/gp-connect');
    expect([neither.status, ((await neither.json()) as { code: string }).code]).toEqual([404, 'PRACTICE_NOT_GP_CONNECT']);
    const { response, body } = await area(bff, HTML_ONLY, 'allergies');
    expect([response.status, body.code]).toEqual([404, 'STRUCTURED_NOT_OFFERED']);
  });
});
