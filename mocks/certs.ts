/**
 * Certificates for running the simulated Spine over real HTTPS with mutual TLS, made for tests
 * and local use only: one certificate authority that signs the Spine's server certificate
 * (localhost) and the consumer's client certificate, as the NHS PKI does for real endpoints.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

type CertificateExtensions = NonNullable<NonNullable<Parameters<typeof generate>[1]>['extensions']>;

export interface CertificatePaths {
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

export function certificatePaths(dir: string): CertificatePaths {
  return {
    caCert: join(dir, 'ca.crt'),
    serverCert: join(dir, 'server.crt'),
    serverKey: join(dir, 'server.key'),
    clientCert: join(dir, 'client.crt'),
    clientKey: join(dir, 'client.key'),
  };
}

/** Writes a CA, a server certificate for localhost and a client certificate into `dir` (kept if already there). */
export async function ensureTestCertificates(dir: string): Promise<CertificatePaths> {
  const paths = certificatePaths(dir);
  if (Object.values(paths).every((p) => existsSync(p))) return paths;
  mkdirSync(dir, { recursive: true });
  const notAfterDate = new Date(Date.now() + 365 * 86_400_000);
  const ca = await generate([{ name: 'commonName', value: 'Simulated Spine test CA' }], {
    keySize: 2048,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leaf = (commonName: string, usage: { serverAuth?: boolean; clientAuth?: boolean }, more: CertificateExtensions = []) =>
    generate([{ name: 'commonName', value: commonName }], {
      keySize: 2048,
      notAfterDate,
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', ...usage },
        ...more,
      ],
    });
  const server = await leaf('localhost', { serverAuth: true }, [
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
      ],
    },
  ]);
  const client = await leaf('gp-connect-viewer.simulated-consumer.test', { clientAuth: true });
  writeFileSync(paths.caCert, ca.cert);
  writeFileSync(paths.serverCert, server.cert);
  writeFileSync(paths.serverKey, server.private, { mode: 0o600 });
  writeFileSync(paths.clientCert, client.cert);
  writeFileSync(paths.clientKey, client.private, { mode: 0o600 });
  return paths;
}
