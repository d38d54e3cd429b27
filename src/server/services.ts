/** The BFF's long-lived parts, built once from configuration and handed to every flow. */
import type { Config } from './config';
import { MemoryCache, type Cache } from './cache';
import type { TracedPatient } from './flows/tracePatient';
import type { ProviderRoute } from './spine/sds';
import type { Capability, GpPatient } from '../shared/api';
import { SupportLog } from './supportLog';
import type { Database } from './db/database';
import { AuditLog } from './audit/auditLog';
import { SessionStore } from './auth/sessions';
import { OidcSignIn } from './auth/oidc';
import type { Requester } from './auth/user';
import { createLogger, type Logger } from './logger';

export interface Services {
  config: Config;
  traceCache: Cache<TracedPatient>;
  routeCache: Cache<ProviderRoute>;
  /** Providers' CapabilityStatement summaries, by ODS code (R18). */
  capabilityCache: Cache<Omit<Capability, 'trace'>>;
  /** The patient at their practice and the R7 cross-check, per trace and user: shared by the practice check and the record's identity gate. */
  gpPatientCache: Cache<Omit<GpPatient, 'trace'>>;
  /** Upstream calls in flight, so identical concurrent requests share one. */
  inflight: Map<string, Promise<unknown>>;
  /** Undici Agent with the client certificate, live mode only. */
  dispatcher?: unknown;
  /** Structured logs (pino), with NHS numbers, names and tokens redacted. */
  logger: Logger;
  log: (event: Record<string, unknown>) => void;
  /** Each session's last requests, for the support view. */
  supportLog: SupportLog;
  /** PostgreSQL (embedded PGlite, or DATABASE_URL): the audit and the sessions. */
  database: Database;
  auditLog: AuditLog;
  sessions: SessionStore;
  /** Sign-in with OpenID Connect; absent when AUTH_MODE=none. */
  signIn?: OidcSignIn;
  /** Per request: the signed-in user the Spine calls are made for (R10). */
  requester?: Requester;
}

/** `database`: the Node entry's configuredDatabase (db/configured.ts), PGlite in memory in tests and the demo. */
export function createServices(config: Config, extra: Partial<Services> & { database: Database }): Services {
  const logger = extra.logger ?? createLogger(config.logLevel);
  const { database } = extra;
  return {
    config,
    traceCache: new MemoryCache<TracedPatient>(5000),
    routeCache: new MemoryCache<ProviderRoute>(5000),
    capabilityCache: new MemoryCache<Omit<Capability, 'trace'>>(1000),
    gpPatientCache: new MemoryCache<Omit<GpPatient, 'trace'>>(5000),
    inflight: new Map(),
    supportLog: new SupportLog(),
    logger,
    log: (event) => logger.info(event),
    auditLog: new AuditLog(database),
    sessions: new SessionStore(database, config.auth),
    signIn:
      config.auth.mode === 'oidc'
        ? new OidcSignIn({
            issuer: config.auth.issuer,
            clientId: config.auth.clientId,
            clientSecret: config.auth.clientSecret,
            scopes: config.auth.scopes,
            redirectUri: `${config.publicUrl}/api/auth/callback`,
            postLogoutRedirectUri: `${config.publicUrl}/signed-out`,
          })
        : undefined,
    ...extra,
  };
}
