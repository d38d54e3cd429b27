/**
 * docs/errors.md, generated from the error catalogue (src/shared/errors.ts) and what each entry
 * is raised for: the upstream answers (PDS FHIR API; SDS FHIR API; GP Connect 1.6: integration_spine_secure_proxy; GP Connect 0.7.4 and 1.6:
 * development_fhir_error_handling_guidance) and the checks of our own. A test fails when the file is out of date.
 */
import { ERROR_CATALOGUE, STEP_NAMES, type ErrorCode } from './errors';

/** What makes the BFF answer with each code. Typed by ErrorCode, so no entry can be left out. */
export const RAISED_FOR: Record<ErrorCode, string> = {
  INVALID_NHS_NUMBER: 'NHS number not 10 digits or failing Modulus 11 (R1), before any call',
  INVALID_SECTION: 'a record section other than SUM, PRB, MED, ALL, ENC, CLI, REF, OBS, IMM, ADM',
  INVALID_STRUCTURED_AREA:
    'a structured record area other than allergies, medications, problems, immunisations, consultations, investigations, uncategorised, referrals, diary',
  INVALID_DATE_RANGE: 'a date that is not a real YYYY-MM-DD date, "from" after "to", or an unknown query parameter on a record',
  DATE_RANGE_NOT_ALLOWED: 'a date range on SUM, ALL or IMM (R19)',
  INVALID_ODS_CODE: 'an ODS code that is empty, not letters and digits, or longer than 9',
  INVALID_SDS_USER_ID: 'an SDS user id that is empty, UNK, not letters and digits, or not 4–20 long',
  INVALID_ID: 'a logical id that is not a FHIR id (1–64 letters, digits, "-", ".")',
  INVALID_QUERY: 'a query parameter the route does not take',
  INVALID_REGISTRATION: 'a registration body that is not JSON, over 16 KB, or has a missing or invalid field',
  NOT_SIGNED_IN: 'an /api route (other than health and sign-in) without a session cookie, or with one that names no session',
  SESSION_EXPIRED: 'a session idle for SESSION_IDLE_MINUTES (15) or older than SESSION_MAX_HOURS (12): it is ended',
  FORBIDDEN_ROLE: "a role whose permissions (src/shared/access.ts) do not include the route's, or a role this viewer does not recognise; audited as blocked",
  ORGANISATION_NOT_CONFIGURED: 'a Spine route for a user whose organisation has no ASID configured (CONSUMER_ODS_CODE, CONSUMER_ORGANISATIONS; R9)',
  CSRF_REJECTED: "a state-changing request without the session's X-CSRF-Token, or from another origin",
  AUDIT_UNAVAILABLE: 'the audit row could not be written: the answer is withheld (R26)',
  NOT_FOUND: 'an /api route that does not exist',
  NOT_READY: 'GET /api/ready while the instance drains (SIGTERM), or cannot reach its database, or has migrations to apply',
  INTERNAL_ERROR: 'anything unexpected inside the viewer (logged with the trace id)',
  PDS_PATIENT_NOT_FOUND: 'PDS 404 RESOURCE_NOT_FOUND',
  PDS_PATIENT_INVALIDATED: 'PDS 404 INVALIDATED_RESOURCE',
  PDS_REJECTED: 'any other PDS 4xx answer (e.g. 400 INVALID_RESOURCE_ID, 401 ACCESS_DENIED, 403)',
  PDS_THROTTLED: 'PDS 429 TOO_MANY_REQUESTS (rate limit)',
  PDS_UNAVAILABLE: 'PDS 5xx or 408, not reachable, reset, or no answer within PDS_TIMEOUT_MS (after retries)',
  PATIENT_RESTRICTED: 'PDS meta.security R or V (R4): nothing is sent to GP Connect',
  PATIENT_DECEASED: 'deceased more than 28 days ago (HTML), or deceased at all (Foundations) (R5)',
  NHS_NUMBER_NOT_VERIFIED: 'PDS verification status other than 01 (R6)',
  NO_REGISTERED_PRACTICE: 'no generalPractitioner ODS code on PDS',
  IDENTITY_NOT_CONFIRMED:
    "a record asked for while PDS and the practice's record differ, or could not be compared (R7), without the confirmation of exactly those differences",
  TRACE_TOO_OLD: 'the PDS trace behind the request is more than 24 hours old (R2)',
  PRACTICE_NOT_GP_CONNECT: 'SDS has no Endpoint or Device for the practice and interaction (R11)',
  STRUCTURED_NOT_OFFERED:
    'SDS has no Endpoint or Device for the practice and the Access Record Structured interaction, though it may offer other GP Connect services (R31)',
  HTML_NOT_OFFERED: 'SDS has no Access Record HTML service for the practice, but has its Access Record Structured service (R31)',
  INVALID_SEARCH: 'A search by details without a family name or a real date of birth, or with a misplaced * wildcard (R32)',
  INVALID_WORKLIST: 'A worklist load without a file name, or with no rows or more than the limit (R36)',
  PDS_SEARCH_REFUSED: 'PDS 400 to a search by details (INVALID_SEARCH_DATA, INVALID_VALUE, MISSING_VALUE): the criteria, not a failure (R32)',
  SDS_AMBIGUOUS:
    'SDS holds several endpoints for the practice and interaction, or several AS (Device) records none or more than one of which has the endpoint party key (R34)',
  SDS_UNAVAILABLE: 'SDS 4xx/5xx (400 BAD_REQUEST, 401 ACCESS_DENIED, 5xx), not reachable, or no answer in time',
  SSP_NOT_AUTHORISED: 'SSP 403: ASID_CHECK_FAILED, PARTYKEY_INTERACTION_CHECK_FAILED, FOT_CHECK_FAILED',
  SSP_THROTTLED: 'SSP 429 (throttling)',
  SSP_REJECTED: 'SSP 400 (endpoint varies from SDS, missing header), 405, 415, 495/496 (client certificate)',
  GP_SYSTEM_UNREACHABLE: 'SSP 502 ERROR_COMMUNICATING_TO_ENDPOINT or 503, or the SSP not reachable (after retries)',
  GP_SYSTEM_TIMEOUT: 'SSP 504/599, or no answer within SSP_TIMEOUT_MS',
  GP_PATIENT_NOT_FOUND: 'provider 404 PATIENT_NOT_FOUND (or a 404 without a code on a patient call)',
  GP_NO_PATIENT_CONSENT: 'provider 403 NO_PATIENT_CONSENT',
  GP_NO_ORGANISATION_CONSENT: 'provider 403 NO_ORGANISATION_CONSENT (or NO_ORGANISATIONAL_CONSENT, as the code system spells it)',
  GP_NO_RELATIONSHIP: 'provider 403 NO_RELATIONSHIP (1.6.x)',
  GP_NON_AUTHORITATIVE: 'provider 403 NON_AUTHORITATIVE (DSTU2)',
  GP_PRACTITIONER_NOT_FOUND: 'provider 404 PRACTITIONER_NOT_FOUND',
  GP_ORGANISATION_NOT_FOUND: 'provider 404 ORGANISATION_NOT_FOUND',
  GP_LOCATION_NOT_FOUND: 'provider 404 NO_RECORD_FOUND on a Location read',
  GP_DUPLICATE_REGISTRATION: 'provider 409 DUPLICATE_REJECTED (register patient)',
  GP_INVALID_DEMOGRAPHICS: 'provider 400 INVALID_PATIENT_DEMOGRAPHICS (register patient)',
  GP_INVALID_NHS_NUMBER: 'provider 400 INVALID_NHS_NUMBER',
  GP_REJECTED_REQUEST: 'any other provider 4xx: BAD_REQUEST, INVALID_PARAMETER, INVALID_RESOURCE, INVALID_IDENTIFIER_SYSTEM, …',
  GP_ACCESS_DENIED: 'provider 403 ACCESS DENIED (GP Connect switched off at the practice)',
  GP_NOT_IMPLEMENTED: 'provider 501 NOT_IMPLEMENTED',
  GP_SYSTEM_ERROR: 'provider 5xx, e.g. 500 INTERNAL_SERVER_ERROR',
  UPSTREAM_TOO_LARGE: 'an answer over the 20 MB cap (declared, or counted while it streams); not retried',
  UPSTREAM_MALFORMED: 'an answer not declared as JSON (Content-Type), not valid JSON, cut short, or not the resource asked for',
};

export function errorCatalogueMarkdown(): string {
  const rows = (Object.keys(ERROR_CATALOGUE) as ErrorCode[]).map((code) => {
    const e = ERROR_CATALOGUE[code];
    return `| \`${code}\` | ${e.status} | ${STEP_NAMES[e.step]} | ${RAISED_FOR[code]} | ${e.title} | ${e.action} |`;
  });
  return [
    '# Error catalogue',
    '',
    'Generated from `src/shared/errors.ts` and `src/shared/errorsDoc.ts` by `npm run errors-doc` (a test',
    'fails if this file is out of date). Every failure reaches the SPA as `application/problem+json`',
    'with one of these codes, the failed step and the upstream status and code when there is one.',
    'Each entry is driven by a test against the simulated Spine: `test/server/error-catalogue.test.ts`.',
    'No entry says "nothing recorded": a failure is never worded as a clinical negative.',
    '',
    '| Code | HTTP | Failed step | Raised for | Title shown | What to do next |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
