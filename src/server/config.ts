/**
 * Configuration from the environment, validated once at start-up. Mock mode (the default) runs on
 * the simulated Spine, whose start-up supplies its addresses as defaults (mocks/config.ts,
 * SIMULATED_SPINE_ENV; this module knows nothing of it); live mode must be given every Spine URL,
 * key, ASID and certificate. A wrong or missing value stops start-up with a message naming it.
 */
import { z } from 'zod';

const url = z
  .string()
  .url()
  .refine((v) => v.startsWith('https://'), 'must be an https:// URL');
const asid = z.string().regex(/^\d{12}$/, 'must be a 12-digit ASID');
const odsCode = z.string().regex(/^[A-Z0-9]{1,9}$/, 'must be an ODS code (1–9 upper-case letters or digits)');
const ms = (fallback: number) => z.coerce.number().int().positive().max(120_000).default(fallback);

const common = {
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  /** The consumer system's URL, used as the GP Connect JWT `iss` (GP Connect 1.6: integration_cross_organisation_audit_and_provenance). */
  CONSUMER_ISS: z.string().default('https://gp-connect-viewer.local/'),
  PDS_TIMEOUT_MS: ms(10_000),
  SDS_TIMEOUT_MS: ms(10_000),
  SSP_TIMEOUT_MS: ms(30_000),
  /** Retries of a read after a transient failure (R12: at most 3), and the first back-off. */
  RETRY_MAX: z.coerce.number().int().min(0).max(3).default(3),
  RETRY_BACKOFF_MS: z.coerce.number().int().min(0).max(10_000).default(200),
  /** How long a PDS trace is reused (R2 caps it at 24 h). */
  TRACE_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** How long an SDS endpoint + ASID lookup is reused. */
  SDS_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(900),
  /** How long a provider's CapabilityStatement is reused (R18: it may be cached). */
  CAPABILITY_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(3600),
  /** The requesting organisation's name in the GP Connect JWT (GP Connect 1.6: integration_cross_organisation_audit_and_provenance). */
  CONSUMER_ORG_NAME: z.string().min(1).default('GP Connect Viewer'),
  /** More requesting organisations (R9): "ODS=ASID=Name;ODS=ASID=Name", beside CONSUMER_ODS_CODE's own. */
  CONSUMER_ORGANISATIONS: z
    .string()
    .regex(/^([A-Z0-9]{1,9}=\d{12}=[^;=]+)(;[A-Z0-9]{1,9}=\d{12}=[^;=]+)*$/, 'must be "ODS=ASID=Name" entries separated by ";" (ASID 12 digits)')
    .optional(),
  /** Where the BFF is reached from browsers: the OIDC redirect URI and the cookies' security follow it. */
  PUBLIC_URL: z.string().url().optional(),
  /** "oidc": users sign in (NHS CIS2 in live mode). "none": one configured user, for scripts and tests, simulated Spine only. */
  AUTH_MODE: z.enum(['oidc', 'none']).default('oidc'),
  OIDC_SCOPES: z.string().default('openid profile nationalrbacaccess associatedorgs selectedrole'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(240).default(15),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24).default(12),
  /** A PostgreSQL server for the audit and sessions; without it, embedded PGlite under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  /**
   * On SIGTERM: how long requests in flight may take to finish before the instance stops anyway.
   * Longer than the longest request can take (a GP system has SSP_TIMEOUT_MS, 30 s, after PDS and SDS).
   */
  DRAIN_SECONDS: z.coerce.number().int().min(0).max(300).default(40),
  /** Prometheus metrics on their own port, never through the load balancer; off when unset. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** AUTH_MODE=none: the one user every request is made as. */
  USER_SDS_ID: z.string().default('G13579135'),
  USER_ROLE_PROFILE_ID: z.string().default('111111111'),
  USER_FAMILY_NAME: z.string().default('Gilbert'),
  USER_GIVEN_NAME: z.string().default('Nichole'),
  USER_PREFIX: z.string().default('Dr'),
  /** Their national RBAC job role code (src/shared/access.ts), e.g. R8000 clinician, R0001 privacy officer. */
  USER_ROLE_CODE: z
    .string()
    .regex(/^R\d{4}$/, 'must be a national RBAC job role code such as R8000')
    .default('R8000'),
};

const MockSchema = z.object({
  SPINE_MODE: z.literal('mock'),
  ...common,
  PDS_BASE_URL: url,
  SDS_BASE_URL: url,
  SSP_BASE_URL: url,
  SDS_API_KEY: z.string().min(1),
  CONSUMER_ASID: asid,
  CONSUMER_ODS_CODE: odsCode,
  PDS_ACCESS_TOKEN: z.string().optional(),
  /** On the simulated Spine the identity provider may be a path on this viewer (the simulated NHS CIS2 served beside it). */
  OIDC_ISSUER: z.union([z.string().url(), z.string().regex(/^\/[\w\-/]+$/, 'must be a URL, or a path on PUBLIC_URL')]).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
});

const LiveSchema = z.object({
  SPINE_MODE: z.literal('live'),
  ...common,
  PDS_BASE_URL: url,
  SDS_BASE_URL: url,
  SSP_BASE_URL: url,
  SDS_API_KEY: z.string().min(1),
  CONSUMER_ASID: asid,
  CONSUMER_ODS_CODE: odsCode,
  PDS_ACCESS_TOKEN: z.string().min(1),
  TLS_CLIENT_CERT: z.string().min(1),
  TLS_CLIENT_KEY: z.string().min(1),
  TLS_CA: z.string().optional(),
  /** How SDS is read (R33): its FHIR API, or LDAP (deprecated by NHS; docs/decisions/012-sds-over-ldap.md). */
  SDS_MODE: z.enum(['fhir', 'ldap']).default('fhir'),
  /** SDS_MODE=ldap: the directory, over LDAPS with the client certificate (TLS_CLIENT_CERT/KEY); plain ldap:// is refused. */
  SDS_LDAP_URL: z
    .string()
    .regex(/^ldaps:\/\/[^\s/?#]+\/?$/, 'must be an ldaps:// URL (host and port only)')
    .optional(),
  /** The CA that signed the directory's certificate, when it is not TLS_CA's. */
  SDS_LDAP_CA: z.string().min(1).optional(),
  SDS_LDAP_TIMEOUT_MS: ms(5_000),
  SDS_LDAP_CONNECT_TIMEOUT_MS: ms(5_000),
  OIDC_ISSUER: url.optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
});

const ConfigSchema = z.discriminatedUnion('SPINE_MODE', [MockSchema, LiveSchema]);

/** Sign-in (issue 5): the provider named whenever users sign in; on the live Spine never off, and https outside this machine. */
function authProblems(env: Record<string, string | undefined>): string[] {
  if (env.SPINE_MODE === 'live' && env.AUTH_MODE === 'none') return ['  AUTH_MODE: none is refused on the live Spine: every user signs in'];
  if (env.AUTH_MODE === 'none') return [];
  const problems = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'].filter((name) => !env[name]).map((name) => `  ${name}: is required`);
  // Cookies are Secure and HSTS is sent only over https; plain http is for this machine alone.
  if (env.SPINE_MODE === 'live' && env.PUBLIC_URL && !/^(https:\/\/|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$))/.test(env.PUBLIC_URL)) {
    problems.push('  PUBLIC_URL: must be an https:// URL on the live Spine (http only for localhost)');
  }
  return problems;
}

/** SDS over LDAP (R33): on the live Spine only (a browser cannot speak LDAP, so the simulated Spine serves SDS FHIR), and with its URL. */
function sdsProblems(env: Record<string, string | undefined>): string[] {
  if (env.SPINE_MODE !== 'live')
    return env.SDS_MODE && env.SDS_MODE !== 'fhir' ? ['  SDS_MODE: only fhir on the simulated Spine (SDS over LDAP is for the live Spine)'] : [];
  if (env.SDS_MODE === 'ldap' && !env.SDS_LDAP_URL) return ['  SDS_LDAP_URL: is required when SDS_MODE=ldap'];
  return [];
}

export type Env = z.infer<typeof ConfigSchema>;

export interface Config {
  mode: 'mock' | 'live';
  port: number;
  host: string;
  pdsBaseUrl: string;
  sdsBaseUrl: string;
  sspBaseUrl: string;
  sdsApiKey: string;
  pdsAccessToken?: string;
  /** The default requesting organisation (R9): AUTH_MODE=none's, and the first of `consumers`. */
  consumer: { asid: string; odsCode: string; iss: string; name: string };
  /** Every requesting organisation this viewer is set up for, by ODS code: its ASID (Ssp-From) and name (R9). */
  consumers: Record<string, ConsumerOrganisation>;
  publicUrl: string;
  auth:
    | { mode: 'oidc'; issuer: string; clientId: string; clientSecret: string; scopes: string; idleMinutes: number; maxHours: number }
    | { mode: 'none'; idleMinutes: number; maxHours: number };
  database: { url?: string; dataDir: string };
  /** Seconds a draining instance waits for requests in flight (SIGTERM). */
  drainSeconds: number;
  /** Where Prometheus scrapes this instance; undefined: no metrics endpoint. */
  metrics?: { port: number; host: string };
  logLevel: string;
  timeouts: { pds: number; sds: number; ssp: number };
  /** For reads only; writes are never retried (R12). */
  retry: { retries: number; backoffMs: number };
  cacheSeconds: { trace: number; sds: number; capability: number };
  /** AUTH_MODE=none's user. */
  user: { sdsUserId: string; roleProfileId: string; family: string; given: string; prefix: string; roleCode: string };
  tls?: { certPath: string; keyPath: string; caPath?: string };
  /** SDS_MODE=ldap (live only): SDS read over LDAPS with the `tls` client certificate; undefined: SDS FHIR. */
  sdsLdap?: { url: string; caPath?: string; timeoutMs: number; connectTimeoutMs: number };
  /** Show each Spine request (URL, Ssp-* headers, JWT claims) in the flow inspector: simulated Spine only. */
  showCallDetail: boolean;
}

export interface ConsumerOrganisation {
  odsCode: string;
  asid: string;
  name: string;
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError naming every wrong or missing setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input = { ...env, SPINE_MODE: env.SPINE_MODE ?? 'mock' };
  const parsed = ConfigSchema.safeParse(input);
  const problems = [...authProblems(input), ...sdsProblems(input)];
  if (!parsed.success || problems.length > 0) {
    const lines = (parsed.error?.issues ?? []).map(
      (i) => `  ${i.path.join('.') || 'SPINE_MODE'}: ${i.path.length && env[String(i.path[0])] === undefined ? 'is required' : i.message}`,
    );
    throw new ConfigError(`Invalid configuration (SPINE_MODE=${input.SPINE_MODE}):\n${[...lines, ...problems].join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const consumer = { asid: e.CONSUMER_ASID, odsCode: e.CONSUMER_ODS_CODE, iss: e.CONSUMER_ISS, name: e.CONSUMER_ORG_NAME };
  const consumers: Record<string, ConsumerOrganisation> = { [consumer.odsCode]: { odsCode: consumer.odsCode, asid: consumer.asid, name: consumer.name } };
  for (const entry of e.CONSUMER_ORGANISATIONS?.split(';') ?? []) {
    const [odsCode, asid, name] = entry.split('=');
    consumers[odsCode] = { odsCode, asid, name };
  }
  const session = { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS };
  return {
    mode: e.SPINE_MODE,
    port: e.PORT,
    host: e.HOST,
    pdsBaseUrl: e.PDS_BASE_URL.replace(/\/$/, ''),
    sdsBaseUrl: e.SDS_BASE_URL.replace(/\/$/, ''),
    sspBaseUrl: e.SSP_BASE_URL.replace(/\/$/, ''),
    sdsApiKey: e.SDS_API_KEY,
    pdsAccessToken: e.PDS_ACCESS_TOKEN,
    consumer,
    consumers,
    publicUrl,
    auth:
      e.AUTH_MODE === 'none'
        ? { mode: 'none', ...session }
        : {
            mode: 'oidc',
            // A path: an identity provider served beside the app (the simulated NHS CIS2).
            issuer: (e.OIDC_ISSUER!.startsWith('/') ? `${publicUrl}${e.OIDC_ISSUER}` : e.OIDC_ISSUER!).replace(/\/$/, ''),
            clientId: e.OIDC_CLIENT_ID!,
            clientSecret: e.OIDC_CLIENT_SECRET!,
            scopes: e.OIDC_SCOPES,
            ...session,
          },
    database: { url: e.DATABASE_URL, dataDir: e.DATA_DIR },
    drainSeconds: e.DRAIN_SECONDS,
    metrics: e.METRICS_PORT ? { port: e.METRICS_PORT, host: e.METRICS_HOST } : undefined,
    logLevel: e.LOG_LEVEL,
    timeouts: { pds: e.PDS_TIMEOUT_MS, sds: e.SDS_TIMEOUT_MS, ssp: e.SSP_TIMEOUT_MS },
    retry: { retries: e.RETRY_MAX, backoffMs: e.RETRY_BACKOFF_MS },
    cacheSeconds: { trace: e.TRACE_CACHE_SECONDS, sds: e.SDS_CACHE_SECONDS, capability: e.CAPABILITY_CACHE_SECONDS },
    user: {
      sdsUserId: e.USER_SDS_ID,
      roleProfileId: e.USER_ROLE_PROFILE_ID,
      family: e.USER_FAMILY_NAME,
      given: e.USER_GIVEN_NAME,
      prefix: e.USER_PREFIX,
      roleCode: e.USER_ROLE_CODE,
    },
    tls: e.SPINE_MODE === 'live' ? { certPath: e.TLS_CLIENT_CERT, keyPath: e.TLS_CLIENT_KEY, caPath: e.TLS_CA } : undefined,
    sdsLdap:
      e.SPINE_MODE === 'live' && e.SDS_MODE === 'ldap'
        ? { url: e.SDS_LDAP_URL!, caPath: e.SDS_LDAP_CA ?? e.TLS_CA, timeoutMs: e.SDS_LDAP_TIMEOUT_MS, connectTimeoutMs: e.SDS_LDAP_CONNECT_TIMEOUT_MS }
        : undefined,
    // Never on the real Spine: there the panel shows interaction, status, timing and trace id only.
    showCallDetail: e.SPINE_MODE === 'mock',
  };
}
