/**
 * R36: loading a worklist is audited (who, the file's name, how many rows and how many were refused)
 * and nothing of the rows reaches the BFF or its audit.
 */
import { describe, expect, it } from 'vitest';
import { createTestBff } from '../support/bff';
import { setUpSimulatedSpine } from '../support/spine';

const { requests } = setUpSimulatedSpine();

const load = (bff: ReturnType<typeof createTestBff>, body: unknown) =>
  bff.app.request('/api/worklists', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('R36: POST /api/worklists', () => {
  it('audits the file name and row counts, calls no Spine service, and answers when it was recorded', async () => {
    const bff = createTestBff();
    const response = await load(bff, { fileName: 'clinic-2026-12-01.csv', rows: 12, rejectedRows: 2 });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ loadedAt: expect.any(String), rows: 12 });
    const [row] = await bff.services.auditLog.search({}, 5);
    expect(row).toMatchObject({ action: 'worklist.load', outcome: 'success', details: { fileName: 'clinic-2026-12-01.csv', rows: 12, rejectedRows: 2 } });
    expect(requests).toEqual([]);
  });

  it.each([
    [{ fileName: '', rows: 1, rejectedRows: 0 }, 'fileName'],
    [{ fileName: 'a.csv', rows: 0, rejectedRows: 0 }, 'rows'],
    [{ fileName: 'a.csv', rows: 2001, rejectedRows: 0 }, 'rows'],
    [{ fileName: 'a\u0000.csv', rows: 1, rejectedRows: 0 }, 'fileName'],
    [{ fileName: 'a.csv', rows: 1, rejectedRows: 0, nhsNumbers: ['9658218873'] }, undefined],
  ])('%j is refused with INVALID_WORKLIST; the rows themselves are never taken', async (body, field) => {
    const bff = createTestBff();
    const response = await load(bff, body);
    const problem = (await response.json()) as { code: string; fields?: Record<string, string> };
    expect([response.status, problem.code]).toEqual([400, 'INVALID_WORKLIST']);
    if (field) expect(Object.keys(problem.fields ?? {})).toContain(field);
  });
});
