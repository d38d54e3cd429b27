/** Node adapter: the mutual-TLS agent for live mode (undici 7; the global fetch takes it as `dispatcher`), and the files for SDS over LDAPS. */
import { readFileSync } from 'node:fs';
import { Agent } from 'undici';
import type { Config } from './config';

export function createTlsDispatcher(tls: NonNullable<Config['tls']>): Agent {
  return new Agent({
    connect: {
      cert: readFileSync(tls.certPath),
      key: readFileSync(tls.keyPath),
      ca: tls.caPath ? readFileSync(tls.caPath) : undefined,
    },
  });
}

/** The client certificate, key and CA for SDS over LDAPS (R33), read once at start-up. */
export function readLdapTlsFiles(tls: NonNullable<Config['tls']>, caPath: string | undefined): { cert: Buffer; key: Buffer; ca?: Buffer } {
  return { cert: readFileSync(tls.certPath), key: readFileSync(tls.keyPath), ca: caPath ? readFileSync(caPath) : undefined };
}
