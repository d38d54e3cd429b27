/**
 * Metrics (issue 16 part 4): Prometheus's text format on a port of their own, never through the
 * API; requests by route template and status, latency, Spine calls by service and status, retries,
 * cache hits and misses, audit writes, the event loop; and no NHS number or name in any of it.
 */
import { http, HttpResponse, passthrough } from 'msw';
import { describe, expect, it } from 'vitest';
import { SIMULATED_SPINE } from '../../mocks/config';
import { PrometheusMetrics } from '../../src/server/prometheus';
import { createApp } from '../../src/server/app';
import { createServices } from '../../src/server/services';
import { loadConfig } from '../../src/server/config';
import { SIMULATED_SPINE_ENV } from '../../mocks/config';
import { createLogger } from '../../src/server/logger';
import { testDatabase } from '../support/db';
import { freePort } from '../support/net';
import { setUpSimulatedSpine } from '../support/spine';

const { server } = setUpSimulatedSpine();

function instrumented() {
  const database = testDatabase();
  const metrics = new PrometheusMetrics(database);
  const config = loadConfig({ ...SIMULATED_SPINE_ENV, SPINE_MODE: 'mock', AUTH_MODE: 'none', RETRY_BACKOFF_MS: '1' });
  const app = createApp(createServices(config, { database, metrics, logger: createLogger('silent') }));
  return { app, metrics };
}

describe('metrics', () => {
  it('counts requests, Spine calls, retries, cache lookups and audit writes, labelled by template and service only', async () => {
    const { app, metrics } = instrumented();
    let pdsCalls = 0;
    // The first PDS answer is a transient 503: retried once.
    server.use(
      http.get(`${SIMULATED_SPINE.pdsBaseUrl}/Patient/:id`, () =>
        ++pdsCalls === 1 ? HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 503 }) : undefined,
      ),
    );
    expect((await app.request('/api/patients/9658218873/record/SUM')).status).toBe(200);
    expect((await app.request('/api/patients/9658218873/record/PRB')).status).toBe(200);
    expect((await app.request('/api/patients/1234567890')).status).toBe(400);
    const text = await metrics.registry.metrics();
    expect(text).toContain('gpcv_http_requests_total{route="/api/patients/:nhsNumber/record/:section",method="GET",status="200"} 2');
    expect(text).toContain('gpcv_http_requests_total{route="/api/patients/:nhsNumber",method="GET",status="400"} 1');
    expect(text).toMatch(/gpcv_http_request_duration_seconds_bucket\{le="[\d.]+",route="\/api\/patients\/:nhsNumber\/record\/:section",method="GET"\} \d/);
    expect(text).toContain('gpcv_spine_calls_total{service="pds",status="503"} 1');
    expect(text).toContain('gpcv_spine_calls_total{service="pds",status="200"} 1');
    expect(text).toMatch(/gpcv_spine_calls_total\{service="ssp",status="200"\} \d+/);
    expect(text).toContain('gpcv_spine_retries_total{service="pds"} 1');
    expect(text).toMatch(/gpcv_cache_lookups_total\{cache="pds-traces",result="hit"\} \d+/);
    expect(text).toMatch(/gpcv_cache_lookups_total\{cache="sds-routes",result="miss"\} \d+/);
    expect(text).toContain('gpcv_audit_writes_total{result="ok"} 3');
    expect(text).toMatch(/gpcv_audit_write_duration_seconds_count \d/);
    expect(text).toMatch(/gpcv_nodejs_eventloop_lag_seconds \d/);
    // Nothing that names a patient or a user.
    for (const secret of ['9658218873', '1234567890', 'Meakin', 'Gilbert', 'G13579135']) expect(text).not.toContain(secret);
  });

  it('are served on their own port as Prometheus text, and not by the API', async () => {
    const { app, metrics } = instrumented();
    const port = await freePort();
    const scrape = metrics.serve(port, '127.0.0.1');
    // A real request to the real port, not the simulated Spine's business.
    server.use(http.all(`http://127.0.0.1:${port}/*`, () => passthrough()));
    try {
      await new Promise((resolve) => scrape.once('listening', resolve));
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toContain('text/plain');
      expect(await response.text()).toContain('# TYPE gpcv_http_requests_total counter');
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
      expect((await app.request('/api/metrics')).status).toBe(404);
    } finally {
      scrape.close();
    }
  });
});
