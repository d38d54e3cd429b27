import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config';
import { SIMULATED_SPINE_ENV } from '../../mocks/config';

/** Mock mode as the Node entry starts it: the simulated Spine's addresses as defaults. */
const onSimulatedSpine = (env: Record<string, string> = {}) => loadConfig({ ...SIMULATED_SPINE_ENV, ...env });

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
  PUBLIC_URL: 'https://viewer.example.nhs.uk',
  OIDC_ISSUER: 'https://am.nhsidentity.spineservices.nhs.uk/openam/oauth2/realms/root/realms/oidc',
  OIDC_CLIENT_ID: 'viewer',
  OIDC_CLIENT_SECRET: 'secret',
};

describe('configuration', () => {
  it('defaults to mock mode on the simulated Spine, port 8080', () => {
    const config = onSimulatedSpine();
    expect(config).toMatchObject({ mode: 'mock', port: 8080, consumer: { asid: '200000000359' }, showCallDetail: true });
    expect(config.pdsBaseUrl).toContain('simulated-spine.test');
  });

  it('honours PORT', () => {
    expect(onSimulatedSpine({ PORT: '9123' }).port).toBe(9123);
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
      for (const name of [
        'PDS_BASE_URL',
        'SDS_BASE_URL',
        'SSP_BASE_URL',
        'SDS_API_KEY',
        'CONSUMER_ASID',
        'CONSUMER_ODS_CODE',
        'TLS_CLIENT_CERT',
        'TLS_CLIENT_KEY',
        'OIDC_ISSUER',
        'OIDC_CLIENT_ID',
        'OIDC_CLIENT_SECRET',
      ]) {
        expect(message).toContain(`${name}: is required`);
      }
    }
  });

  it('names a wrong value', () => {
    expect(() => loadConfig({ ...live, CONSUMER_ASID: '123' })).toThrow(/CONSUMER_ASID: must be a 12-digit ASID/);
    expect(() => loadConfig({ ...live, SSP_BASE_URL: 'http://proxy' })).toThrow(/SSP_BASE_URL/);
    expect(() => onSimulatedSpine({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => onSimulatedSpine({ SPINE_MODE: 'demo' })).toThrow(/SPINE_MODE/);
  });

  it('refuses AUTH_MODE=none on the live Spine: everyone signs in there', () => {
    expect(() => loadConfig({ ...live, AUTH_MODE: 'none' })).toThrow(/AUTH_MODE: none is refused on the live Spine/);
    expect(onSimulatedSpine({ AUTH_MODE: 'none' }).auth.mode).toBe('none');
  });

  it('signs in with the simulated CIS2 on the simulated Spine by default, with a 15-minute idle timeout', () => {
    expect(onSimulatedSpine({ PORT: '9000' }).auth).toMatchObject({ mode: 'oidc', issuer: 'http://localhost:9000/__simulated-cis2', idleMinutes: 15 });
    expect(loadConfig(live).auth).toMatchObject({ mode: 'oidc', issuer: live.OIDC_ISSUER, clientId: 'viewer' });
  });

  it('wants https for PUBLIC_URL on the live Spine, except on this machine', () => {
    expect(() => loadConfig({ ...live, PUBLIC_URL: 'http://viewer.example.nhs.uk' })).toThrow(/PUBLIC_URL: must be an https/);
    expect(loadConfig({ ...live, PUBLIC_URL: 'http://localhost:8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('R9: an ASID per requesting organisation, from configuration', () => {
    const config = loadConfig({ ...live, CONSUMER_ORGANISATIONS: 'RXX01=200000000123=Elsewhere NHS Trust;RYY02=200000000456=Somewhere Else' });
    expect(config.consumers).toEqual({
      GPC001: { odsCode: 'GPC001', asid: '200000000359', name: 'GP Connect Viewer' },
      RXX01: { odsCode: 'RXX01', asid: '200000000123', name: 'Elsewhere NHS Trust' },
      RYY02: { odsCode: 'RYY02', asid: '200000000456', name: 'Somewhere Else' },
    });
    expect(() => loadConfig({ ...live, CONSUMER_ORGANISATIONS: 'RXX01=123=x' })).toThrow(/CONSUMER_ORGANISATIONS/);
  });

  it('names a DATABASE_URL that is not a PostgreSQL connection string', () => {
    expect(() => onSimulatedSpine({ DATABASE_URL: 'mysql://db' })).toThrow(/DATABASE_URL: must be a postgres/);
  });
});

describe('configuration of SDS over LDAP (R33)', () => {
  const ldap = { ...live, SDS_MODE: 'ldap', SDS_LDAP_URL: 'ldaps://ldap.vn03.national.ncrs.nhs.uk:636' };

  it('reads SDS over FHIR unless SDS_MODE=ldap; with it, LDAPS with TLS_CA unless SDS_LDAP_CA names another, and timeouts', () => {
    expect(loadConfig(live).sdsLdap).toBeUndefined();
    expect(loadConfig({ ...ldap, TLS_CA: '/certs/ca.crt' }).sdsLdap).toEqual({
      url: ldap.SDS_LDAP_URL,
      caPath: '/certs/ca.crt',
      timeoutMs: 5000,
      connectTimeoutMs: 5000,
    });
    expect(loadConfig({ ...ldap, TLS_CA: '/certs/ca.crt', SDS_LDAP_CA: '/certs/sds-ca.crt', SDS_LDAP_TIMEOUT_MS: '2000' }).sdsLdap).toMatchObject({
      caPath: '/certs/sds-ca.crt',
      timeoutMs: 2000,
    });
  });

  it('names what is wrong: no URL, plain ldap://, an unknown mode, LDAP on the simulated Spine', () => {
    expect(() => loadConfig({ ...live, SDS_MODE: 'ldap' })).toThrow(/SDS_LDAP_URL: is required when SDS_MODE=ldap/);
    expect(() => loadConfig({ ...ldap, SDS_LDAP_URL: 'ldap://ldap.example:389' })).toThrow(/SDS_LDAP_URL: must be an ldaps:\/\/ URL/);
    expect(() => loadConfig({ ...live, SDS_MODE: 'dsml' })).toThrow(/SDS_MODE/);
    expect(() => onSimulatedSpine({ SDS_MODE: 'ldap' })).toThrow(/SDS_MODE: only fhir on the simulated Spine/);
    expect(onSimulatedSpine({ SDS_MODE: 'fhir' }).sdsLdap).toBeUndefined();
  });
});
