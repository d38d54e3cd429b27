/** Node adapter: the mutual-TLS agent for live mode (undici 7; the global fetch takes it as `dispatcher`). */
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
