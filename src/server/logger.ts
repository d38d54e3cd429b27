/**
 * Structured logs (pino, JSON lines). Nothing that identifies a patient or opens a session is
 * written: fields that carry names, NHS numbers or tokens are redacted by name, and any string
 * is scrubbed of NHS-number-shaped digits and JWT-shaped tokens wherever it appears.
 */
import pino from 'pino';

export type Logger = pino.Logger;

/** Field names whose values are never logged, at the top level or one level down. */
const SECRET_FIELDS = [
  'nhsNumber',
  'name',
  'given',
  'family',
  'birthDate',
  'address',
  'telecom',
  'token',
  'idToken',
  'accessToken',
  'jwt',
  'authorization',
  'cookie',
  'csrfToken',
  'claims',
];
const REDACT_PATHS = [...SECRET_FIELDS, ...SECRET_FIELDS.map((f) => `*.${f}`)];

/** 10 digits, alone or as 3 3 4 (with spaces or hyphens): an NHS number, or something as sensitive. */
const NHS_NUMBER = /\b\d{3}[ -]?\d{3}[ -]?\d{4}\b/g;
/** A JWT or other bearer token: three base64url parts, the first a JSON header. */
const JWT = /\beyJ[\w-]*\.[\w-]*\.[\w-]*/g;

export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(JWT, '[token]').replace(NHS_NUMBER, '[nhs-number]');
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

/** `destination`: where the lines go (standard output by default; tests collect them). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'gp-connect-viewer-bff' },
      // In a browser page (the static demo) pino writes objects to the console: scrubbed the same way.
      browser: { write: (object) => console.info(scrub(object)) },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { log: (object) => scrub(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? (scrub(a) as string) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
