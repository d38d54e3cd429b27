/** The audit trail's API for a privacy officer (R26): filters checked, pages, the CSV export. */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createTestBff, signInAs, testUser } from '../support/bff';
import { setUpSimulatedSpine } from '../support/spine';
import { freshTestDatabase } from '../support/db';

setUpSimulatedSpine();

/** A BFF with a database of its own, and a privacy officer's and a clinician's sessions on it. */
async function setup() {
  const bff = createTestBff({ AUTH_MODE: 'oidc' }, { database: freshTestDatabase() });
  return { bff, officer: await signInAs(bff.services, testUser('privacy-officer')), clinician: await signInAs(bff.services, testUser('clinician')) };
}

describe('GET /api/audit', () => {
  it('lists attempts newest first, filtered, a page of 100 at a time, and records the search itself', async () => {
    const { bff, officer, clinician } = await setup();
    for (let i = 0; i < 3; i++) await bff.app.request('/api/patients/9658218873', { headers: clinician });
    await bff.app.request('/api/patients/9690123475', { headers: clinician });
    const page = await (await bff.app.request('/api/audit?nhsNumber=965%20821%208873', { headers: officer })).json();
    expect(page.entries).toHaveLength(3);
    expect(page.entries.every((e: { nhsNumber: string; action: string }) => e.nhsNumber === '9658218873' && e.action === 'patient.trace')).toBe(true);
    expect(page.next).toBeUndefined();
    const search = await (await bff.app.request('/api/audit?user=Shah', { headers: officer })).json();
    expect(search.entries[0]).toMatchObject({ action: 'audit.search', user: { name: 'Priya Shah' }, details: { filters: { nhsNumber: '9658218873' } } });
  });

  it('pages on with `before`', async () => {
    const { bff, officer, clinician } = await setup();
    for (let i = 0; i < 105; i++)
      await bff.services.auditLog.record({
        requestId: `r${i}`,
        action: 'patient.trace',
        outcome: 'success',
        httpStatus: 200,
        sspCalls: [],
        details: {},
        nhsNumber: '9658218873',
      });
    void clinician;
    const first = await (await bff.app.request('/api/audit?nhsNumber=9658218873', { headers: officer })).json();
    expect(first.entries).toHaveLength(100);
    expect(first.next).toBe(first.entries[99].id);
    const second = await (await bff.app.request(`/api/audit?nhsNumber=9658218873&before=${first.next}`, { headers: officer })).json();
    expect(second.entries.map((e: { requestId: string }) => e.requestId)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
  });

  it.each([
    ['nhsNumber=123', 'INVALID_NHS_NUMBER'],
    ['from=2026-02-30', 'INVALID_DATE_RANGE'],
    ['from=2026-03-02&to=2026-03-01', 'INVALID_DATE_RANGE'],
    ['user=%3Cscript%3E', 'INVALID_QUERY'],
    ['before=abc', 'INVALID_QUERY'],
    ['page=2', 'INVALID_QUERY'],
    ['user=a&user=b', 'INVALID_QUERY'],
  ])('refuses %s with %s', async (query, code) => {
    const { bff, officer } = await setup();
    const response = await bff.app.request(`/api/audit?${query}`, { headers: officer });
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe(code);
  });
});

describe('GET /api/audit/export', () => {
  it('is the same search as CSV, every cell that could run as a formula neutralised', async () => {
    const { bff, officer } = await setup();
    await bff.services.auditLog.record({
      requestId: 'hostile',
      user: { id: 'X', name: '=HYPERLINK("https://evil.example","click")', role: '+1', roleProfileId: '-2', organisation: '@SUM(A1)' },
      action: 'patient.trace',
      outcome: 'failure',
      httpStatus: 400,
      errorCode: 'INVALID_NHS_NUMBER',
      sspCalls: [],
      details: { requestedNhsNumber: '=1+1' },
    });
    const response = await bff.app.request('/api/audit/export?user=X', { headers: officer });
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, row] = parse(await response.text()) as string[][];
    expect(header.slice(0, 3)).toEqual(['occurred_at', 'user_id', 'user_name']);
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('user_name')).toBe(`'=HYPERLINK("https://evil.example","click")`);
    expect(cell('user_role')).toBe("'+1");
    expect(cell('role_profile_id')).toBe("'-2");
    expect(cell('user_organisation')).toBe("'@SUM(A1)");
    expect(cell('request_id')).toBe('hostile');
  });

  it('only for a role that may read the audit', async () => {
    const { bff, clinician } = await setup();
    expect((await bff.app.request('/api/audit/export', { headers: clinician })).status).toBe(403);
  });
});
