/**
 * Where to send a GP Connect call for a practice (R8): SDS endpoint + ASID for the interaction,
 * cached for a configured time.
 */
import { lookupProviderRoute, type ProviderRoute } from '../spine/sds';
import type { CallTrace } from '../spine/trace';
import type { Services } from '../services';

export async function routeFor(services: Services, odsCode: string, interactionId: string, trace: CallTrace): Promise<ProviderRoute> {
  const { config, routeCache } = services;
  const key = `${odsCode}|${interactionId}`;
  const cached = routeCache.get(key);
  if (cached) {
    trace.cacheHit('sds', 'SDS Endpoint search');
    trace.cacheHit('sds', 'SDS Device search');
    return cached;
  }
  const from = trace.entries.length;
  const route = await lookupProviderRoute(odsCode, interactionId, { baseUrl: config.sdsBaseUrl, apiKey: config.sdsApiKey, timeoutMs: config.timeouts.sds, dispatcher: services.dispatcher }, trace);
  trace.markMissesSince(from);
  routeCache.set(key, route, config.cacheSeconds.sds);
  return route;
}
