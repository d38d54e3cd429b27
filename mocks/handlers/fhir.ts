/** Small helpers for the simulated Spine's FHIR answers. */

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function fhirResponse(body: unknown, status = 200, contentType = 'application/fhir+json', headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': `${contentType};charset=utf-8`, ...headers },
  });
}

/** PDS FHIR R4 error (spec/spine-services.md §1.5). */
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

/** SDS FHIR error (spec/spine-services.md §2.5). */
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

/** The SSP's own error format (spec/gpconnect.md §6.4, spec/spine-services.md §3.4). */
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

/** GP Connect DSTU2 provider error (spec/gpconnect.md §6.2); always no-store (§6.3). */
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
