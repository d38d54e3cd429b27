/** Node adapter: the mutual-TLS agent for live mode (undici 7; the global fetch takes it as `dispatcher`), and the files for SDS over LDAPS. */
import { readFileSync } from 'node:fs';
import { Agent } from 'undici';
import type { Config } from './config';

/** Sockets per upstream origin in live mode. */
export const MAX_CONNECTIONS_PER_ORIGIN = 128;

export function createTlsDispatcher(tls: NonNullable<Config['tls']>): Agent {
  return new Agent({
    // Per origin (the SSP is one): beyond this many sockets, calls wait their turn in the pool
    // rather than open yet another mutual-TLS connection. At 1,000 concurrent requests, unbounded
    // connections overflowed the upstream's listen queue and waited out TCP's SYN retries instead.
    connections: MAX_CONNECTIONS_PER_ORIGIN,
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
