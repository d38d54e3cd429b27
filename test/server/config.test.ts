import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config';

const live = {
  SPINE_MODE: 'live',
  PDS_BASE_URL: 'https://int.api.service.nhs.uk/personal-demographics/FHIR/R4',
  SDS_BASE_URL: 'https://int.api.service.nhs.uk/spine-directory/FHIR/R4',
  SSP_BASE_URL: 'https://proxy.int.spine2.ncrs.nhs.uk',
  SDS_API_KEY: 'key',
  PDS_ACCESS_TOKEN: 'token',
  CONSUMER_ASID: '200000000359',
  CONSUMER_ODS_CODE: 'GPC001',
  TLS_CLIENT_CERT: '/certs/client.crt',
  TLS_CLIENT_KEY: '/certs/client.key',
};

describe('configuration', () => {
  it('defaults to mock mode on the simulated Spine, port 8080', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'mock', port: 8080, consumer: { asid: '200000000359' }, showCallDetail: true });
    expect(config.pdsBaseUrl).toContain('simulated-spine.test');
  });

  it('honours PORT', () => {
    expect(loadConfig({ PORT: '9123' }).port).toBe(9123);
  });

  it('accepts a complete live configuration', () => {
    expect(loadConfig(live)).toMatchObject({ mode: 'live', tls: { certPath: '/certs/client.crt' }, showCallDetail: false });
  });

  it('names every missing live setting', () => {
    expect(() => loadConfig({ SPINE_MODE: 'live' })).toThrow(ConfigError);
    try {
      loadConfig({ SPINE_MODE: 'live' });
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PDS_BASE_URL', 'SDS_BASE_URL', 'SSP_BASE_URL', 'SDS_API_KEY', 'CONSUMER_ASID', 'CONSUMER_ODS_CODE', 'TLS_CLIENT_CERT', 'TLS_CLIENT_KEY']) {
        expect(message).toContain(`${name}: is required`);
      }
    }
  });

  it('names a wrong value', () => {
    expect(() => loadConfig({ ...live, CONSUMER_ASID: '123' })).toThrow(/CONSUMER_ASID: must be a 12-digit ASID/);
    expect(() => loadConfig({ ...live, SSP_BASE_URL: 'http://proxy' })).toThrow(/SSP_BASE_URL/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ SPINE_MODE: 'demo' })).toThrow(/SPINE_MODE/);
  });
});
