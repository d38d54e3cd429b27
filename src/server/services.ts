/** The BFF's long-lived parts, built once from configuration and handed to every flow. */
import type { Config } from './config';
import { MemoryCache, type Cache } from './cache';
import type { TracedPatient } from './flows/tracePatient';
import type { ProviderRoute } from './spine/sds';

export interface Services {
  config: Config;
  traceCache: Cache<TracedPatient>;
  routeCache: Cache<ProviderRoute>;
  /** Upstream calls in flight, so identical concurrent requests share one. */
  inflight: Map<string, Promise<unknown>>;
  /** Undici Agent with the client certificate, live mode only. */
  dispatcher?: unknown;
  log: (event: Record<string, unknown>) => void;
}

export function createServices(config: Config, extra: Partial<Services> = {}): Services {
  return {
    config,
    traceCache: new MemoryCache<TracedPatient>(5000),
    routeCache: new MemoryCache<ProviderRoute>(5000),
    inflight: new Map(),
    log: (event) => console.log(JSON.stringify({ time: new Date().toISOString(), ...event })),
    ...extra,
  };
}
