/**
 * The simulated Spine as a real HTTP(S) server: the same MSW handlers, answered over the network,
 * so the BFF in live configuration (and curl) can be pointed at it. With certificates it is
 * HTTPS with mutual TLS: a client without a certificate signed by the test CA is refused.
 *   PDS  {origin}/personal-demographics/FHIR/R4     SDS  {origin}/spine-directory/FHIR/R4
 *   SSP  {origin}/ssp/{provider service root URL}/… control {origin}/__simulated-spine/…
 */
import type { TLSSocket } from 'node:tls';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import { createSpineHandlers } from './handlers';
import { SIMULATED_CIS2, SIMULATED_SPINE, type SimulatedSpine } from './config';
import { createSimulatedCis2, type SimulatedCis2 } from './cis2/provider';
import { SpineControl } from './control';
import { CONTROL_PATH, handleControlRequest } from './control-api';
import { world } from './world';
import type { CertificatePaths } from './certs';
import { sspOutcome } from './handlers/fhir';

/** The simulated Spine's URLs when it is served from one origin. */
export function spineAt(origin: string): SimulatedSpine {
  return {
    ...SIMULATED_SPINE,
    pdsBaseUrl: `${origin}/personal-demographics/FHIR/R4`,
    sdsBaseUrl: `${origin}/spine-directory/FHIR/R4`,
    sspBaseUrl: `${origin}/ssp`,
  };
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const body = chunks.length > 0 && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
  return new Request(`${origin}${req.url}`, { method: req.method, headers, body });
}

/** The environment that runs the BFF in live configuration against a running simulated Spine. */
export function liveEnvFor(running: RunningSpine, certificates?: CertificatePaths): Record<string, string> {
  return {
    SPINE_MODE: 'live',
    PDS_BASE_URL: running.spine.pdsBaseUrl,
    SDS_BASE_URL: running.spine.sdsBaseUrl,
    SSP_BASE_URL: running.spine.sspBaseUrl,
    SDS_API_KEY: running.spine.sdsApiKey,
    PDS_ACCESS_TOKEN: 'simulated-token',
    CONSUMER_ASID: running.spine.consumers[0].asid,
    CONSUMER_ODS_CODE: running.spine.consumers[0].odsCode,
    ...(certificates ? { TLS_CLIENT_CERT: certificates.clientCert, TLS_CLIENT_KEY: certificates.clientKey, TLS_CA: certificates.caCert } : {}),
    // Sign-in against the simulated CIS2 this server also serves (startSpineServer's appUrls).
    OIDC_ISSUER: `${running.origin}${SIMULATED_CIS2.path}`,
    OIDC_CLIENT_ID: SIMULATED_CIS2.clientId,
    OIDC_CLIENT_SECRET: SIMULATED_CIS2.clientSecret,
    // Node trusts the test CA for the identity provider's https too (read when the process starts).
    ...(certificates ? { NODE_EXTRA_CA_CERTS: certificates.caCert } : {}),
  };
}

export interface RunningSpine {
  origin: string;
  spine: SimulatedSpine;
  control: SpineControl;
  close(): Promise<void>;
}

/**
 * `appUrls`: also serve the simulated NHS CIS2 (at /__simulated-cis2) for a viewer reached at
 * these URLs, so a BFF in live configuration has an identity provider to sign in with.
 */
export async function startSpineServer(
  options: { port?: number; host?: string; certificates?: CertificatePaths; control?: SpineControl; appUrls?: string[] } = {},
): Promise<RunningSpine> {
  const control = options.control ?? new SpineControl();
  const host = options.host ?? '127.0.0.1';
  let origin = '';
  let handlers = createSpineHandlers({ control });

  let cis2: SimulatedCis2 | undefined;

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    if (cis2 && req.url?.startsWith(`${SIMULATED_CIS2.path}/`)) {
      cis2.handle(req, res);
      return;
    }
    try {
      const request = await toRequest(req, origin);
      // The SSP requires the consumer's client certificate (GP Connect 1.6: integration_spine_secure_proxy);
      // without one it answers 496 itself (GP Connect 1.6: integration_spine_secure_proxy: 495/496 certificate errors).
      const authorised = !options.certificates || (req.socket as TLSSocket).authorized;
      if (!authorised && new URL(request.url).pathname.startsWith('/ssp/')) {
        const refusal = sspOutcome(496, 'forbidden', 'CLIENT_CERTIFICATE_MISSING_OR_INVALID');
        res.writeHead(496, { 'Content-Type': 'application/json+fhir' }).end(await refusal.text());
        return;
      }
      const response = new URL(request.url).pathname.startsWith(`${CONTROL_PATH}/`)
        ? await handleControlRequest(request, control, world)
        : await getResponse(handlers, request);
      if (!response) {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ title: `Nothing on the simulated Spine at ${req.url}` }));
        return;
      }
      // A network error (fault "reset") drops the connection, as a real one would.
      if (response.type === 'error') {
        req.socket.destroy();
        return;
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((v, k) => (headers[k] = v));
      res.writeHead(response.status, headers);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
    }
  }

  const server = options.certificates
    ? createHttpsServer(
        {
          cert: readFileSync(options.certificates.serverCert),
          key: readFileSync(options.certificates.serverKey),
          ca: readFileSync(options.certificates.caCert),
          // Mutual TLS, as the SSP requires (GP Connect 1.6: integration_spine_secure_proxy): the certificate is asked
          // for on every connection and enforced on the SSP's paths.
          requestCert: true,
          rejectUnauthorized: false,
        },
        onRequest,
      )
    : createHttpServer(onRequest);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  origin = `${options.certificates ? 'https' : 'http'}://${host === '0.0.0.0' ? 'localhost' : host === '127.0.0.1' ? 'localhost' : host}:${port}`;
  const spine = spineAt(origin);
  handlers = createSpineHandlers({ spine, control });
  if (options.appUrls) cis2 = createSimulatedCis2(origin, options.appUrls);
  return {
    origin,
    spine,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
