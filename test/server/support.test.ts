/**
 * Flow inspector detail and the support view (issue: flow inspector and support view): each call's
 * request on the simulated Spine only, and each session's last 50 requests, isolated by session.
 */
import { describe, expect, it } from 'vitest';
import { createTestBff } from '../support/bff';
import { setUpSimulatedSpine } from '../support/spine';

setUpSimulatedSpine();

type Json = any;

describe('detail on demand', () => {
  it('on the simulated Spine each call carries its request: URL, Ssp-* headers and decoded JWT claims, never the token', async () => {
    const body: Json = await (await createTestBff().app.request('/api/patients/9658218873/record/SUM')).json();
    const ssp = body.trace.find((t: Json) => t.service === 'ssp' && t.interaction === 'getcarerecord SUM');
    expect(ssp.traceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ssp.request).toMatchObject({ method: 'POST', url: expect.stringContaining('/Patient/$gpc.getcarerecord') });
    expect(ssp.request.headers).toMatchObject({
      'ssp-traceid': ssp.traceId,
      'ssp-from': '200000000359',
      'ssp-interactionid': 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getcarerecord',
    });
    expect(ssp.request.headers).not.toHaveProperty('authorization');
    expect(ssp.request.jwtClaims).toMatchObject({ reason_for_request: 'directcare', requested_scope: 'patient/*.read' });
    const sds = body.trace.find((t: Json) => t.service === 'sds');
    expect(sds.request.headers).not.toHaveProperty('apikey');
    expect(JSON.stringify(body.trace)).not.toContain('Bearer');
  });

  it('on the real Spine only the interaction, status, timing and trace id', async () => {
    const bff = createTestBff({}, { callDetail: false });
    const body: Json = await (await bff.app.request('/api/patients/9658218873/record/SUM')).json();
    for (const entry of body.trace) {
      expect(Object.keys(entry).sort()).toEqual(expect.arrayContaining(['interaction', 'ms', 'service', 'status']));
      expect(entry).not.toHaveProperty('request');
    }
    expect(body.trace.find((t: Json) => t.service === 'ssp').traceId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('support view', () => {
  const cookieOf = (response: Response) => response.headers.get('Set-Cookie')!.split(';')[0];

  it("lists the session's requests newest first, with the Ssp-TraceID and no patient data beyond the NHS number", async () => {
    const bff = createTestBff();
    const first = await bff.app.request('/api/patients/9658218873');
    const cookie = cookieOf(first);
    expect(first.headers.get('Set-Cookie')).toMatch(/HttpOnly/i);
    expect(first.headers.get('Set-Cookie')).toMatch(/SameSite=Strict/i);
    const record = await bff.app.request('/api/patients/9658218873/record/SUM', { headers: { Cookie: cookie } });
    const recordBody: Json = await record.json();
    await bff.app.request('/api/patients/9658220169/record/SUM', { headers: { Cookie: cookie } });
    await bff.app.request('/api/health', { headers: { Cookie: cookie } });

    const log: Json = await (await bff.app.request('/api/support/requests', { headers: { Cookie: cookie } })).json();
    expect(log.limit).toBe(50);
    expect(log.requests.map((r: Json) => `${r.action} ${r.status}`)).toEqual([
      'GET /api/patients/{nhsNumber}/record/SUM 403',
      'GET /api/patients/{nhsNumber}/record/SUM 200',
      'GET /api/patients/{nhsNumber} 200',
    ]);
    expect(log.requests[0]).toMatchObject({ nhsNumber: '9658220169', code: 'GP_NO_PATIENT_CONSENT' });
    expect(log.requests[1]).toMatchObject({ nhsNumber: '9658218873', traceId: record.headers.get('X-Trace-Id'), cacheHits: 1 });
    // The R7 identity check (search, read patient, read organisation) and the record call.
    expect(log.requests[1].sspTraceIds).toEqual(recordBody.trace.filter((t: Json) => t.service === 'ssp').map((t: Json) => t.traceId));
    expect(log.requests[1].sspTraceIds).toHaveLength(4);
    expect(JSON.stringify(log)).not.toMatch(/Meakin|Huson|1970-05-12/);
  });

  it('keeps sessions apart, and at most 50 requests each', async () => {
    const bff = createTestBff();
    const a = cookieOf(await bff.app.request('/api/organisations?odsCode=A20047'));
    const b = cookieOf(await bff.app.request('/api/organisations?odsCode=B82617'));
    expect(a).not.toBe(b);
    for (let i = 0; i < 55; i++) await bff.app.request('/api/patients/123', { headers: { Cookie: a } });
    const logA: Json = await (await bff.app.request('/api/support/requests', { headers: { Cookie: a } })).json();
    const logB: Json = await (await bff.app.request('/api/support/requests', { headers: { Cookie: b } })).json();
    expect(logA.requests).toHaveLength(50);
    expect(logA.requests[0]).toMatchObject({ status: 400, code: 'INVALID_NHS_NUMBER', spineCalls: 0 });
    expect(logB.requests.map((r: Json) => r.action)).toEqual(['GET /api/organisations']);
  });

  it('the page itself gives the session (Path=/), so its parallel first API calls share one', async () => {
    const bff = createTestBff();
    const page = await bff.app.request('/patients/9658218873/record/SUM');
    const cookie = cookieOf(page);
    expect(page.headers.get('Set-Cookie')).toMatch(/Path=\//);
    await Promise.all(
      ['/api/patients/9658218873', '/api/patients/9658218873/record/SUM'].map((path) => bff.app.request(path, { headers: { Cookie: cookie } })),
    );
    const again = await bff.app.request('/support', { headers: { Cookie: cookie } });
    expect(again.headers.get('Set-Cookie')).toBeNull();
    const log: Json = await (await bff.app.request('/api/support/requests', { headers: { Cookie: cookie } })).json();
    expect(log.requests).toHaveLength(2);
  });

  it('a forged or missing cookie starts a new, empty session', async () => {
    const bff = createTestBff();
    const response = await bff.app.request('/api/support/requests', { headers: { Cookie: 'gpcv_support=../../etc' } });
    expect(((await response.json()) as Json).requests).toEqual([]);
    expect(response.headers.get('Set-Cookie')).toMatch(/^gpcv_support=[0-9a-f-]{36};/);
  });
});
