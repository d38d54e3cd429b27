/** The Spine clients, built once from configuration: PDS, SDS, the SSP and GP Connect through it. */
import type { Config } from '../config';
import type { Metrics } from '../metrics';
import { GpConnectClient } from './gpConnect';
import { PdsClient } from './pds';
import { SdsClient } from './sds';
import type { SdsDirectory } from './sdsRoute';
import { SspClient } from './ssp';

export interface SpineClients {
  pds: PdsClient;
  /** SDS over FHIR (the default) or LDAP: one directory port. */
  sds: SdsDirectory;
  gpConnect: GpConnectClient;
}

/**
 * `dispatcher`: the undici Agent with the client certificate (live mode); undefined on the simulated Spine.
 * `directory`: SDS over LDAP, built by the Node entry (src/server/node.ts) when SDS_MODE=ldap; it is
 * not built here, so the static demo, which runs this in a browser, never bundles an LDAP client.
 */
export function createSpineClients(config: Config, dispatcher?: unknown, metrics?: Metrics, directory?: SdsDirectory): SpineClients {
  const { retry, timeouts } = config;
  if (config.sdsLdap && !directory) throw new Error('SDS_MODE=ldap: the LDAP directory is built at start-up (src/server/node.ts) and must be passed in');
  return {
    pds: new PdsClient({ baseUrl: config.pdsBaseUrl, timeoutMs: timeouts.pds, accessToken: config.pdsAccessToken, dispatcher, retry, metrics }),
    sds: directory ?? new SdsClient({ baseUrl: config.sdsBaseUrl, apiKey: config.sdsApiKey, timeoutMs: timeouts.sds, dispatcher, retry, metrics }),
    gpConnect: new GpConnectClient(new SspClient({ baseUrl: config.sspBaseUrl, timeoutMs: timeouts.ssp, dispatcher, retry, metrics }), config.consumer.iss),
  };
}
