/**
 * Trace a patient on PDS (R2–R6): who they are, which practice they are registered with, and the
 * safety gates that apply before any GP Connect call. Traces are reused for a short, configured
 * time (never beyond the 24-hour rule); a re-trace bypasses the cache.
 */
import { retrievePatient, PDS_INTERACTION, type PdsPatient } from '../spine/pds';
import type { CallTrace } from '../spine/trace';
import type { Services } from '../services';
import { readThrough } from './readThrough';

export interface TracedPatient extends PdsPatient {
  /** The number asked for; differs from nhsNumber when PDS answered with a newer record (R3). */
  requestedNhsNumber: string;
  tracedAt: string;
}

export async function tracePatient(services: Services, nhsNumber: string, trace: CallTrace, options: { fresh?: boolean } = {}): Promise<TracedPatient> {
  const { config } = services;
  return readThrough({
    cache: services.traceCache,
    inflight: services.inflight,
    key: `pds|${nhsNumber}`,
    ttlSeconds: config.cacheSeconds.trace,
    trace,
    fresh: options.fresh,
    recordHit: () => trace.cacheHit('pds', PDS_INTERACTION),
    load: async () => {
      const options = { baseUrl: config.pdsBaseUrl, timeoutMs: config.timeouts.pds, accessToken: config.pdsAccessToken, dispatcher: services.dispatcher, retry: config.retry };
      const patient = await retrievePatient(nhsNumber, options, trace);
      return { ...patient, requestedNhsNumber: nhsNumber, tracedAt: new Date().toISOString() };
    },
  });
}
