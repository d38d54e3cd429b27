/** Small helpers for the simulated Spine's FHIR answers. */

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function fhirResponse(body: unknown, status = 200, contentType = 'application/fhir+json', headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': `${contentType};charset=utf-8`, ...headers },
  });
}

/** PDS FHIR R4 error (PDS FHIR API). */
export function pdsOutcome(status: number, code: string, display: string, issueCode: string, diagnostics?: string, severity = 'error'): Response {
  return fhirResponse(
    {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity,
          code: issueCode,
          details: { coding: [{ system: 'https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode', version: '1', code, display }] },
          ...(diagnostics ? { diagnostics } : {}),
        },
      ],
    },
    status,
  );
}

/** SDS FHIR error (SDS FHIR API). */
export function sdsOutcome(status: number, issueCode: string, code: string, display: string, diagnostics: string): Response {
  return fhirResponse(
    {
      resourceType: 'OperationOutcome',
      id: crypto.randomUUID().toUpperCase(),
      issue: [
        {
          severity: 'error',
          code: issueCode,
          details: { coding: [{ system: 'https://fhir.nhs.uk/STU3/ValueSet/Spine-ErrorOrWarningCode-1', code, display }] },
          diagnostics,
        },
      ],
    },
    status,
  );
}

/** The SSP's own error format (GP Connect 1.6: integration_spine_secure_proxy). */
export function sspOutcome(status: number, issueCode: string, token: string): Response {
  return fhirResponse(
    {
      resourceType: 'OperationOutcome',
      id: crypto.randomUUID().toUpperCase(),
      issue: [
        {
          code: issueCode,
          severity: 'error',
          details: { coding: [{ display: token, code: String(status), system: 'http://fhir.nhs.net/ValueSet/gpconnect-schedule-response-code-1-0' }] },
          diagnostics: token,
        },
      ],
    },
    status,
    'application/json+fhir',
  );
}

/** GP Connect DSTU2 provider error (GP Connect 0.7.4: development_fhir_error_handling_guidance); always no-store. */
export function dstu2Outcome(status: number, issueCode: string, code: string, diagnostics: string): Response {
  return fhirResponse(
    {
      resourceType: 'OperationOutcome',
      meta: { profile: ['http://fhir.nhs.net/StructureDefinition/gpconnect-operationoutcome-1'] },
      issue: [
        {
          severity: 'error',
          code: issueCode,
          details: { coding: [{ system: 'http://fhir.nhs.net/ValueSet/gpconnect-error-or-warning-code-1', code }] },
          diagnostics,
        },
      ],
    },
    status,
    'application/json+fhir',
    { 'Cache-Control': 'no-store' },
  );
}

/** Display texts of the Spine error codes a Foundations provider answers with (GP Connect 1.6: development_fhir_error_handling_guidance). */
const STU3_DISPLAY: Record<string, string> = {
  BAD_REQUEST: 'Bad request',
  INVALID_IDENTIFIER_SYSTEM: 'Invalid identifier system',
  INVALID_IDENTIFIER_VALUE: 'Invalid identifier value',
  INVALID_NHS_NUMBER: 'Invalid NHS number',
  INVALID_PATIENT_DEMOGRAPHICS: 'Invalid patient demographics',
  INVALID_PARAMETER: 'Invalid parameter',
  INVALID_RESOURCE: 'Invalid validation of resource',
  PATIENT_NOT_FOUND: 'Patient not found',
  PRACTITIONER_NOT_FOUND: 'Practitioner not found',
  ORGANISATION_NOT_FOUND: 'Organisation not found',
  NO_RECORD_FOUND: 'No record found',
  DUPLICATE_REJECTED: 'Create would lead to creation of a duplicate resource',
  NOT_IMPLEMENTED: 'Not implemented',
  NO_PATIENT_CONSENT: 'No patient consent',
  ACCESS_DENIED: 'Access denied',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  INTERNAL_SERVER_ERROR: 'Internal server error',
};

/** GP Connect STU3 provider error (GP Connect 1.6: development_fhir_error_handling_guidance): profiled, CodeSystem URI, always no-store. */
export function stu3Outcome(status: number, issueCode: string, code: keyof typeof STU3_DISPLAY, diagnostics: string): Response {
  return fhirResponse(
    {
      resourceType: 'OperationOutcome',
      meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1'] },
      issue: [
        {
          severity: 'error',
          code: issueCode,
          details: { coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1', code, display: STU3_DISPLAY[code] }] },
          diagnostics,
        },
      ],
    },
    status,
    'application/fhir+json',
    { 'Cache-Control': 'no-store' },
  );
}
