/**
 * Where to send a GP Connect call for a practice (R8): SDS endpoint + ASID for the interaction,
 * cached for a configured time.
 */
import { lookupProviderRoute, type ProviderRoute } from '../spine/sds';
import type { CallTrace } from '../spine/trace';
import type { Services } from '../services';
import { readThrough } from './readThrough';

export async function routeFor(services: Services, odsCode: string, interactionId: string, trace: CallTrace): Promise<ProviderRoute> {
  const { config } = services;
  return readThrough({
    cache: services.routeCache,
    inflight: services.inflight,
    key: `sds|${odsCode}|${interactionId}`,
    ttlSeconds: config.cacheSeconds.sds,
    trace,
    recordHit: () => {
      trace.cacheHit('sds', 'SDS Endpoint search');
      trace.cacheHit('sds', 'SDS Device search');
    },
    load: () => lookupProviderRoute(odsCode, interactionId, { baseUrl: config.sdsBaseUrl, apiKey: config.sdsApiKey, timeoutMs: config.timeouts.sds, dispatcher: services.dispatcher, retry: config.retry }, trace),
  });
}
