/**
 * The GP Connect audit JWT, built on the server per request (R10; GP Connect 1.6: integration_cross_organisation_audit_and_provenance; GP Connect 0.7.4: integration_cross_organisation_audit_and_provenance).
 * Unsigned: header exactly {"alg":"none","typ":"JWT"} (jose's UnsecuredJWT omits typ, so we
 * encode it ourselves), base64url without padding, and a trailing '.' for the empty signature.
 */

export interface RequestingUser {
  sdsUserId: string;
  roleProfileId: string;
  family: string;
  given: string;
  prefix: string;
  /** National RBAC job role code (e.g. R8000), for the DSTU2 practitionerRole. */
  jobRoleCode?: string;
}

export interface RequestingOrganisation {
  odsCode: string;
  name: string;
}

export type RequestedRecord = { kind: 'patient'; nhsNumber: string } | { kind: 'organization'; odsCode: string };

export interface Dstu2JwtInput {
  iss: string;
  user: RequestingUser;
  organisation: RequestingOrganisation;
  requestedRecord: RequestedRecord;
  scope: 'patient/*.read' | 'organization/*.read';
  /** Seconds since the epoch; injectable for tests. */
  now?: number;
}

export function base64UrlEncode(value: string): string {
  const bytes = new TextEncoder().encode(value);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** DSTU2 (0.7.x) claims: fixed aud, requested_record, DSTU2 resource shapes (GP Connect 0.7.4: integration_cross_organisation_audit_and_provenance). */
export function dstu2Claims(input: Dstu2JwtInput): Record<string, unknown> {
  const iat = input.now ?? Math.floor(Date.now() / 1000);
  const practitionerId = input.user.sdsUserId || 'UNK';
  return {
    iss: input.iss,
    sub: practitionerId,
    aud: 'https://authorize.fhir.nhs.net/token',
    exp: iat + 300,
    iat,
    reason_for_request: 'directcare',
    requested_record:
      input.requestedRecord.kind === 'patient'
        ? { resourceType: 'Patient', identifier: [{ system: 'http://fhir.nhs.net/Id/nhs-number', value: input.requestedRecord.nhsNumber }] }
        : { resourceType: 'Organization', identifier: [{ system: 'http://fhir.nhs.net/Id/ods-organization-code', value: input.requestedRecord.odsCode }] },
    requested_scope: input.scope,
    requesting_device: {
      resourceType: 'Device',
      id: 'gp-connect-viewer',
      identifier: [{ system: 'https://gp-connect-viewer.local/Id/device', value: 'gp-connect-viewer' }],
      model: 'GP Connect Viewer',
      version: '0.1.0',
    },
    requesting_organization: {
      resourceType: 'Organization',
      id: input.organisation.odsCode,
      identifier: [{ system: 'http://fhir.nhs.net/Id/ods-organization-code', value: input.organisation.odsCode }],
      name: input.organisation.name,
    },
    requesting_practitioner: {
      resourceType: 'Practitioner',
      id: practitionerId,
      identifier: [
        // The DSTU2 SDS user id system has no "/Id/" (GP Connect 0.7.4: integration_cross_organisation_audit_and_provenance).
        { system: 'http://fhir.nhs.net/sds-user-id', value: input.user.sdsUserId || 'UNK' },
        { system: 'http://fhir.nhs.net/sds-role-profile-id', value: input.user.roleProfileId || 'UNK' },
      ],
      name: { family: [input.user.family], given: [input.user.given], ...(input.user.prefix ? { prefix: [input.user.prefix] } : {}) },
      // The user's national RBAC job role, or UNK (GP Connect 0.7.4: integration_cross_organisation_audit_and_provenance).
      practitionerRole: [{ role: { coding: [{ system: 'http://fhir.nhs.net/ValueSet/sds-job-role-name-1', code: input.user.jobRoleCode ?? 'UNK' }] } }],
    },
  };
}

export function encodeUnsignedJwt(claims: Record<string, unknown>): string {
  return `${base64UrlEncode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64UrlEncode(JSON.stringify(claims))}.`;
}

export function buildDstu2Jwt(input: Dstu2JwtInput): string {
  return encodeUnsignedJwt(dstu2Claims(input));
}

export type Stu3Scope = 'patient/*.read' | 'patient/*.write' | 'organization/*.read';

export interface Stu3JwtInput {
  iss: string;
  user: RequestingUser;
  organisation: RequestingOrganisation;
  /** The provider's service root URL as SDS holds it (GP Connect 1.6: integration_cross_organisation_audit_and_provenance). */
  aud: string;
  scope: Stu3Scope;
  now?: number;
}

/** STU3 (1.x) claims: aud = service root URL, no requested_record, STU3 resource shapes (GP Connect 1.6: integration_cross_organisation_audit_and_provenance). */
export function stu3Claims(input: Stu3JwtInput): Record<string, unknown> {
  const iat = input.now ?? Math.floor(Date.now() / 1000);
  const practitionerId = input.user.sdsUserId || 'UNK';
  return {
    iss: input.iss,
    sub: practitionerId,
    aud: input.aud,
    exp: iat + 300,
    iat,
    reason_for_request: 'directcare',
    requested_scope: input.scope,
    requesting_device: {
      resourceType: 'Device',
      identifier: [{ system: 'https://gp-connect-viewer.local/Id/device', value: 'gp-connect-viewer' }],
      model: 'GP Connect Viewer',
      version: '0.1.0',
    },
    requesting_organization: {
      resourceType: 'Organization',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: input.organisation.odsCode }],
      name: input.organisation.name,
    },
    requesting_practitioner: {
      resourceType: 'Practitioner',
      id: practitionerId,
      identifier: [
        { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: input.user.sdsUserId || 'UNK' },
        { system: 'https://fhir.nhs.uk/Id/sds-role-profile-id', value: input.user.roleProfileId || 'UNK' },
      ],
      name: [{ family: input.user.family, given: [input.user.given], ...(input.user.prefix ? { prefix: [input.user.prefix] } : {}) }],
    },
  };
}

export function buildStu3Jwt(input: Stu3JwtInput): string {
  return encodeUnsignedJwt(stu3Claims(input));
}
