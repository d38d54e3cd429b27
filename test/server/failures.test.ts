/**
 * Failing and malformed upstream answers each end in a clear problem naming the failed step,
 * never a crash or a bare 500 (R12, R23; docs/architecture.md principle 5).
 */
import { describe, expect, it } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import { SIMULATED_SPINE as S } from '../../mocks/config';
import { ProblemSchema } from '../../src/shared/api';
import { MAX_BODY_BYTES } from '../../src/server/spine/http';
import { createTestBff, onRecordCall } from '../support/bff';
import { setUpSimulatedSpine } from '../support/spine';

const { server: spine, requests } = setUpSimulatedSpine();

const SSP_ANY = `${S.sspBaseUrl}/*`;

async function problemFor(path: string, env: Record<string, string> = {}) {
  // As on the real Spine: traces without the simulated Spine's request detail.
  const bff = createTestBff(env, { callDetail: false });
  const response = await bff.app.request(path);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  return { status: response.status, problem: ProblemSchema.parse(await response.json()), logs: bff.logs };
}

const sspError = (status: number, issueCode: string, token: string) =>
  HttpResponse.json(
    {
      resourceType: 'OperationOutcome',
      id: 'X',
      issue: [
        {
          code: issueCode,
          severity: 'error',
          details: { coding: [{ display: token, code: String(status), system: 'http://fhir.nhs.net/ValueSet/gpconnect-schedule-response-code-1-0' }] },
          diagnostics: token,
        },
      ],
    },
    { status },
  );

describe('failing Spine answers', () => {
  it('PDS 503 → PDS_UNAVAILABLE from the PDS step', async () => {
    spine.use(
      http.get(`${S.pdsBaseUrl}/Patient/:id`, () =>
        HttpResponse.json(
          { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'timeout', details: { coding: [{ code: 'SERVICE_UNAVAILABLE' }] } }] },
          { status: 503 },
        ),
      ),
    );
    const { status, problem } = await problemFor('/api/patients/9658218873');
    expect(status).toBe(502);
    expect(problem).toMatchObject({ code: 'PDS_UNAVAILABLE', step: 'pds', upstreamStatus: 503, upstreamCode: 'SERVICE_UNAVAILABLE' });
  });

  it('PDS connection failure → PDS_UNAVAILABLE after 3 retries, every attempt in the trace', async () => {
    spine.use(http.get(`${S.pdsBaseUrl}/Patient/:id`, () => HttpResponse.error()));
    const { problem } = await problemFor('/api/patients/9658218873', { RETRY_BACKOFF_MS: '1' });
    expect(problem).toMatchObject({ code: 'PDS_UNAVAILABLE', step: 'pds' });
    expect(problem.trace).toEqual(
      [1, 2, 3, 4].map((n) => expect.objectContaining({ service: 'pds', status: null, error: 'unreachable', ...(n > 1 ? { attempt: n } : {}) })),
    );
  });

  it('PDS answering HTML instead of JSON → UPSTREAM_MALFORMED at the PDS step', async () => {
    spine.use(
      http.get(`${S.pdsBaseUrl}/Patient/:id`, () => new HttpResponse('<html>gateway</html>', { status: 200, headers: { 'Content-Type': 'text/html' } })),
    );
    const { status, problem } = await problemFor('/api/patients/9658218873');
    expect(status).toBe(502);
    expect(problem).toMatchObject({ code: 'UPSTREAM_MALFORMED', step: 'pds' });
  });

  it('PDS answering a Patient without an id → UPSTREAM_MALFORMED', async () => {
    spine.use(http.get(`${S.pdsBaseUrl}/Patient/:id`, () => HttpResponse.json({ resourceType: 'Patient' })));
    const { problem } = await problemFor('/api/patients/9658218873');
    expect(problem).toMatchObject({ code: 'UPSTREAM_MALFORMED', step: 'pds' });
  });

  it('SDS 500 → SDS_UNAVAILABLE from the SDS step', async () => {
    spine.use(
      http.get(`${S.sdsBaseUrl}/Device`, () =>
        HttpResponse.json(
          { resourceType: 'OperationOutcome', issue: [{ code: 'exception', details: { coding: [{ code: 'INTERNAL_SERVER_ERROR' }] } }] },
          { status: 500 },
        ),
      ),
    );
    const { problem } = await problemFor('/api/patients/9658218873/record/SUM');
    expect(problem).toMatchObject({ code: 'SDS_UNAVAILABLE', step: 'sds', upstreamStatus: 500 });
  });

  it('SSP 403 FOT check → SSP_NOT_AUTHORISED from the proxy step', async () => {
    spine.use(http.all(SSP_ANY, () => sspError(403, 'forbidden', 'FOT_CHECK_FAILED_MESSAGESENDER_200000000359_MESSAGERECEIVER_918999198993')));
    const { problem } = await problemFor('/api/patients/9658218873/record/SUM');
    expect(problem).toMatchObject({ code: 'SSP_NOT_AUTHORISED', step: 'ssp', upstreamStatus: 403, upstreamCode: 'FOT_CHECK_FAILED' });
    // The proxy's token names both ASIDs; the browser never sees an ASID (R10).
    expect(JSON.stringify(problem)).not.toMatch(/200000000359|918999198993/);
    expect(problem.detail).toBe('The proxy found no data-sharing agreement between this viewer and the practice.');
  });

  it('SSP 502 → GP_SYSTEM_UNREACHABLE', async () => {
    spine.use(http.all(SSP_ANY, () => sspError(502, 'transient', 'ERROR_COMMUNICATING_TO_ENDPOINT_URL_https://x')));
    const { problem } = await problemFor('/api/patients/9658218873/record/SUM');
    expect(problem).toMatchObject({ code: 'GP_SYSTEM_UNREACHABLE', step: 'ssp', upstreamStatus: 502, upstreamCode: 'ERROR_COMMUNICATING_TO_ENDPOINT' });
    expect(JSON.stringify(problem)).not.toContain('https://x');
  });

  it('a GP system that does not answer in time → GP_SYSTEM_TIMEOUT (explicit timeout, R12)', async () => {
    spine.use(
      http.all(SSP_ANY, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const { status, problem } = await problemFor('/api/patients/9658218873/record/SUM', { SSP_TIMEOUT_MS: '100' });
    expect(status).toBe(504);
    expect(problem).toMatchObject({ code: 'GP_SYSTEM_TIMEOUT', detail: 'SSP no answer within 100 ms' });
    expect(problem.trace?.at(-1)).toMatchObject({ service: 'ssp', status: null, error: 'timeout' });
  });

  it('provider 500 OperationOutcome → GP_SYSTEM_ERROR from the GP system step', async () => {
    spine.use(
      http.all(SSP_ANY, () =>
        HttpResponse.json(
          {
            resourceType: 'OperationOutcome',
            issue: [
              {
                severity: 'error',
                code: 'exception',
                details: { coding: [{ system: 'http://fhir.nhs.net/ValueSet/gpconnect-error-or-warning-code-1', code: 'INTERNAL_SERVER_ERROR' }] },
                diagnostics: 'db down',
              },
            ],
          },
          { status: 500 },
        ),
      ),
    );
    const { problem } = await problemFor('/api/patients/9658218873/record/SUM');
    expect(problem).toMatchObject({ code: 'GP_SYSTEM_ERROR', step: 'provider', upstreamCode: 'INTERNAL_SERVER_ERROR' });
  });

  it('a 200 that is not a care record bundle → UPSTREAM_MALFORMED, not a blank record', async () => {
    spine.use(onRecordCall(() => HttpResponse.json({ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Patient' } }] })));
    const { problem } = await problemFor('/api/patients/9658218873/record/SUM');
    expect(problem).toMatchObject({ code: 'UPSTREAM_MALFORMED', step: 'provider' });
  });

  it('a truncated JSON body → UPSTREAM_MALFORMED', async () => {
    spine.use(
      onRecordCall(() => new HttpResponse('{"resourceType":"Bundle","entry":[{"reso', { status: 200, headers: { 'Content-Type': 'application/json+fhir' } })),
    );
    const { problem } = await problemFor('/api/patients/9658218873/record/SUM');
    expect(problem).toMatchObject({ code: 'UPSTREAM_MALFORMED', step: 'provider' });
  });

  it('a body declared over the size cap is refused at once, not retried', async () => {
    let calls = 0;
    spine.use(
      onRecordCall(() => {
        calls++;
        return new HttpResponse('x', { status: 200, headers: { 'Content-Length': String(50 * 1024 * 1024) } });
      }),
    );
    const { status, problem } = await problemFor('/api/patients/9658218873/record/SUM', { RETRY_BACKOFF_MS: '1' });
    expect(status).toBe(502);
    expect(problem).toMatchObject({ code: 'UPSTREAM_TOO_LARGE', step: 'ssp', upstreamStatus: 200 });
    expect(problem.detail).toContain('cap');
    expect(calls).toBe(1);
  });

  it('a streamed body that grows past the cap (no Content-Length) is cut off, not buffered', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    spine.use(
      onRecordCall(() => {
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            // Endless: only the cap stops it.
            sent += chunk.byteLength;
            controller.enqueue(chunk);
          },
        });
        return new HttpResponse(stream, { status: 200, headers: { 'Content-Type': 'application/json+fhir' } });
      }),
    );
    const { problem } = await problemFor('/api/patients/9658218873/record/SUM');
    expect(problem).toMatchObject({ code: 'UPSTREAM_TOO_LARGE', step: 'ssp' });
    expect(problem.trace?.at(-1)).toMatchObject({ service: 'ssp', status: 200, error: 'too-large' });
    // Read up to the cap and a little beyond (what was already queued), never the whole stream.
    expect(sent).toBeLessThan(MAX_BODY_BYTES + 8 * chunk.byteLength);
  });

  it.each([
    ['text/html', '{"resourceType":"Bundle"}'],
    ['text/plain', '{"resourceType":"Bundle"}'],
    [undefined, '{"resourceType":"Bundle"}'],
  ])('valid JSON declared as %s from the GP system → UPSTREAM_MALFORMED naming the type', async (type, body) => {
    // Bytes, so that nothing adds a Content-Type of its own.
    spine.use(onRecordCall(() => new HttpResponse(new TextEncoder().encode(body), { status: 200, headers: type ? { 'Content-Type': type } : {} })));
    const { problem } = await problemFor('/api/patients/9658218873/record/SUM');
    expect(problem).toMatchObject({ code: 'UPSTREAM_MALFORMED', step: 'provider' });
    expect(problem.detail).toContain(type ?? 'no declared type');
  });

  it('SDS answering JSON as text/html → UPSTREAM_MALFORMED at the SDS step', async () => {
    spine.use(
      http.get(`${S.sdsBaseUrl}/*`, () => new HttpResponse('{"resourceType":"Bundle","entry":[]}', { status: 200, headers: { 'Content-Type': 'text/html' } })),
    );
    const { problem } = await problemFor('/api/patients/9658218873/record/SUM');
    expect(problem).toMatchObject({ code: 'UPSTREAM_MALFORMED', step: 'sds' });
  });
});

describe('hostile provider HTML', () => {
  it('is sanitised, and what was removed is counted and logged without patient data', async () => {
    const div = '<div><h1>Summary</h1><script>alert(1)</script><p onclick="x()">Asthma</p><img src=x onerror=alert(2)></div>';
    spine.use(
      onRecordCall(() =>
        HttpResponse.json({
          resourceType: 'Bundle',
          type: 'searchset',
          entry: [
            {
              resource: {
                resourceType: 'Composition',
                section: [{ title: 'Summary', code: { coding: [{ code: 'SUM' }] }, text: { status: 'generated', div } }],
              },
            },
          ],
        }),
      ),
    );
    const bff = createTestBff();
    const response = await bff.app.request('/api/patients/9658218873/record/SUM');
    const body = await response.json();
    expect(body.html).toBe('<div><h1>Summary</h1><p>Asthma</p></div>');
    expect(body.sanitiser).toEqual({ removedElements: 2, removedAttributes: 1, unterminated: [] });
    expect(bff.logs).toContainEqual(expect.objectContaining({ event: 'provider-html-sanitised', removedTags: { script: 1, img: 1 } }));
    expect(JSON.stringify(bff.logs)).not.toContain('9658218873');
  });
});

describe('retries (R12): reads retried at most 3 times with back-off, writes never', () => {
  /** How many requests of this test went to URLs matching the pattern. */
  const count = (pattern: RegExp) => () => requests.filter((request) => pattern.test(request.url)).length;

  it('a transient 503 from PDS is retried with the same X-Request-ID, and the second answer is used (R35)', async () => {
    let calls = 0;
    spine.use(
      http.get(`${S.pdsBaseUrl}/Patient/:id`, () =>
        ++calls === 1 ? HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 503 }) : undefined,
      ),
    );
    const bff = createTestBff({ RETRY_BACKOFF_MS: '1' });
    const response = await bff.app.request('/api/patients/9658218873');
    const body = (await response.json()) as { trace: { status: number; attempt?: number; traceId?: string }[] };
    expect(response.status).toBe(200);
    expect(body.trace.map((t) => [t.status, t.attempt])).toEqual([
      [503, undefined],
      [200, 2],
    ]);
    // PDS de-duplicates by X-Request-ID: a retry repeats it (R35).
    const sent = requests.filter((request) => /^https:\/\/pds\./.test(request.url)).map((request) => request.headers.get('X-Request-ID'));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect(body.trace[1].traceId).toBe(body.trace[0].traceId);
  });

  it('the simulated PDS that answers only a repeated X-Request-ID is traced in two attempts (R35)', async () => {
    const bff = createTestBff({ RETRY_BACKOFF_MS: '1' });
    const response = await bff.app.request('/api/patients/9690125044');
    const body = (await response.json()) as { trace: { status: number }[]; patient: { nhsNumber: string } };
    expect(response.status).toBe(200);
    expect(body.trace.map((t) => t.status)).toEqual([503, 200]);
  });

  it('a 502 from the SSP on a record read is tried 4 times in all, each with its own Ssp-TraceID, then explained (R35)', async () => {
    spine.use(http.all(SSP_ANY, () => sspError(502, 'transient', 'ERROR_COMMUNICATING_TO_ENDPOINT_URL_https://x')));
    const ssp = count(/^https:\/\/ssp\./);
    const { problem } = await problemFor('/api/patients/9658218873/record/SUM', { RETRY_BACKOFF_MS: '1' });
    expect(problem.code).toBe('GP_SYSTEM_UNREACHABLE');
    expect(ssp()).toBe(4);
    // Each SSP request carries a fresh Ssp-TraceID, retries included (R35).
    const traceIds = requests.filter((request) => /^https:\/\/ssp\./.test(request.url)).map((request) => request.headers.get('Ssp-TraceID'));
    expect(new Set(traceIds).size).toBe(4);
  });

  it('a 4xx is not retried', async () => {
    const pds = count(/^https:\/\/pds\./);
    await problemFor('/api/patients/9476718943', { RETRY_BACKOFF_MS: '1' });
    expect(pds()).toBe(1);
  });

  it('register patient (a write) is never retried, even after a 502', async () => {
    spine.use(http.all(SSP_ANY, () => sspError(502, 'transient', 'ERROR_COMMUNICATING_TO_ENDPOINT_URL_https://x')));
    const ssp = count(/^https:\/\/ssp\./);
    const bff = createTestBff({ RETRY_BACKOFF_MS: '1' });
    const response = await bff.app.request('/api/patients/9690124676/registrations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ odsCode: 'A20047', given: 'Owen', family: 'Lister', birthDate: '1984-02-29', gender: 'male' }),
    });
    expect(((await response.json()) as { code: string }).code).toBe('GP_SYSTEM_UNREACHABLE');
    expect(ssp()).toBe(1);
  });

  it("the back-off doubles, and all attempts stay within the call's timeout", async () => {
    spine.use(http.get(`${S.pdsBaseUrl}/Patient/:id`, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 503 })));
    const started = performance.now();
    const { problem } = await problemFor('/api/patients/9658218873', { RETRY_BACKOFF_MS: '40', PDS_TIMEOUT_MS: '1000' });
    const elapsed = performance.now() - started;
    expect(problem.trace).toHaveLength(4);
    // 40 + 80 + 160 ms of back-off at least; never past the 1 s budget.
    expect(elapsed).toBeGreaterThanOrEqual(270);
    expect(elapsed).toBeLessThan(1000);
    const { problem: tight } = await problemFor('/api/patients/9658218873', { RETRY_BACKOFF_MS: '400', PDS_TIMEOUT_MS: '1000' });
    // 400 then 800 ms would pass the budget: one retry only.
    expect(tight.trace).toHaveLength(2);
  });
});
