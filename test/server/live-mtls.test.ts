/**
 * The BFF in live configuration, with client certificates, against the simulated Spine served as
 * a real HTTPS server with mutual TLS over loopback: no MSW interception in this process.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'undici';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestCertificates, type CertificatePaths } from '../../mocks/certs';
import { liveEnvFor, startSpineServer, type RunningSpine } from '../../mocks/server';
import { createLogger } from '../../src/server/logger';
import { testDatabase } from '../support/db';
import { signInAs } from '../support/bff';
import { loadConfig } from '../../src/server/config';
import { createServices } from '../../src/server/services';
import { createApp } from '../../src/server/app';
import { createTlsDispatcher } from '../../src/server/tls';

let dir: string;
let certs: CertificatePaths;
let spine: RunningSpine;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spine-certs-'));
  certs = await ensureTestCertificates(dir);
  spine = await startSpineServer({ certificates: certs });
}, 60_000);

afterAll(async () => {
  await spine?.close();
  rmSync(dir, { recursive: true, force: true });
});

function liveEnv(extra: Record<string, string> = {}) {
  return { ...liveEnvFor(spine, certs), ...extra };
}

/** Live configuration, signed in as the test clinician (a session made as the sign-in callback makes it). */
function liveBff(env: Record<string, string>, dispatcher?: Agent) {
  const config = loadConfig({
    PUBLIC_URL: 'https://viewer.test',
    OIDC_ISSUER: 'https://cis2.test',
    OIDC_CLIENT_ID: 'viewer',
    OIDC_CLIENT_SECRET: 'secret',
    ...env,
  });
  const services = createServices(config, {
    dispatcher: dispatcher ?? createTlsDispatcher(config.tls!),
    database: testDatabase(),
    logger: createLogger('silent'),
  });
  const app = createApp(services);
  const headers = signInAs(services);
  return { request: async (path: string) => app.request(path, { headers: await headers }) };
}

describe('live mode over mutual TLS', () => {
  it('serves over HTTPS at a real port', () => {
    expect(spine.origin).toMatch(/^https:\/\/localhost:\d+$/);
  });

  it("opens the rich patient's record: PDS, SDS and the SSP over the network", async () => {
    const app = liveBff(liveEnv());
    const health = await (await app.request('/api/health')).json();
    expect(health).toEqual({ status: 'ok', mode: 'live' });
    const response = await app.request('/api/patients/9658218873/record/SUM');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.html).toContain('<h1>Summary</h1>');
    // PDS, SDS for each interaction (R8), the R7 identity check at the practice, then the record.
    const calls = body.trace.map(
      (t: { service: string; status: number; interaction: string }) => `${t.service}:${t.status}${t.service === 'ssp' ? ` ${t.interaction}` : ''}`,
    );
    expect(calls[0]).toBe('pds:200');
    expect(calls.filter((c: string) => c.startsWith('sds')).every((c: string) => c === 'sds:200')).toBe(true);
    expect(calls.filter((c: string) => c.startsWith('ssp')).sort()).toEqual([
      'ssp:200 getcarerecord SUM',
      'ssp:200 read organisation',
      'ssp:200 read patient',
      'ssp:200 search patient',
    ]);
    expect(calls.at(-1)).toBe('ssp:200 getcarerecord SUM');
  });

  it('checks the patient with the practice over the network: STU3 search, read patient and read organisation', async () => {
    const response = await liveBff(liveEnv()).request('/api/patients/9690124609/gp-patient');
    const body = await response.json();
    expect(response.status, JSON.stringify(body).slice(0, 300)).toBe(200);
    expect(body.crossCheck.differences.map((d: { field: string }) => d.field)).toEqual(['family', 'birthDate']);
    expect(
      body.trace
        .filter((t: { service: string }) => t.service === 'ssp')
        .map((t: { interaction: string }) => t.interaction)
        .sort(),
    ).toEqual(['read organisation', 'read patient', 'search patient']);
  });

  it('the SSP refuses a consumer without a client certificate, and the proxy step is named', async () => {
    const noClientCertificate = new Agent({ connect: { ca: readFileSync(certs.caCert) } });
    const app = liveBff(liveEnv(), noClientCertificate);
    const response = await app.request('/api/patients/9658218873/record/SUM');
    expect(response.status).toBe(502);
    const problem = await response.json();
    expect(problem).toMatchObject({ code: 'SSP_REJECTED', step: 'ssp', upstreamStatus: 496 });
  });

  it('the BFF refuses a Spine whose server certificate it does not trust', async () => {
    const app = liveBff(liveEnv(), new Agent());
    const problem = await (await app.request('/api/patients/9658218873')).json();
    expect(problem).toMatchObject({ code: 'PDS_UNAVAILABLE', step: 'pds' });
  });

  it('the SSP refuses an ASID it does not know, over the network too', async () => {
    const app = liveBff(liveEnv({ CONSUMER_ASID: '999999999999' }));
    const problem = await (await app.request('/api/patients/9658218873/record/SUM')).json();
    expect(problem).toMatchObject({ code: 'SSP_NOT_AUTHORISED', step: 'ssp', upstreamStatus: 403, upstreamCode: 'ASID_CHECK_FAILED' });
  });
});
