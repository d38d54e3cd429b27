/**
 * Configuration from the environment, validated once at start-up. Mock mode (the default) points
 * at the simulated Spine; live mode must be given every Spine URL, key, ASID and certificate,
 * and a wrong or missing value stops start-up with a message naming it.
 */
import { z } from 'zod';
import { SIMULATED_SPINE } from '../../mocks/config';

const url = z.string().url().refine((v) => v.startsWith('https://'), 'must be an https:// URL');
const asid = z.string().regex(/^\d{12}$/, 'must be a 12-digit ASID');
const odsCode = z.string().regex(/^[A-Z0-9]{1,9}$/, 'must be an ODS code (1–9 upper-case letters or digits)');
const ms = (fallback: number) => z.coerce.number().int().positive().max(120_000).default(fallback);

const common = {
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  /** The consumer system's URL, used as the GP Connect JWT `iss` (spec/gpconnect.md §2.4). */
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
  /** The requesting organisation's name in the GP Connect JWT (spec/gpconnect.md §2.4). */
  CONSUMER_ORG_NAME: z.string().min(1).default('GP Connect Viewer'),
  /** The user the JWT names until sign-in lands (issue: sign-in and audit). */
  USER_SDS_ID: z.string().default('G13579135'),
  USER_ROLE_PROFILE_ID: z.string().default('111111111'),
  USER_FAMILY_NAME: z.string().default('Gilbert'),
  USER_GIVEN_NAME: z.string().default('Nichole'),
  USER_PREFIX: z.string().default('Dr'),
};

const MockSchema = z.object({
  SPINE_MODE: z.literal('mock'),
  ...common,
  PDS_BASE_URL: url.default(SIMULATED_SPINE.pdsBaseUrl),
  SDS_BASE_URL: url.default(SIMULATED_SPINE.sdsBaseUrl),
  SSP_BASE_URL: url.default(SIMULATED_SPINE.sspBaseUrl),
  SDS_API_KEY: z.string().min(1).default(SIMULATED_SPINE.sdsApiKey),
  CONSUMER_ASID: asid.default(SIMULATED_SPINE.consumers[0].asid),
  CONSUMER_ODS_CODE: odsCode.default(SIMULATED_SPINE.consumers[0].odsCode),
  PDS_ACCESS_TOKEN: z.string().optional(),
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
});

const ConfigSchema = z.discriminatedUnion('SPINE_MODE', [MockSchema, LiveSchema]);

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
  consumer: { asid: string; odsCode: string; iss: string; name: string };
  timeouts: { pds: number; sds: number; ssp: number };
  /** For reads only; writes are never retried (R12). */
  retry: { retries: number; backoffMs: number };
  cacheSeconds: { trace: number; sds: number; capability: number };
  user: { sdsUserId: string; roleProfileId: string; family: string; given: string; prefix: string };
  tls?: { certPath: string; keyPath: string; caPath?: string };
  /** Show each Spine request (URL, Ssp-* headers, JWT claims) in the flow inspector: simulated Spine only. */
  showCallDetail: boolean;
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError naming every wrong or missing setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input = { ...env, SPINE_MODE: env.SPINE_MODE ?? 'mock' };
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || 'SPINE_MODE'}: ${i.path.length && env[String(i.path[0])] === undefined ? 'is required' : i.message}`);
    throw new ConfigError(`Invalid configuration (SPINE_MODE=${input.SPINE_MODE}):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    mode: e.SPINE_MODE,
    port: e.PORT,
    host: e.HOST,
    pdsBaseUrl: e.PDS_BASE_URL.replace(/\/$/, ''),
    sdsBaseUrl: e.SDS_BASE_URL.replace(/\/$/, ''),
    sspBaseUrl: e.SSP_BASE_URL.replace(/\/$/, ''),
    sdsApiKey: e.SDS_API_KEY,
    pdsAccessToken: e.PDS_ACCESS_TOKEN,
    consumer: { asid: e.CONSUMER_ASID, odsCode: e.CONSUMER_ODS_CODE, iss: e.CONSUMER_ISS, name: e.CONSUMER_ORG_NAME },
    timeouts: { pds: e.PDS_TIMEOUT_MS, sds: e.SDS_TIMEOUT_MS, ssp: e.SSP_TIMEOUT_MS },
    retry: { retries: e.RETRY_MAX, backoffMs: e.RETRY_BACKOFF_MS },
    cacheSeconds: { trace: e.TRACE_CACHE_SECONDS, sds: e.SDS_CACHE_SECONDS, capability: e.CAPABILITY_CACHE_SECONDS },
    user: { sdsUserId: e.USER_SDS_ID, roleProfileId: e.USER_ROLE_PROFILE_ID, family: e.USER_FAMILY_NAME, given: e.USER_GIVEN_NAME, prefix: e.USER_PREFIX },
    tls: e.SPINE_MODE === 'live' ? { certPath: e.TLS_CLIENT_CERT, keyPath: e.TLS_CLIENT_KEY, caPath: e.TLS_CA } : undefined,
    // Never on the real Spine: there the panel shows interaction, status, timing and trace id only.
    showCallDetail: e.SPINE_MODE === 'mock',
  };
}
