/**
 * SDS over LDAP (R33), a second adapter behind the SdsDirectory port (docs/decisions/012-sds-over-ldap.md).
 * GP Connect 1.6: integration_spine_directory_service: the MHS lookup (ODS code and interaction) gives
 * the endpoint and its party key, then the AS lookup (ODS code and party key) gives the ASID; the same
 * chooseRoute as SDS FHIR decides. LDAPS with mutual TLS, the server's certificate verified; every
 * value checked against an allow-list before any connection, and sent in filter objects, never in filter text.
 */
import type { ConnectionOptions } from 'node:tls';
import { AndFilter, Client, EqualityFilter, ResultCodeError, type ClientOptions, type Entry } from 'ldapts';
import type { Config } from '../config';
import type { RequestContext } from '../context';
import { readLdapTlsFiles } from '../tls';
import type { Metrics } from '../metrics';
import { AppError } from '../problem';
import { FOUNDATIONS } from './foundations';
import { GETCARERECORD_INTERACTION, GETSTRUCTUREDRECORD_INTERACTION } from './gpConnect';
import { chooseRoute, type ProviderRoute, type SdsDevice, type SdsDirectory, type SdsEndpoint } from './sdsRoute';

/** nhsIDCode is caseExactMatch and SDS holds ODS codes in upper case (as PDS gives them). */
const ODS_CODE = /^[0-9A-Z]{3,10}$/;
/** A party key as SDS holds it: the ODS code, a hyphen and digits (e.g. A20047-821870). */
const PARTY_KEY = /^[0-9A-Z]+-[0-9]+$/;
/** The interactions this viewer makes (GP Connect 1.6: integration_interaction_ids): nothing else is looked up. */
const KNOWN_INTERACTIONS: ReadonlySet<string> = new Set([GETCARERECORD_INTERACTION, GETSTRUCTUREDRECORD_INTERACTION, ...Object.values(FOUNDATIONS)]);

const SERVICES_BASE = 'ou=services,o=nhs';

/** What a lookup needs of an LDAP client (ldapts' Client). */
export type LdapSearcher = Pick<Client, 'search' | 'unbind'>;

export interface SdsLdapClientOptions {
  /** ldaps://host:port */
  url: string;
  /** The client certificate and key, and the CA that signed SDS's server certificate (the system's CAs when absent). */
  tls: { cert: string | Buffer; key: string | Buffer; ca?: string | Buffer };
  timeoutMs: number;
  connectTimeoutMs: number;
  metrics?: Metrics;
  /** How a connection is made: ldapts' Client unless a test watches. */
  createClient?: (options: ClientOptions) => LdapSearcher;
}

type Attributes = Map<string, string[]>;

/** ldapts keys attributes by the server's spelling (nhsMHSEndPoint) and gives one value as a string: lower-case keys, always arrays. */
function attributesOf(entry: Entry): Attributes {
  const attributes: Attributes = new Map();
  for (const [name, value] of Object.entries(entry)) {
    if (name === 'dn') continue;
    const values = Array.isArray(value) ? value : [value];
    attributes.set(
      name.toLowerCase(),
      values.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : v)),
    );
  }
  return attributes;
}

const first = (attributes: Attributes, name: string) => attributes.get(name.toLowerCase())?.[0];

/** `(&(nhsIDCode=…)(objectClass=…)(attribute=value))` as filter objects: values travel as BER octet strings. */
function lookupFilter(odsCode: string, objectClass: 'nhsMhs' | 'nhsAs', attribute: string, value: string) {
  return new AndFilter({
    filters: [
      new EqualityFilter({ attribute: 'nhsIDCode', value: odsCode }),
      new EqualityFilter({ attribute: 'objectClass', value: objectClass }),
      new EqualityFilter({ attribute, value }),
    ],
  });
}

export class SdsLdapClient implements SdsDirectory {
  readonly callNames = ['SDS LDAP MHS search', 'SDS LDAP AS search'] as const;

  constructor(private readonly options: SdsLdapClientOptions) {}

  async lookupRoute(odsCode: string, interactionId: string, ctx: RequestContext): Promise<ProviderRoute> {
    const ods = odsCode.toUpperCase();
    if (!ODS_CODE.test(ods)) throw new AppError('INVALID_ODS_CODE', { step: 'sds', detail: 'An ODS code has 3 to 10 letters and digits' });
    if (!KNOWN_INTERACTIONS.has(interactionId)) {
      throw new AppError('INTERNAL_ERROR', { step: 'sds', detail: `SDS is not asked about interaction ${interactionId}: this viewer does not make it` });
    }
    const { options } = this;
    const client = (options.createClient ?? ((o) => new Client(o)))({
      url: options.url,
      timeout: options.timeoutMs,
      connectTimeout: options.connectTimeoutMs,
      // rejectUnauthorized stays on: SDS's server certificate is checked against the CA.
      tlsOptions: { ...options.tls, minVersion: 'TLSv1.2' } satisfies ConnectionOptions,
    });
    try {
      // No bind: anonymous, as GP Connect's examples search SDS.
      const mhsRecords = await this.search(client, ctx, this.callNames[0], lookupFilter(ods, 'nhsMhs', 'nhsMhsSvcIA', interactionId), [
        'nhsMhsEndPoint',
        'nhsMhsPartyKey',
      ]);
      // nhsMhsEndPoint is multi-valued: each value is an address, and several are ambiguous (chooseRoute).
      const endpoints: SdsEndpoint[] = mhsRecords.flatMap((mhs) =>
        (mhs.get('nhsmhsendpoint') ?? []).map((address) => ({ address, partyKey: first(mhs, 'nhsMhsPartyKey') })),
      );
      const devices: SdsDevice[] = [];
      for (const partyKey of new Set(endpoints.map((e) => e.partyKey))) {
        if (!partyKey || !PARTY_KEY.test(partyKey)) {
          throw new AppError('UPSTREAM_MALFORMED', {
            step: 'sds',
            detail: `SDS holds an MHS record for practice ${ods} without a party key in the expected form`,
          });
        }
        const asRecords = await this.search(client, ctx, this.callNames[1], lookupFilter(ods, 'nhsAs', 'nhsMhsPartyKey', partyKey), [
          'uniqueIdentifier',
          'nhsMhsPartyKey',
        ]);
        // The ASID stays a string: leading zeros matter.
        devices.push(...asRecords.map((as) => ({ asid: first(as, 'uniqueIdentifier'), partyKey: first(as, 'nhsMhsPartyKey') })));
      }
      return chooseRoute(ods, interactionId, endpoints, devices);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  /** One search, recorded in the trace; any failure is SDS_UNAVAILABLE naming why, never "not GP Connect". */
  private async search(client: LdapSearcher, ctx: RequestContext, interaction: string, filter: AndFilter, attributes: string[]): Promise<Attributes[]> {
    const started = performance.now();
    const finish = (status: number | null, error?: string) => {
      const ms = performance.now() - started;
      ctx.trace.record({ service: 'sds', interaction, status, ms, ...(error ? { error } : {}) });
      this.options.metrics?.spineCall('sds', status, ms / 1000, 1);
    };
    try {
      const { searchEntries } = await client.search(SERVICES_BASE, { scope: 'sub', filter, attributes });
      // Status: the LDAP result code, 0 for success.
      finish(0);
      return searchEntries.map(attributesOf);
    } catch (error) {
      const failure = this.describe(error);
      finish(failure.status, failure.traceError);
      throw new AppError('SDS_UNAVAILABLE', { step: 'sds', detail: `SDS LDAP ${failure.reason}` });
    }
  }

  private describe(error: unknown): { status: number | null; traceError: string; reason: string } {
    if (error instanceof ResultCodeError)
      return { status: error.code, traceError: 'ldap-error', reason: `answered with result code ${error.code}: ${error.message}` };
    const message = error instanceof Error ? error.message.replace(/\s*\n\s*/g, ': ') : String(error);
    const code = (error as { code?: string } | undefined)?.code;
    if (message === 'Connection timeout') return { status: null, traceError: 'timeout', reason: `did not connect within ${this.options.connectTimeoutMs} ms` };
    if (/Operation timed out/.test(message)) return { status: null, traceError: 'timeout', reason: `gave no answer within ${this.options.timeoutMs} ms` };
    // An LDAPS server checks the client certificate after the handshake and, refusing it, just closes (slapd does).
    if (/^Connection closed before message response/.test(message)) {
      return {
        status: null,
        traceError: 'unreachable',
        reason: 'closed the connection without an answer after the TLS handshake: it refuses this client certificate, or is stopping',
      };
    }
    return { status: null, traceError: 'unreachable', reason: `could not be reached (${code ? `${code} ` : ''}${message})` };
  }
}

/** The LDAP directory the configuration asks for (SDS_MODE=ldap), its TLS files read once; undefined otherwise. */
export function sdsLdapClientFor(config: Config, metrics?: Metrics): SdsLdapClient | undefined {
  if (!config.sdsLdap) return undefined;
  return new SdsLdapClient({
    url: config.sdsLdap.url,
    tls: readLdapTlsFiles(config.tls!, config.sdsLdap.caPath),
    timeoutMs: config.sdsLdap.timeoutMs,
    connectTimeoutMs: config.sdsLdap.connectTimeoutMs,
    metrics,
  });
}
