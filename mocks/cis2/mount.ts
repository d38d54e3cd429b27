/** Serves the simulated NHS CIS2 beside the app on a Node HTTP server (Hono on @hono/node-server): mock mode only. */
import type { Hono } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { SIMULATED_CIS2 } from '../config';
import { createSimulatedCis2 } from './provider';

export function mountSimulatedCis2(server: Hono<{ Bindings: HttpBindings }>, publicUrl: string): void {
  const cis2 = createSimulatedCis2(publicUrl, [publicUrl]);
  server.all(`${SIMULATED_CIS2.path}/*`, (c) => {
    cis2.handle(c.env.incoming, c.env.outgoing);
    return RESPONSE_ALREADY_SENT;
  });
}
