/**
 * The BFF's long-lived parts, built once from configuration and handed to every route and flow.
 * Nothing here belongs to one request: who is asking and the calls made travel in the request's
 * own context (./context.ts).
 */
import type { Config } from './config';
import { ReadThroughCache } from './cache';
import type { Capability, GpPatient } from '../shared/api';
import { SupportLog } from './supportLog';
import type { Database } from './db/database';
import { AuditLog } from './audit/auditLog';
import { SessionStore } from './auth/sessions';
import { OidcSignIn } from './auth/oidc';
import { createLogger, type Logger } from './logger';
import { createSpineClients, type SpineClients } from './spine/clients';
import type { SdsDirectory } from './spine/sdsRoute';
import { Lifecycle } from './lifecycle';
import { NO_METRICS, type Metrics } from './metrics';
import type { TracedPatient } from './spine/pds';
import type { ProviderRoute } from './spine/sds';

/** Per instance, each with its lifetime from configuration. */
export interface Caches {
  /** PDS traces by NHS number (R2: never beyond 24 hours). */
  pdsTraces: ReadThroughCache<TracedPatient>;
  /** SDS endpoint + ASID by practice and interaction (R8). */
  sdsRoutes: ReadThroughCache<ProviderRoute>;
  /** Providers' CapabilityStatement summaries, by ODS code (R18). */
  capabilityStatements: ReadThroughCache<Omit<Capability, 'trace'>>;
  /** The patient at their practice and the R7 cross-check, per trace and user: shared by the practice check and the record's identity gate. */
  practiceRecords: ReadThroughCache<Omit<GpPatient, 'trace'>>;
}

export interface Services {
  config: Config;
  /** Structured logs (pino), with NHS numbers, names and tokens redacted. */
  logger: Logger;
  spine: SpineClients;
  caches: Caches;
  /** Each session's last requests, for the support view. */
  supportLog: SupportLog;
  /** PostgreSQL (embedded PGlite, or DATABASE_URL): the audit and the sessions. */
  database: Database;
  auditLog: AuditLog;
  sessions: SessionStore;
  /** Sign-in with OpenID Connect; absent when AUTH_MODE=none. */
  signIn?: OidcSignIn;
  /** Ready, or draining, and the requests in flight. */
  lifecycle: Lifecycle;
  /** Counts for the operators (Prometheus in the Node entry). */
  metrics: Metrics;
}

export interface ServiceOptions {
  /** The Node entry's configuredDatabase (db/configured.ts); PGlite in memory in tests and the demo. */
  database: Database;
  logger?: Logger;
  /** The undici Agent with the client certificate, live mode only. */
  dispatcher?: unknown;
  metrics?: Metrics;
  /** SDS over LDAP when SDS_MODE=ldap (live mode only; built by src/server/node.ts). */
  sdsDirectory?: SdsDirectory;
}

export function createServices(
  config: Config,
  { database, logger = createLogger(config.logLevel), dispatcher, metrics = NO_METRICS, sdsDirectory }: ServiceOptions,
): Services {
  const { cacheSeconds } = config;
  return {
    config,
    logger,
    spine: createSpineClients(config, dispatcher, metrics, sdsDirectory),
    caches: {
      pdsTraces: new ReadThroughCache('pds-traces', cacheSeconds.trace, 5000, metrics),
      sdsRoutes: new ReadThroughCache('sds-routes', cacheSeconds.sds, 5000, metrics),
      capabilityStatements: new ReadThroughCache('capability-statements', cacheSeconds.capability, 1000, metrics),
      practiceRecords: new ReadThroughCache('practice-records', cacheSeconds.trace, 5000, metrics),
    },
    supportLog: new SupportLog(database),
    database,
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
    lifecycle: new Lifecycle(),
    metrics,
  };
}
