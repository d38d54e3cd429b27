/** The BFF's long-lived parts, built once from configuration and handed to every flow. */
import type { Config } from './config';
import { MemoryCache, type Cache } from './cache';
import type { TracedPatient } from './flows/tracePatient';
import type { ProviderRoute } from './spine/sds';
import type { Capability, GpPatient } from '../shared/api';
import { SupportLog } from './supportLog';

export interface Services {
  config: Config;
  traceCache: Cache<TracedPatient>;
  routeCache: Cache<ProviderRoute>;
  /** Providers' CapabilityStatement summaries, by ODS code (R18). */
  capabilityCache: Cache<Omit<Capability, 'trace'>>;
  /** The patient at their practice and the R7 cross-check, per trace: shared by the practice check and the record's identity gate. */
  gpPatientCache: Cache<Omit<GpPatient, 'trace'>>;
  /** Upstream calls in flight, so identical concurrent requests share one. */
  inflight: Map<string, Promise<unknown>>;
  /** Undici Agent with the client certificate, live mode only. */
  dispatcher?: unknown;
  log: (event: Record<string, unknown>) => void;
  /** Each session's last requests, for the support view. */
  supportLog: SupportLog;
}

export function createServices(config: Config, extra: Partial<Services> = {}): Services {
  return {
    config,
    traceCache: new MemoryCache<TracedPatient>(5000),
    routeCache: new MemoryCache<ProviderRoute>(5000),
    capabilityCache: new MemoryCache<Omit<Capability, 'trace'>>(1000),
    gpPatientCache: new MemoryCache<Omit<GpPatient, 'trace'>>(5000),
    inflight: new Map(),
    supportLog: new SupportLog(),
    log: (event) => console.log(JSON.stringify({ time: new Date().toISOString(), ...event })),
    ...extra,
  };
}
