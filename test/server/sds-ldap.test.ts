/**
 * R33: SDS over LDAP, against a real OpenLDAP slapd over LDAPS with client certificates
 * (test/support/slapd.ts), its data made from the same world as the simulated SDS FHIR API
 * (mocks/ldap/ldif.ts): both ways give the same route, and every failure is named, never a guess.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, EqualityFilter, type ClientOptions } from 'ldapts';
import { sdsLdif, type AsRecord, type MhsRecord } from '../../mocks/ldap/ldif';
import { SIMULATED_SPINE } from '../../mocks/config';
import { world } from '../../mocks/world';
import { loadConfig } from '../../src/server/config';
import { AppError } from '../../src/server/problem';
import { createSpineClients } from '../../src/server/spine/clients';
import { FOUNDATIONS } from '../../src/server/spine/foundations';
import { GETCARERECORD_INTERACTION } from '../../src/server/spine/gpConnect';
import { SdsClient } from '../../src/server/spine/sds';
import { SdsLdapClient, sdsLdapClientFor, type SdsLdapClientOptions } from '../../src/server/spine/sdsLdap';
import type { SdsDirectory } from '../../src/server/spine/sdsRoute';
import { CallTrace } from '../../src/server/spine/trace';
import { ReadThroughCache } from '../../src/server/cache';
import { routeFor } from '../../src/server/flows/routing';
import type { Services } from '../../src/server/services';
import type { ProviderRoute } from '../../src/server/spine/sdsRoute';
import { startSlapd, type RunningSlapd } from '../support/slapd';
import { setUpSimulatedSpine } from '../support/spine';

const INTERACTIONS = [GETCARERECORD_INTERACTION, ...Object.values(FOUNDATIONS)];
const ACCESS_RECORD = GETCARERECORD_INTERACTION;

/** Cases the world does not hold, added to the directory only. */
const mhs = (odsCode: string, id: string, partyKey: string, endpoints: string[]): MhsRecord => ({
  id,
  odsCode,
  partyKey,
  interaction: ACCESS_RECORD,
  endpoints,
  cpaId: `S${id}`,
});
const as = (odsCode: string, asid: string, partyKey: string): AsRecord => ({ asid, odsCode, partyKey, interactions: INTERACTIONS });
const EXTRA = {
  mhs: [
    // Two MHS entries for one interaction.
    mhs('K83001', 'K83001-1-MHS', 'K83001-1', ['https://gp-system-a.simulated-spine.test/K83001/DSTU2/0/gpconnect']),
    mhs('K83001', 'K83001-2-MHS', 'K83001-1', ['https://gp-system-b.simulated-spine.test/K83001/DSTU2/0/gpconnect']),
    // One entry with two endpoint values.
    mhs('L84002', 'L84002-1-MHS', 'L84002-1', [
      'https://gp-system-a.simulated-spine.test/L84002/DSTU2/0/gpconnect',
      'https://gp-system-b.simulated-spine.test/L84002',
    ]),
    // An ASID with leading zeros.
    mhs('N86004', 'N86004-1-MHS', 'N86004-1', ['https://gp-system-a.simulated-spine.test/N86004/DSTU2/0/gpconnect']),
    // Stored in lower case: nhsIDCode is caseExactMatch.
    mhs('m85003', 'M85003-1-MHS', 'M85003-1', ['https://gp-system-a.simulated-spine.test/M85003/DSTU2/0/gpconnect']),
  ],
  as: [
    as('K83001', '918999300001', 'K83001-1'),
    as('L84002', '918999300002', 'L84002-1'),
    as('m85003', '918999300003', 'M85003-1'),
    as('N86004', '000428682512', 'N86004-1'),
  ],
};

let slapd: RunningSlapd;
beforeAll(async () => {
  slapd = await startSlapd(sdsLdif(world, EXTRA));
}, 60_000);
afterAll(() => slapd?.remove());
setUpSimulatedSpine();

function ldapClient(overrides: Partial<SdsLdapClientOptions> = {}): SdsLdapClient {
  return new SdsLdapClient({ url: slapd.url, tls: slapd.clientTls(), timeoutMs: 2000, connectTimeoutMs: 2000, ...overrides });
}

const fhirClient = () => new SdsClient({ baseUrl: SIMULATED_SPINE.sdsBaseUrl, apiKey: SIMULATED_SPINE.sdsApiKey, timeoutMs: 5000 });

/** The route, or the error's code and detail. */
async function outcome(directory: SdsDirectory, odsCode: string, interactionId: string, trace = new CallTrace()) {
  try {
    return { route: await directory.lookupRoute(odsCode, interactionId, { trace }) };
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, detail: error.details.detail };
    throw error;
  }
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

describe('SDS over LDAP gives what SDS FHIR gives, for every practice of the world (R33)', () => {
  it.each(world.practices.map((p) => p.odsCode))('%s: the same endpoint, party key and ASID (or the same refusal) for each interaction', async (odsCode) => {
    const ldap = ldapClient();
    const fhir = fhirClient();
    for (const interaction of INTERACTIONS) {
      const [byLdap, byFhir] = await Promise.all([outcome(ldap, odsCode, interaction), outcome(fhir, odsCode, interaction)]);
      expect(byLdap.route ?? byLdap.code, `${odsCode} ${interaction}`).toEqual(byFhir.route ?? byFhir.code);
    }
  });

  it('a supplier move (H81010): the AS record whose party key matches the endpoint, not the old system', async () => {
    const practice = world.practice('H81010')!.gpConnect!;
    const trace = new CallTrace();
    const { route } = await outcome(ldapClient(), 'H81010', ACCESS_RECORD, trace);
    expect(route).toEqual({ odsCode: 'H81010', rootUrl: practice.dstu2RootUrl, asid: practice.asid, partyKey: practice.partyKey });
    expect(practice.otherAsRecords![0].asid).not.toBe(practice.asid);
    expect(trace.entries.map((e) => [e.service, e.interaction, e.status])).toEqual([
      ['sds', 'SDS LDAP MHS search', 0],
      ['sds', 'SDS LDAP AS search', 0],
    ]);
  });

  it('two AS records with one party key (J82020) are SDS_AMBIGUOUS; no entry (Y01234) is PRACTICE_NOT_GP_CONNECT', async () => {
    expect((await outcome(ldapClient(), 'J82020', ACCESS_RECORD)).code).toBe('SDS_AMBIGUOUS');
    const trace = new CallTrace();
    expect((await outcome(ldapClient(), 'Y01234', ACCESS_RECORD, trace)).code).toBe('PRACTICE_NOT_GP_CONNECT');
    // No MHS record: no AS lookup.
    expect(trace.entries.map((e) => e.interaction)).toEqual(['SDS LDAP MHS search']);
  });

  it('is what the Node start-up builds in live mode with SDS_MODE=ldap, from the TLS files the configuration names; without it the clients refuse to start', async () => {
    const config = loadConfig({
      SPINE_MODE: 'live',
      PDS_BASE_URL: 'https://pds.example.test',
      SDS_BASE_URL: 'https://sds.example.test',
      SSP_BASE_URL: 'https://ssp.example.test',
      SDS_API_KEY: 'key',
      PDS_ACCESS_TOKEN: 'token',
      CONSUMER_ASID: '200000000359',
      CONSUMER_ODS_CODE: 'GPC001',
      TLS_CLIENT_CERT: slapd.certs.clientCert,
      TLS_CLIENT_KEY: slapd.certs.clientKey,
      TLS_CA: slapd.certs.caCert,
      OIDC_ISSUER: 'https://cis2.example.test',
      OIDC_CLIENT_ID: 'viewer',
      OIDC_CLIENT_SECRET: 'secret',
      SDS_MODE: 'ldap',
      SDS_LDAP_URL: slapd.url,
    });
    expect(() => createSpineClients(config)).toThrow(/SDS_MODE=ldap/);
    const { sds } = createSpineClients(config, undefined, undefined, sdsLdapClientFor(config));
    expect(sds).toBeInstanceOf(SdsLdapClient);
    expect((await outcome(sds, 'A20047', ACCESS_RECORD)).route?.asid).toBe(world.practice('A20047')!.gpConnect!.asid);
  });
});

describe('SDS over LDAP is cached as SDS FHIR is (R33)', () => {
  it('a second lookup for the practice and interaction is a cache hit under the LDAP calls own names, with no query', async () => {
    const client = ldapClient();
    const services = { caches: { sdsRoutes: new ReadThroughCache<ProviderRoute>('sds-routes', 900, 100) }, spine: { sds: client } } as unknown as Services;
    const first = new CallTrace();
    await routeFor(services, { trace: first }, 'A20047', ACCESS_RECORD);
    expect(first.entries.map((e) => [e.interaction, e.cache])).toEqual([
      ['SDS LDAP MHS search', 'miss'],
      ['SDS LDAP AS search', 'miss'],
    ]);
    const second = new CallTrace();
    const route = await routeFor(services, { trace: second }, 'A20047', ACCESS_RECORD);
    expect(route.asid).toBe(world.practice('A20047')!.gpConnect!.asid);
    expect(second.entries.map((e) => [e.interaction, e.cache])).toEqual([
      ['SDS LDAP MHS search', 'hit'],
      ['SDS LDAP AS search', 'hit'],
    ]);
  });
});

describe('SDS over LDAP: failures are named, never a guess (R33)', () => {
  it('no entry for an ODS code is PRACTICE_NOT_GP_CONNECT', async () => {
    expect(await outcome(ldapClient(), 'Z99999', ACCESS_RECORD)).toMatchObject({ code: 'PRACTICE_NOT_GP_CONNECT' });
  });

  it('two MHS entries for one interaction are SDS_AMBIGUOUS', async () => {
    expect(await outcome(ldapClient(), 'K83001', ACCESS_RECORD)).toMatchObject({
      code: 'SDS_AMBIGUOUS',
      detail: expect.stringContaining('2 endpoint addresses'),
    });
  });

  it('an MHS entry with two endpoint values is SDS_AMBIGUOUS', async () => {
    expect(await outcome(ldapClient(), 'L84002', ACCESS_RECORD)).toMatchObject({
      code: 'SDS_AMBIGUOUS',
      detail: expect.stringContaining('2 endpoint addresses'),
    });
  });

  it('keeps an ASID with leading zeros as SDS holds it', async () => {
    expect((await outcome(ldapClient(), 'N86004', ACCESS_RECORD)).route?.asid).toBe('000428682512');
  });

  it('a lower-case ODS code is upper-cased and found; an entry SDS holds in lower case is not matched (nhsIDCode is caseExactMatch)', async () => {
    const { route } = await outcome(ldapClient(), 'a20047', ACCESS_RECORD);
    expect(route).toMatchObject({ odsCode: 'A20047', asid: world.practice('A20047')!.gpConnect!.asid });
    expect(await outcome(ldapClient(), 'm85003', ACCESS_RECORD)).toMatchObject({ code: 'PRACTICE_NOT_GP_CONNECT' });
    // The entry is there, found by its exact (lower-case) spelling only.
    const direct = new Client({ url: slapd.url, tlsOptions: slapd.clientTls(), timeout: 2000, connectTimeout: 2000 });
    try {
      const count = async (value: string) =>
        (await direct.search('ou=services,o=nhs', { filter: new EqualityFilter({ attribute: 'nhsIDCode', value }), attributes: ['dn'] })).searchEntries.length;
      expect(await count('m85003')).toBe(2);
      expect(await count('M85003')).toBe(0);
    } finally {
      await direct.unbind();
    }
  });

  it('an injection attempt in an ODS code, or an interaction this viewer does not make, is refused before any connection', async () => {
    const made: ClientOptions[] = [];
    const watched = ldapClient({ createClient: (options) => (made.push(options), new Client(options)) });
    const trace = new CallTrace();
    for (const odsCode of ['A20047)(objectClass=*', 'A20047*', '*', 'A20047\u0000', 'A2', 'A20047 ']) {
      expect(await outcome(watched, odsCode, ACCESS_RECORD, trace), JSON.stringify(odsCode)).toMatchObject({ code: 'INVALID_ODS_CODE' });
    }
    expect(await outcome(watched, 'A20047', `${ACCESS_RECORD})(objectClass=*`, trace)).toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(made).toEqual([]);
    expect(trace.entries).toEqual([]);
    // The same client does connect for a valid code: the spy watches the only way in.
    expect((await outcome(watched, 'A20047', ACCESS_RECORD)).route).toBeDefined();
    expect(made).toHaveLength(1);
  });

  it('a client certificate no CA signed is refused: SDS_UNAVAILABLE naming the TLS failure', async () => {
    const trace = new CallTrace();
    const result = await outcome(ldapClient({ tls: slapd.clientTls('wrong') }), 'A20047', ACCESS_RECORD, trace);
    expect(result).toMatchObject({ code: 'SDS_UNAVAILABLE', detail: expect.stringContaining('it refuses this client certificate') });
    expect(trace.entries).toMatchObject([{ service: 'sds', interaction: 'SDS LDAP MHS search', status: null, error: 'unreachable' }]);
  });

  it('no client certificate is refused: SDS_UNAVAILABLE', async () => {
    const { ca } = slapd.clientTls();
    const result = await outcome(ldapClient({ tls: { ca } as SdsLdapClientOptions['tls'] }), 'A20047', ACCESS_RECORD);
    expect(result).toMatchObject({ code: 'SDS_UNAVAILABLE', detail: expect.stringContaining('it refuses this client certificate') });
  });

  it("the server's certificate is verified: without the CA that signed it, SDS_UNAVAILABLE", async () => {
    const { cert, key } = slapd.clientTls();
    const result = await outcome(ldapClient({ tls: { cert, key } }), 'A20047', ACCESS_RECORD);
    expect(result).toMatchObject({ code: 'SDS_UNAVAILABLE', detail: expect.stringContaining('SELF_SIGNED_CERT_IN_CHAIN') });
  });

  it('a stalled server (SIGSTOP) is a timeout within the configured time, not a hang', async () => {
    const trace = new CallTrace();
    slapd.pause();
    try {
      const { result, ms } = await timed(() => outcome(ldapClient({ connectTimeoutMs: 500, timeoutMs: 500 }), 'A20047', ACCESS_RECORD, trace));
      expect(result).toMatchObject({ code: 'SDS_UNAVAILABLE', detail: 'SDS LDAP did not connect within 500 ms' });
      expect(ms).toBeLessThan(1500);
      expect(trace.entries).toMatchObject([{ interaction: 'SDS LDAP MHS search', status: null, error: 'timeout' }]);
    } finally {
      slapd.resume();
    }
    // Awake again, it answers.
    expect((await outcome(ldapClient(), 'A20047', ACCESS_RECORD)).route).toBeDefined();
  });

  it('a server that stalls after the connection is made is a search timeout within the configured time', async () => {
    // Connected (an anonymous bind answered), then stopped by SIGSTOP just before the search.
    const stallingAfterConnect = (options: ClientOptions) => {
      const client = new Client(options);
      return {
        search: async (...args: Parameters<Client['search']>) => {
          await client.bind('', '');
          slapd.pause();
          return client.search(...args);
        },
        unbind: () => client.unbind(),
      };
    };
    const trace = new CallTrace();
    try {
      const { result, ms } = await timed(() =>
        outcome(ldapClient({ connectTimeoutMs: 5000, timeoutMs: 500, createClient: stallingAfterConnect }), 'A20047', ACCESS_RECORD, trace),
      );
      expect(result).toMatchObject({ code: 'SDS_UNAVAILABLE', detail: 'SDS LDAP gave no answer within 500 ms' });
      expect(ms).toBeLessThan(1500);
      expect(trace.entries).toMatchObject([{ interaction: 'SDS LDAP MHS search', status: null, error: 'timeout' }]);
    } finally {
      slapd.resume();
    }
  });

  it('a stopped server is SDS_UNAVAILABLE at once (connection refused)', async () => {
    await slapd.stop();
    try {
      const { result, ms } = await timed(() => outcome(ldapClient(), 'A20047', ACCESS_RECORD));
      expect(result).toMatchObject({ code: 'SDS_UNAVAILABLE', detail: expect.stringContaining('ECONNREFUSED') });
      expect(ms).toBeLessThan(1000);
    } finally {
      await slapd.start();
    }
  }, 20_000);
});
