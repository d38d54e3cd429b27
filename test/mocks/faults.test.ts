/**
 * Latency and fault injection on the simulated Spine, seen through the BFF: each fault ends in
 * the clear error a real failure of that service would give.
 */
import { describe, expect, it } from 'vitest';
import { controlFromEnv } from '../../mocks/control';
import { handleControlRequest } from '../../mocks/control-api';
import { world } from '../../mocks/world';
import { createTestBff } from '../support/bff';
import { setUpSimulatedSpine } from '../support/spine';

const { control } = setUpSimulatedSpine();

async function answer(path: string, env: Record<string, string> = {}) {
  const response = await createTestBff(env).app.request(path);
  return { status: response.status, body: await response.json() };
}

describe('faults per service', () => {
  it.each([
    ['pds', 'error-5xx', 'PDS_UNAVAILABLE', 'pds'],
    ['pds', 'reset', 'PDS_UNAVAILABLE', 'pds'],
    ['pds', 'malformed', 'UPSTREAM_MALFORMED', 'pds'],
    ['sds', 'error-5xx', 'SDS_UNAVAILABLE', 'sds'],
    ['sds', 'malformed', 'UPSTREAM_MALFORMED', 'sds'],
    ['ssp', 'error-5xx', 'GP_SYSTEM_UNREACHABLE', 'ssp'],
    ['ssp', 'reset', 'GP_SYSTEM_UNREACHABLE', 'ssp'],
    ['gp', 'error-5xx', 'GP_SYSTEM_ERROR', 'provider'],
    ['gp:A20047', 'malformed', 'UPSTREAM_MALFORMED', 'provider'],
  ])('%s %s → %s at the %s step', async (service, fault, code, step) => {
    control.state.faults[service] = fault as never;
    const { body } = await answer('/api/patients/9658218873/record/SUM');
    expect(body).toMatchObject({ code, step });
  });

  it('a fault on one practice leaves the others working', async () => {
    control.state.faults['gp:A20047'] = 'error-5xx';
    expect((await answer('/api/patients/9658219691/record/SUM')).status).toBe(200);
  });

  it('PDS that never answers: the BFF gives up after its timeout', async () => {
    control.state.faults.pds = 'timeout';
    const { status, body } = await answer('/api/patients/9658218873', { PDS_TIMEOUT_MS: '100' });
    expect(status).toBe(502);
    expect(body).toMatchObject({ code: 'PDS_UNAVAILABLE', detail: 'PDS no answer within 100 ms' });
  });

  it('a GP system that never answers: the SSP answers 504 itself after its gateway timeout', async () => {
    control.state.faults.gp = 'timeout';
    control.state.sspGatewayTimeoutMs = 50;
    const { status, body } = await answer('/api/patients/9658218873/record/SUM');
    expect(status).toBe(504);
    expect(body).toMatchObject({ code: 'GP_SYSTEM_TIMEOUT', step: 'ssp', upstreamStatus: 504 });
  });

  it('latency is added per service and per GP system', async () => {
    control.state.latencyMs = { pds: 30, sds: 20, gp: 60 };
    const { body } = await answer('/api/patients/9658218873/record/SUM');
    const ms = Object.fromEntries(body.trace.map((t: { service: string; ms: number }) => [t.service, t.ms]));
    expect(ms.pds).toBeGreaterThanOrEqual(29);
    expect(ms.sds).toBeGreaterThanOrEqual(19);
    expect(ms.ssp).toBeGreaterThanOrEqual(59);
  });

  it('"slow" makes a service much slower than its latency', () => {
    control.state.latencyMs = { sds: 60 };
    control.state.faults.sds = 'slow';
    expect(control.latency('sds')).toBeGreaterThanOrEqual(3000);
  });
});

describe('configuration of the dials', () => {
  it('is realistic by default and zero on request', () => {
    expect(controlFromEnv({}).state.latencyMs).toEqual({ pds: 120, sds: 60, ssp: 15, gp: 400 });
    expect(controlFromEnv({ MOCK_LATENCY: 'none' }).state.latencyMs).toEqual({});
  });
  it('reads per-service latency and faults', () => {
    const c = controlFromEnv({ MOCK_LATENCY: 'pds=50,sds=30,gp=150,gp:A20047=900', MOCK_FAULTS: 'ssp=reset,gp:B82617=timeout' });
    expect(c.latency('gp:A20047')).toBe(900);
    expect(c.latency('gp:B82617')).toBe(150);
    expect(c.fault('gp:B82617')).toBe('timeout');
    expect(c.fault('ssp')).toBe('reset');
  });
  it('names a wrong setting', () => {
    expect(() => controlFromEnv({ MOCK_FAULTS: 'pds=explode' })).toThrow(/faults\.pds: Invalid option/);
    expect(() => controlFromEnv({ MOCK_FAULTS: 'xyz=timeout' })).toThrow(/faults.xyz: services must be pds, sds, ssp, gp or gp:ODSCODE/);
    expect(() => controlFromEnv({ MOCK_LATENCY: 'pds' })).toThrow(/not key=value/);
  });
});

describe('control API', () => {
  const url = 'http://localhost/__simulated-spine';
  it('reads and replaces the dials, refusing bad ones', async () => {
    const read = await (await handleControlRequest(new Request(`${url}/control`), control, world)).json();
    expect(read.services).toEqual(expect.arrayContaining(['pds', 'sds', 'ssp', 'gp', 'gp:A20047', 'gp:B82617']));
    const put = (body: unknown) => handleControlRequest(new Request(`${url}/control`, { method: 'PUT', body: JSON.stringify(body) }), control, world);
    expect((await put({ latencyMs: { pds: 10 }, faults: { ssp: 'reset' }, sspGatewayTimeoutMs: 5000 })).status).toBe(200);
    expect(control.fault('ssp')).toBe('reset');
    expect((await put({ latencyMs: { pds: -1 }, faults: {}, sspGatewayTimeoutMs: 5000 })).status).toBe(400);
    expect(control.fault('ssp')).toBe('reset');
  });
  it('lists the test patients', async () => {
    const list = await (await handleControlRequest(new Request(`${url}/patients`), control, world)).json();
    expect(list).toContainEqual(
      expect.objectContaining({ nhsNumber: '9658218873', scenario: 'normal', practice: expect.objectContaining({ odsCode: 'A20047' }) }),
    );
  });
});
