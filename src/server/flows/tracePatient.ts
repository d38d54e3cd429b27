/**
 * Trace a patient on PDS (R2–R6): who they are, which practice they are registered with, and the
 * safety gates that apply before any GP Connect call. Traces are reused for a short, configured
 * time (never beyond the 24-hour rule); a re-trace bypasses the cache.
 */
import type { RequestContext } from '../context';
import { PDS_INTERACTION, type TracedPatient } from '../spine/pds';
import type { Services } from '../services';

export function tracePatient(services: Services, ctx: RequestContext, nhsNumber: string, options: { fresh?: boolean } = {}): Promise<TracedPatient> {
  return services.caches.pdsTraces.read({
    key: nhsNumber,
    trace: ctx.trace,
    fresh: options.fresh,
    recordHit: () => ctx.trace.cacheHit('pds', PDS_INTERACTION),
    load: () => services.spine.pds.retrievePatient(nhsNumber, ctx),
  });
}
