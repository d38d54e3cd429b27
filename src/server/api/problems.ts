/** What each kind of work can fail with, for the routes' declarations (the error catalogue: src/shared/errors.ts). */
import type { ErrorCode } from '../../shared/errors';

/** Any answer from the Spine that cannot be used. */
const UNREADABLE: ErrorCode[] = ['UPSTREAM_MALFORMED', 'UPSTREAM_TOO_LARGE'];

/** Tracing the patient on PDS (R2, R3). */
export const PDS_PROBLEMS: ErrorCode[] = [
  'PDS_PATIENT_NOT_FOUND',
  'PDS_PATIENT_INVALIDATED',
  'PDS_REJECTED',
  'PDS_THROTTLED',
  'PDS_UNAVAILABLE',
  ...UNREADABLE,
];

/** Finding patients by their details on PDS (R32): no "not found" here, an empty result is an outcome. */
export const PDS_SEARCH_PROBLEMS: ErrorCode[] = ['PDS_SEARCH_REFUSED', 'PDS_REJECTED', 'PDS_THROTTLED', 'PDS_UNAVAILABLE', ...UNREADABLE];

/** The safety gates before anything is asked of the practice (R2–R6). */
export const GATE_PROBLEMS: ErrorCode[] = ['PATIENT_RESTRICTED', 'PATIENT_DECEASED', 'NHS_NUMBER_NOT_VERIFIED', 'NO_REGISTERED_PRACTICE', 'TRACE_TOO_OLD'];

/** Finding the practice's endpoint and ASID in SDS (R8, R11). */
export const SDS_PROBLEMS: ErrorCode[] = ['PRACTICE_NOT_GP_CONNECT', 'SDS_UNAVAILABLE', 'SDS_AMBIGUOUS', ...UNREADABLE];

/** A GP Connect call through the SSP: the proxy's own refusals and every provider error (R12, R23). */
export const GP_CONNECT_PROBLEMS: ErrorCode[] = [
  ...SDS_PROBLEMS,
  'SSP_NOT_AUTHORISED',
  'SSP_REJECTED',
  'SSP_THROTTLED',
  'GP_SYSTEM_UNREACHABLE',
  'GP_SYSTEM_TIMEOUT',
  'GP_PATIENT_NOT_FOUND',
  'GP_NO_PATIENT_CONSENT',
  'GP_NO_ORGANISATION_CONSENT',
  'GP_NO_RELATIONSHIP',
  'GP_NON_AUTHORITATIVE',
  'GP_PRACTITIONER_NOT_FOUND',
  'GP_ORGANISATION_NOT_FOUND',
  'GP_LOCATION_NOT_FOUND',
  'GP_DUPLICATE_REGISTRATION',
  'GP_INVALID_DEMOGRAPHICS',
  'GP_INVALID_NHS_NUMBER',
  'GP_REJECTED_REQUEST',
  'GP_ACCESS_DENIED',
  'GP_NOT_IMPLEMENTED',
  'GP_SYSTEM_ERROR',
];
