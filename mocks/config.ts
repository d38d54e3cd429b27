/**
 * Where the simulated Spine lives, and who it trusts. The BFF's mock-mode defaults point here.
 * Hosts under .test never resolve on a real network (RFC 2606), so nothing can leak out.
 */
export interface SimulatedSpine {
  pdsBaseUrl: string;
  sdsBaseUrl: string;
  sspBaseUrl: string;
  sdsApiKey: string;
  consumers: readonly { odsCode: string; asid: string }[];
}

export const SIMULATED_SPINE: SimulatedSpine = {
  pdsBaseUrl: 'https://pds.simulated-spine.test/personal-demographics/FHIR/R4',
  sdsBaseUrl: 'https://sds.simulated-spine.test/spine-directory/FHIR/R4',
  sspBaseUrl: 'https://ssp.simulated-spine.test',
  sdsApiKey: 'simulated-sds-api-key',
  /** Consumer ASIDs the SSP knows as registered senders, by requesting organisation ODS code. */
  consumers: [{ odsCode: 'GPC001', asid: '200000000359' }],
};

/** The simulated NHS CIS2 (OpenID Connect provider) served beside the app in mock mode: its path and the viewer's client. */
export const SIMULATED_CIS2 = {
  path: '/__simulated-cis2',
  clientId: 'gp-connect-viewer',
  clientSecret: 'simulated-cis2-client-secret',
} as const;

/**
 * The viewer's configuration for running on the simulated Spine: what the Node entry and the demo
 * give as defaults in mock mode (the viewer's own configuration knows nothing of the simulator).
 */
export const SIMULATED_SPINE_ENV: Readonly<Record<string, string>> = {
  PDS_BASE_URL: SIMULATED_SPINE.pdsBaseUrl,
  SDS_BASE_URL: SIMULATED_SPINE.sdsBaseUrl,
  SSP_BASE_URL: SIMULATED_SPINE.sspBaseUrl,
  SDS_API_KEY: SIMULATED_SPINE.sdsApiKey,
  CONSUMER_ASID: SIMULATED_SPINE.consumers[0].asid,
  CONSUMER_ODS_CODE: SIMULATED_SPINE.consumers[0].odsCode,
  // A path: the simulated NHS CIS2 is served beside the viewer, at its PUBLIC_URL.
  OIDC_ISSUER: SIMULATED_CIS2.path,
  OIDC_CLIENT_ID: SIMULATED_CIS2.clientId,
  OIDC_CLIENT_SECRET: SIMULATED_CIS2.clientSecret,
};
