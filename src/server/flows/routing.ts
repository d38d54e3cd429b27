/**
 * Where to send a GP Connect call for a practice (R8): SDS endpoint + ASID for the interaction,
 * cached for a configured time.
 */
import type { RequestContext } from '../context';
import type { ProviderRoute } from '../spine/sds';
import type { Services } from '../services';

export function routeFor(services: Services, ctx: RequestContext, odsCode: string, interactionId: string): Promise<ProviderRoute> {
  return services.caches.sdsRoutes.read({
    key: `${odsCode}|${interactionId}`,
    trace: ctx.trace,
    recordHit: () => {
      for (const name of services.spine.sds.callNames) ctx.trace.cacheHit('sds', name);
    },
    load: () => services.spine.sds.lookupRoute(odsCode, interactionId, ctx),
  });
}
