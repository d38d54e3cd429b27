/** The Spine clients, built once from configuration: PDS, SDS, the SSP and GP Connect through it. */
import type { Config } from '../config';
import type { Metrics } from '../metrics';
import { readLdapTlsFiles } from '../tls';
import { GpConnectClient } from './gpConnect';
import { PdsClient } from './pds';
import { SdsClient } from './sds';
import { SdsLdapClient } from './sdsLdap';
import type { SdsDirectory } from './sdsRoute';
import { SspClient } from './ssp';

export interface SpineClients {
  pds: PdsClient;
  /** SDS over FHIR (the default) or LDAP: one directory port. */
  sds: SdsDirectory;
  gpConnect: GpConnectClient;
}

/** `dispatcher`: the undici Agent with the client certificate (live mode); undefined on the simulated Spine. */
export function createSpineClients(config: Config, dispatcher?: unknown, metrics?: Metrics): SpineClients {
  const { retry, timeouts } = config;
  return {
    pds: new PdsClient({ baseUrl: config.pdsBaseUrl, timeoutMs: timeouts.pds, accessToken: config.pdsAccessToken, dispatcher, retry, metrics }),
    sds: config.sdsLdap
      ? new SdsLdapClient({
          url: config.sdsLdap.url,
          tls: readLdapTlsFiles(config.tls!, config.sdsLdap.caPath),
          timeoutMs: config.sdsLdap.timeoutMs,
          connectTimeoutMs: config.sdsLdap.connectTimeoutMs,
          metrics,
        })
      : new SdsClient({ baseUrl: config.sdsBaseUrl, apiKey: config.sdsApiKey, timeoutMs: timeouts.sds, dispatcher, retry, metrics }),
    gpConnect: new GpConnectClient(new SspClient({ baseUrl: config.sspBaseUrl, timeoutMs: timeouts.ssp, dispatcher, retry, metrics }), config.consumer.iss),
  };
}
