/**
 * The checks a GP Connect STU3 (1.x) provider makes on the bearer JWT (GP Connect 1.6: integration_cross_organisation_audit_and_provenance):
 * the common envelope (jwt-common), aud = this server's service root URL, no requested_record,
 * STU3 resource shapes (else 422 INVALID_RESOURCE), sub = requesting_practitioner.id.
 */
import { badJwt, checkJwtEnvelope, invalidJwtResource, type JwtCheck } from '../jwt-common';

const REQUIRED = [
  'iss',
  'sub',
  'aud',
  'exp',
  'iat',
  'reason_for_request',
  'requested_scope',
  'requesting_device',
  'requesting_organization',
  'requesting_practitioner',
] as const;

type Identifier = { system?: string; value?: string };

export type Stu3Scope = 'patient/*.read' | 'patient/*.write' | 'organization/*.read';

export function checkStu3Jwt(authorization: string | null, expected: { aud: string; scope: Stu3Scope }, now = Date.now()): JwtCheck {
  const envelope = checkJwtEnvelope(authorization, REQUIRED, expected.scope, now);
  if (!envelope.ok) return envelope;
  const claims = envelope.claims;
  if (claims.aud !== expected.aud) return badJwt(`JWT aud must be this server's service root URL ${expected.aud}`);
  if (claims.requested_record !== undefined) return badJwt('JWT requested_record is a DSTU2 claim; STU3 has none');

  const device = claims.requesting_device as Record<string, unknown>;
  const deviceIds = (device?.identifier as Identifier[] | undefined) ?? [];
  if (device?.resourceType !== 'Device' || !deviceIds.some((i) => i.system && i.value) || !device.model || !device.version) {
    return invalidJwtResource('JWT requesting_device must be a Device with an identifier, model and version');
  }
  const org = claims.requesting_organization as Record<string, unknown>;
  const orgIds = (org?.identifier as Identifier[] | undefined) ?? [];
  if (org?.resourceType !== 'Organization' || !org.name || !orgIds.some((i) => i.system === 'https://fhir.nhs.uk/Id/ods-organization-code' && i.value)) {
    return invalidJwtResource('JWT requesting_organization must be an Organization with a name and an ODS code');
  }
  const practitioner = claims.requesting_practitioner as Record<string, unknown>;
  if (practitioner?.resourceType !== 'Practitioner' || !practitioner.id)
    return invalidJwtResource('JWT requesting_practitioner must be a Practitioner with an id');
  const ids = (practitioner.identifier as Identifier[] | undefined) ?? [];
  // The SDS user id may be UNK, but the identifier must be there (GP Connect 1.6: integration_cross_organisation_audit_and_provenance).
  if (!ids.some((i) => i.system === 'https://fhir.nhs.uk/Id/sds-user-id' && i.value)) {
    return invalidJwtResource('JWT requesting_practitioner needs an identifier with system https://fhir.nhs.uk/Id/sds-user-id');
  }
  const names = practitioner.name;
  if (!Array.isArray(names) || names.length === 0 || typeof (names[0] as { family?: unknown }).family !== 'string') {
    return invalidJwtResource('JWT requesting_practitioner.name must be an STU3 HumanName array with a family name');
  }
  if (claims.sub !== practitioner.id) return badJwt('JWT sub must equal requesting_practitioner.id');
  return { ok: true, claims };
}
