/**
 * The error catalogue: every failure the SPA can be shown, with a clinician-facing title and
 * what to do next. The BFF answers these as application/problem+json (RFC 9457); the SPA renders
 * them with one component. Codes are ours; upstream codes travel alongside in `upstreamCode`.
 */
export type Step = 'pds' | 'sds' | 'ssp' | 'provider' | 'bff';

export interface CatalogueEntry {
  status: number;
  step: Step;
  title: string;
  action: string;
}

export const ERROR_CATALOGUE = {
  // Bad input, refused before any call (R1, R19)
  INVALID_NHS_NUMBER: { status: 400, step: 'bff', title: 'The NHS number is not valid', action: 'Check the NHS number and type it again. It has 10 digits.' },
  INVALID_SECTION: {
    status: 400,
    step: 'bff',
    title: 'That record section does not exist',
    action: 'Choose one of the record sections listed on the patient page.',
  },
  INVALID_STRUCTURED_AREA: {
    status: 400,
    step: 'bff',
    title: 'That area of the structured record does not exist',
    action: 'Choose one of the structured record areas listed on the patient page.',
  },
  INVALID_DATE_RANGE: {
    status: 400,
    step: 'bff',
    title: 'The date range is not valid',
    action: 'Enter dates as day, month and year, with the "from" date on or before the "to" date.',
  },
  DATE_RANGE_NOT_ALLOWED: {
    status: 400,
    step: 'bff',
    title: 'This section cannot be filtered by date',
    action: 'Remove the dates: this section always shows the whole record.',
  },
  INVALID_ODS_CODE: {
    status: 400,
    step: 'bff',
    title: 'The ODS code is not valid',
    action: 'Check the ODS code and type it again. It has letters and digits only, for example A20047.',
  },
  INVALID_SDS_USER_ID: {
    status: 400,
    step: 'bff',
    title: 'The SDS user ID is not valid',
    action: "Check the SDS user ID on the practitioner's smartcard record and type it again.",
  },
  INVALID_ID: {
    status: 400,
    step: 'bff',
    title: 'The id is not valid',
    action: 'Use a link from an organisation or patient page rather than typing the address.',
  },
  INVALID_QUERY: {
    status: 400,
    step: 'bff',
    title: 'The request has a parameter this viewer does not accept',
    action: 'Use the search forms rather than editing the address.',
  },
  INVALID_REGISTRATION: {
    status: 400,
    step: 'bff',
    title: 'The registration details are not complete or not valid',
    action: 'Correct the fields listed and send the registration again.',
  },
  INVALID_SEARCH: {
    status: 400,
    step: 'bff',
    title: 'The search details are not complete or not valid',
    action: 'Correct the fields listed and search again. A family name and a date of birth are needed.',
  },
  INVALID_WORKLIST: {
    status: 400,
    step: 'bff',
    title: 'The worklist cannot be loaded',
    action: 'Check the file: it needs a name and between 1 and 2,000 rows.',
  },
  // Sign-in and access (R27)
  NOT_SIGNED_IN: { status: 401, step: 'bff', title: 'You are not signed in', action: 'Sign in with your NHS Care Identity account, then try again.' },
  SESSION_EXPIRED: {
    status: 401,
    step: 'bff',
    title: 'You were signed out after 15 minutes without activity',
    action: 'Sign in again. Nothing you were looking at has been kept.',
  },
  FORBIDDEN_ROLE: {
    status: 403,
    step: 'bff',
    title: 'Your role does not allow this',
    action: "Ask your organisation's registration authority if you need this access. The attempt has been recorded.",
  },
  ORGANISATION_NOT_CONFIGURED: {
    status: 403,
    step: 'bff',
    title: 'Your organisation is not set up to use GP Connect in this viewer',
    action: 'Sign in with a role at an organisation that uses this viewer, or contact support.',
  },
  CSRF_REJECTED: {
    status: 403,
    step: 'bff',
    title: "The request did not come from this viewer's own pages",
    action: 'Reload the page and try again. Nothing was changed.',
  },
  AUDIT_UNAVAILABLE: {
    status: 503,
    step: 'bff',
    title: 'The audit trail could not be written, so nothing is shown',
    action: 'Try again in a minute. Every access must be recorded before the data is shown; if it happens again, contact support and quote the trace ID.',
  },
  NOT_FOUND: { status: 404, step: 'bff', title: 'Page not found', action: 'Check the address, or start a new search.' },
  NOT_READY: {
    status: 503,
    step: 'bff',
    title: 'This viewer instance is not ready to take requests',
    action:
      'It is starting, stopping, or cannot reach its database. A load balancer sends requests to another instance; if every instance says this, contact support.',
  },
  INTERNAL_ERROR: {
    status: 500,
    step: 'bff',
    title: 'Something went wrong in this viewer',
    action: 'Try again. If it happens again, contact support and quote the trace ID.',
  },

  // PDS (PDS FHIR API)
  PDS_PATIENT_NOT_FOUND: {
    status: 404,
    step: 'pds',
    title: 'No patient with this NHS number was found on PDS',
    action: 'Check the NHS number with the patient or their documents. Do not assume the patient has no record.',
  },
  PDS_PATIENT_INVALIDATED: {
    status: 404,
    step: 'pds',
    title: 'This NHS number has been marked as invalid on PDS',
    action: 'Ask the patient for another NHS number or trace them by their details in your local system.',
  },
  PDS_REJECTED: {
    status: 502,
    step: 'pds',
    title: 'PDS refused the request',
    action: 'Try again. If it happens again, contact support and quote the trace ID.',
  },
  PDS_THROTTLED: {
    status: 503,
    step: 'pds',
    title: 'PDS is busy and asked this viewer to slow down',
    action: 'Wait a minute and try again. The patient has not been traced.',
  },
  PDS_UNAVAILABLE: {
    status: 502,
    step: 'pds',
    title: 'PDS (the national demographics service) is not answering',
    action: 'Try again in a few minutes. The patient record has not been checked.',
  },

  // Safety gates before any record call (R2–R6)
  PATIENT_RESTRICTED: {
    status: 403,
    step: 'bff',
    title: 'This patient has a restricted record',
    action: "The GP record cannot be shown here. Follow your organisation's process for patients with restricted (sensitive) records.",
  },
  PATIENT_DECEASED: {
    status: 403,
    step: 'bff',
    title: 'This patient has died and their GP record is no longer available',
    action: 'GP Connect shares the record of a deceased patient only within 28 days of death. Contact the practice if you need the record.',
  },
  NHS_NUMBER_NOT_VERIFIED: {
    status: 403,
    step: 'bff',
    title: 'This NHS number has not been verified on PDS',
    action: "The record cannot be shown until the NHS number is verified. Check the patient's details and trace them again.",
  },
  NO_REGISTERED_PRACTICE: {
    status: 404,
    step: 'pds',
    title: 'PDS does not show a registered GP practice for this patient',
    action: 'The patient may be between practices. Ask the patient which practice they are registered with.',
  },
  IDENTITY_NOT_CONFIRMED: {
    status: 409,
    step: 'bff',
    title: "Check the patient's details before the record is shown",
    action:
      "The practice's record differs from PDS, or could not be compared with it. Check each point listed with the patient, then confirm to open the record.",
  },
  TRACE_TOO_OLD: {
    status: 409,
    step: 'bff',
    title: 'The patient trace is more than 24 hours old',
    action: 'Trace the patient again before opening the record.',
  },

  // SDS (SDS FHIR API; R8, R11)
  PRACTICE_NOT_GP_CONNECT: {
    status: 404,
    step: 'sds',
    title: 'This practice does not offer GP Connect',
    action: 'SDS has no GP Connect service for this practice, so nothing can be asked of it here. Check the ODS code, or contact the practice directly.',
  },
  STRUCTURED_NOT_OFFERED: {
    status: 404,
    step: 'sds',
    title: 'This practice does not offer the structured record',
    action: "SDS has no Access Record Structured service for this practice. Open the practice's own record pages (HTML) instead.",
  },
  HTML_NOT_OFFERED: {
    status: 404,
    step: 'sds',
    title: 'This practice does not offer its record as HTML pages',
    action: 'The practice offers the structured record instead: open it from the patient page.',
  },
  SDS_UNAVAILABLE: {
    status: 502,
    step: 'sds',
    title: 'The Spine directory (SDS) could not be used',
    action: 'Try again in a few minutes. If it happens again, contact support and quote the trace ID.',
  },
  PDS_SEARCH_REFUSED: {
    status: 422,
    step: 'pds',
    title: 'PDS could not search with these details',
    action: 'Change the search and try again: PDS says below what it could not use. A family name and a date of birth are needed.',
  },
  SDS_AMBIGUOUS: {
    status: 502,
    step: 'sds',
    title: 'The Spine directory (SDS) does not say which GP system to use',
    action:
      'SDS holds more than one GP Connect system for this practice and nothing tells them apart, so none is used. Contact the practice or the national service desk, quoting the trace ID.',
  },

  // SSP's own errors (GP Connect 1.6: integration_spine_secure_proxy)
  SSP_NOT_AUTHORISED: {
    status: 502,
    step: 'ssp',
    title: 'The Spine proxy did not allow this request',
    action: 'This viewer or the practice is not set up to share records with each other. Contact support and quote the trace ID.',
  },
  SSP_REJECTED: { status: 502, step: 'ssp', title: 'The Spine proxy rejected the request', action: 'Contact support and quote the trace ID.' },
  SSP_THROTTLED: {
    status: 503,
    step: 'ssp',
    title: 'The Spine proxy is busy and asked this viewer to slow down',
    action: 'Wait a minute and try again. The record has not been checked.',
  },
  GP_SYSTEM_UNREACHABLE: {
    status: 502,
    step: 'ssp',
    title: "The practice's GP system could not be reached",
    action: 'The GP system may be offline. Try again in a few minutes. The record has not been checked.',
  },
  GP_SYSTEM_TIMEOUT: {
    status: 504,
    step: 'provider',
    title: "The practice's GP system took too long to answer",
    action: 'Try again in a few minutes. The record has not been checked.',
  },

  // GP Connect provider errors (GP Connect 0.7.4: accessrecord_use_case_retrieve_a_care_record_section, development_fhir_error_handling_guidance; R23)
  GP_PATIENT_NOT_FOUND: {
    status: 404,
    step: 'provider',
    title: "The practice's GP system did not return a record for this patient",
    action:
      'The patient may not be registered at this practice, or their record may not be shareable. This does not mean the patient has no record. Contact the practice.',
  },
  GP_NO_PATIENT_CONSENT: {
    status: 403,
    step: 'provider',
    title: 'The patient has asked that their GP record is not shared',
    action: "Respect the patient's choice. Ask the patient, or contact the practice, for the information you need.",
  },
  GP_NO_ORGANISATION_CONSENT: {
    status: 403,
    step: 'provider',
    title: 'The practice has not agreed to share records with your organisation',
    action: 'The practice has not given consent for this sharing. Contact the practice for the information you need.',
  },
  GP_NO_RELATIONSHIP: {
    status: 403,
    step: 'provider',
    title: "The practice's GP system found no care relationship between you and this patient",
    action: 'GP Connect shares records for direct care only. If you are caring for this patient, contact the practice.',
  },
  GP_NON_AUTHORITATIVE: {
    status: 403,
    step: 'provider',
    title: "The GP system is not the patient's current record holder",
    action: 'The patient may have moved practice. Trace the patient again and check their registered practice.',
  },
  GP_PRACTITIONER_NOT_FOUND: {
    status: 404,
    step: 'provider',
    title: 'The GP system has no practitioner with this id',
    action: 'Search for the practitioner again by their SDS user ID.',
  },
  GP_ORGANISATION_NOT_FOUND: {
    status: 404,
    step: 'provider',
    title: 'The GP system has no organisation with this id',
    action: 'Search for the organisation again by its ODS code.',
  },
  GP_LOCATION_NOT_FOUND: {
    status: 404,
    step: 'provider',
    title: 'The GP system has no location with this id',
    action: "Open the location from its organisation or from the patient's registration details.",
  },
  GP_DUPLICATE_REGISTRATION: {
    status: 409,
    step: 'provider',
    title: 'The patient is already registered at this practice',
    action: 'No new registration is needed: the practice already holds an active registration for this patient.',
  },
  GP_INVALID_DEMOGRAPHICS: {
    status: 422,
    step: 'provider',
    title: "The practice could not match the patient's details with PDS",
    action:
      "Check the name and date of birth against the patient's PDS record, correct them and try again. Patients who have died or have a restricted record cannot be registered.",
  },
  GP_INVALID_NHS_NUMBER: {
    status: 422,
    step: 'provider',
    title: "The practice's GP system says this NHS number is not valid",
    action: 'PDS may have marked the number invalid or superseded. Trace the patient again and use the number PDS gives.',
  },
  GP_REJECTED_REQUEST: {
    status: 502,
    step: 'provider',
    title: "The practice's GP system rejected the request",
    action: 'Contact support and quote the trace ID.',
  },
  GP_ACCESS_DENIED: {
    status: 502,
    step: 'provider',
    title: "The practice's GP system denied access",
    action: 'The practice may have switched GP Connect off. Contact the practice.',
  },
  GP_NOT_IMPLEMENTED: {
    status: 502,
    step: 'provider',
    title: "The practice's GP system does not support this request",
    action: 'Try another record section, or contact the practice.',
  },
  GP_SYSTEM_ERROR: {
    status: 502,
    step: 'provider',
    title: "The practice's GP system had an error",
    action: 'Try again. If it happens again, contact the practice and quote the trace ID.',
  },
  UPSTREAM_TOO_LARGE: {
    status: 502,
    step: 'bff',
    title: 'The answer from the Spine was too large to show',
    action: 'Choose a shorter date range, or open another section. Nothing from this answer is shown.',
  },
  UPSTREAM_MALFORMED: {
    status: 502,
    step: 'bff',
    title: 'The answer from the Spine could not be read',
    action: 'Try again. If it happens again, contact support and quote the trace ID.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const STEP_NAMES: Record<Step, string> = {
  pds: 'PDS (patient demographics)',
  sds: 'SDS (Spine directory)',
  ssp: 'Spine proxy',
  provider: 'GP system',
  bff: 'this viewer',
};
