/**
 * Every patient of the simulated world shows what the catalogue says it shows: each scenario's
 * outcome through the BFF, for every patient (docs/test-patients.md).
 */
import { describe, expect, it } from 'vitest';
import { SpineControl } from '../../mocks/control';
import { world } from '../../mocks/world';
import type { WorldScenario } from '../../mocks/world/types';
import { createTestBff } from '../support/bff';
import { setUpSimulatedSpine } from '../support/spine';

// The SSP gives up on the never-answering practice quickly in tests.
setUpSimulatedSpine({ control: new SpineControl({ sspGatewayTimeoutMs: 100 }) });

/** `identity`: the record is held back until the user confirms (R7): the first answer is IDENTITY_NOT_CONFIRMED with this status. */
type Expectation = { status: number; code?: string; html?: RegExp; identity?: 'differs' | 'unchecked' };

const EXPECTED: Record<WorldScenario, Expectation> = {
  normal: { status: 200, html: /<table id="enc-tab">/ },
  'empty-record': { status: 200, html: /No 'Last 3 Encounters' data is recorded for this patient/ },
  restricted: { status: 403, code: 'PATIENT_RESTRICTED' },
  dissent: { status: 403, code: 'GP_NO_PATIENT_CONSENT' },
  // Foundations is never asked about a deceased patient (R5), so the identity stays unchecked.
  'deceased-recent': { status: 200, html: /<h1>Summary<\/h1>/, identity: 'unchecked' },
  'deceased-old': { status: 403, code: 'PATIENT_DECEASED' },
  'unknown-to-practice': { status: 404, code: 'GP_PATIENT_NOT_FOUND', identity: 'unchecked' },
  'practice-without-gp-connect': { status: 404, code: 'PRACTICE_NOT_GP_CONNECT' },
  superseded: { status: 200, html: /<h1>Summary<\/h1>/ },
  merged: { status: 200, html: /<h1>Summary<\/h1>/ },
  'in-transit': { status: 200, html: /class="gptransfer-banner"/ },
  'not-on-pds': { status: 404, code: 'PDS_PATIENT_NOT_FOUND' },
  unverified: { status: 403, code: 'NHS_NUMBER_NOT_VERIFIED' },
  'sensitive-at-practice': { status: 404, code: 'GP_PATIENT_NOT_FOUND', identity: 'unchecked' },
  inactive: { status: 404, code: 'GP_PATIENT_NOT_FOUND', identity: 'unchecked' },
  'confidential-items': { status: 200, html: /class="exclusion-banner"/ },
  'practice-fot-fails': { status: 502, code: 'SSP_NOT_AUTHORISED' },
  'practice-down': { status: 502, code: 'GP_SYSTEM_UNREACHABLE' },
  'practice-timeout': { status: 504, code: 'GP_SYSTEM_TIMEOUT' },
  'large-record': { status: 200, html: /<table id="obs-tab">/ },
  'demographics-mismatch': { status: 200, html: /<h1>Summary<\/h1>/, identity: 'differs' },
  'register-candidate': { status: 200, html: /<h1>Summary<\/h1>/ },
  'invalidated-at-provider': { status: 200, html: /<h1>Summary<\/h1>/ },
  'practice-without-organisation-record': { status: 200, html: /<h1>Summary<\/h1>/, identity: 'unchecked' },
  'hostile-html': { status: 200, html: /The following markup is hostile/ },
  // The SSP accepts only the current system's ASID: the old AS record would be refused (R34).
  'supplier-move': { status: 200, html: /No 'Last 3 Encounters' data is recorded for this patient/ },
  'sds-ambiguous': { status: 502, code: 'SDS_AMBIGUOUS' },
  'registration-ended': { status: 200, html: /No 'Last 3 Encounters' data is recorded for this patient/ },
  'pds-retry': { status: 200, html: /No 'Last 3 Encounters' data is recorded for this patient/ },
  'common-details': { status: 200, html: /No 'Last 3 Encounters' data is recorded for this patient/ },
  // SDS holds no Access Record HTML endpoint for a Structured-only practice: said as such, never "no GP Connect" (R31).
  'structured-only': { status: 404, code: 'HTML_NOT_OFFERED' },
};

/** The same patients through Foundations (R13): found, not found at the practice, or refused with a code. */
type GpExpectation = { status: 200; result: 'single' | 'none'; differences?: string[] } | { status: number; code: string };
const EXPECTED_AT_PRACTICE: Record<WorldScenario, GpExpectation> = {
  normal: { status: 200, result: 'single', differences: [] },
  'empty-record': { status: 200, result: 'single', differences: [] },
  restricted: { status: 403, code: 'PATIENT_RESTRICTED' },
  // Consent bites only on record access: a dissented patient is still found (GP Connect 1.6: foundations_use_case_find_a_patient).
  dissent: { status: 200, result: 'single', differences: [] },
  // Foundations is never asked about a deceased patient, even within 28 days (R5).
  'deceased-recent': { status: 403, code: 'PATIENT_DECEASED' },
  'deceased-old': { status: 403, code: 'PATIENT_DECEASED' },
  'unknown-to-practice': { status: 200, result: 'none' },
  'practice-without-gp-connect': { status: 404, code: 'PRACTICE_NOT_GP_CONNECT' },
  superseded: { status: 200, result: 'single', differences: [] },
  merged: { status: 200, result: 'single', differences: [] },
  'in-transit': { status: 200, result: 'single', differences: [] },
  'not-on-pds': { status: 404, code: 'PDS_PATIENT_NOT_FOUND' },
  unverified: { status: 403, code: 'NHS_NUMBER_NOT_VERIFIED' },
  'sensitive-at-practice': { status: 200, result: 'none' },
  inactive: { status: 200, result: 'none' },
  'confidential-items': { status: 200, result: 'single', differences: [] },
  'practice-fot-fails': { status: 502, code: 'SSP_NOT_AUTHORISED' },
  'practice-down': { status: 502, code: 'GP_SYSTEM_UNREACHABLE' },
  'practice-timeout': { status: 504, code: 'GP_SYSTEM_TIMEOUT' },
  'large-record': { status: 200, result: 'single', differences: [] },
  'demographics-mismatch': { status: 200, result: 'single', differences: ['family', 'birthDate'] },
  'register-candidate': { status: 200, result: 'single', differences: [] },
  'invalidated-at-provider': { status: 200, result: 'single', differences: [] },
  'practice-without-organisation-record': { status: 200, result: 'single', differences: [] },
  'hostile-html': { status: 200, result: 'single', differences: [] },
  'supplier-move': { status: 200, result: 'single', differences: [] },
  'sds-ambiguous': { status: 502, code: 'SDS_AMBIGUOUS' },
  'registration-ended': { status: 200, result: 'single', differences: [] },
  'pds-retry': { status: 200, result: 'single', differences: [] },
  'common-details': { status: 200, result: 'single', differences: [] },
  'structured-only': { status: 200, result: 'single', differences: [] },
};

// Sections where each scenario shows itself (the exclusion banner sits on the withheld sections).
const SECTION: Partial<Record<WorldScenario, string>> = { 'confidential-items': 'PRB', 'large-record': 'OBS' };

describe('world scenarios through the BFF', () => {
  it('covers at least 25 patients, 3 practices with GP Connect and 2 GP systems', () => {
    expect(world.patients.length).toBeGreaterThanOrEqual(25);
    const gpc = world.practices.filter((p) => p.gpConnect);
    expect(gpc.length).toBeGreaterThanOrEqual(3);
    expect(new Set(gpc.map((p) => p.gpConnect!.supplier)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(world.patients.map((p) => p.scenario))).toEqual(new Set(Object.keys(EXPECTED)));
  });

  it.each(world.patients.map((p) => [p.nhsNumber, p.scenario] as const))('%s (%s)', async (nhs, scenario) => {
    const expected = EXPECTED[scenario];
    const bff = createTestBff();
    const path = `/api/patients/${nhs}/record/${SECTION[scenario] ?? 'SUM'}`;
    let response = await bff.app.request(path);
    let body = await response.json();
    if (expected.identity) {
      expect(response.status, JSON.stringify(body).slice(0, 300)).toBe(409);
      expect(body).toMatchObject({ code: 'IDENTITY_NOT_CONFIRMED', identityCheck: { status: expected.identity } });
      response = await bff.app.request(`${path}?confirm=${body.identityCheck.fingerprint}`);
      body = await response.json();
    }
    expect(response.status, JSON.stringify(body).slice(0, 300)).toBe(expected.status);
    if (expected.code) expect(body.code).toBe(expected.code);
    if (expected.html) expect(body.html).toMatch(expected.html);
    if (scenario === 'superseded' || scenario === 'merged') expect(body.nhsNumber).not.toBe(nhs);
  });

  it.each(world.patients.map((p) => [p.nhsNumber, p.scenario] as const))('at the practice: %s (%s)', async (nhs, scenario) => {
    const expected = EXPECTED_AT_PRACTICE[scenario];
    const response = await createTestBff().app.request(`/api/patients/${nhs}/gp-patient`);
    const body = await response.json();
    expect(response.status, JSON.stringify(body).slice(0, 300)).toBe(expected.status);
    if ('code' in expected) return expect(body.code).toBe(expected.code);
    expect(body.result).toBe(expected.result);
    if (expected.differences) expect(body.crossCheck.differences.map((d: { field: string }) => d.field)).toEqual(expected.differences);
  });

  it('the large record is about 2 MB of HTML in one section', async () => {
    const large = world.patients.find((p) => p.scenario === 'large-record')!;
    const body = await (await createTestBff().app.request(`/api/patients/${large.nhsNumber}/record/OBS`)).json();
    expect(body.html.length).toBeGreaterThan(1.8 * 1024 * 1024);
    expect(body.html.length).toBeLessThan(3 * 1024 * 1024);
  });
});
