/**
 * The checks a GP Connect DSTU2 provider makes on the bearer JWT (GP Connect 1.6: integration_cross_organisation_audit_and_provenance; GP Connect 0.7.4: integration_cross_organisation_audit_and_provenance):
 * unsigned, header {"alg":"none","typ":"JWT"}, trailing '.', every claim present, exp = iat + 300
 * and not expired, aud fixed, directcare, scope right for the interaction, claim resources of the
 * right type (else 422 INVALID_RESOURCE), sub = requesting_practitioner.id.
 */
import { badJwt as bad, checkJwtEnvelope, invalidJwtResource as invalid, type JwtCheck } from '../jwt-common';

export type { JwtCheck };

const REQUIRED = [
  'iss',
  'sub',
  'aud',
  'exp',
  'iat',
  'reason_for_request',
  'requested_scope',
  'requested_record',
  'requesting_device',
  'requesting_organization',
  'requesting_practitioner',
] as const;

export function checkDstu2Jwt(
  authorization: string | null,
  expected: { scope: string; record: { resourceType: 'Patient' | 'Organization'; value?: string } },
  now = Date.now(),
): JwtCheck {
  const envelope = checkJwtEnvelope(authorization, REQUIRED, expected.scope, now);
  if (!envelope.ok) return envelope;
  const claims = envelope.claims;
  if (claims.aud !== 'https://authorize.fhir.nhs.net/token') return bad('JWT aud must be https://authorize.fhir.nhs.net/token');

  const record = claims.requested_record as Record<string, unknown>;
  if (record?.resourceType !== expected.record.resourceType) return invalid(`JWT requested_record must be a ${expected.record.resourceType}`);
  if (expected.record.value !== undefined) {
    const ids = (record.identifier as { system?: string; value?: string }[] | undefined) ?? [];
    const system = expected.record.resourceType === 'Patient' ? 'http://fhir.nhs.net/Id/nhs-number' : 'http://fhir.nhs.net/Id/ods-organization-code';
    if (!ids.some((i) => i.system === system && i.value === expected.record.value)) {
      return bad('JWT requested_record does not match the record requested');
    }
  }
  const device = claims.requesting_device as Record<string, unknown>;
  if (device?.resourceType !== 'Device' || !device.id) return invalid('JWT requesting_device must be a Device with an id');
  const org = claims.requesting_organization as Record<string, unknown>;
  const orgIds = (org?.identifier as { system?: string; value?: string }[] | undefined) ?? [];
  if (org?.resourceType !== 'Organization' || !org.id || !orgIds.some((i) => i.system === 'http://fhir.nhs.net/Id/ods-organization-code' && i.value)) {
    return invalid('JWT requesting_organization must be an Organization with an id and an ODS code');
  }
  const practitioner = claims.requesting_practitioner as Record<string, unknown>;
  if (practitioner?.resourceType !== 'Practitioner' || !practitioner.id) return invalid('JWT requesting_practitioner must be a Practitioner with an id');
  const pIds = (practitioner.identifier as { system?: string; value?: string }[] | undefined) ?? [];
  // The DSTU2 SDS user id system lacks "/Id/" on purpose (GP Connect 0.7.4: integration_cross_organisation_audit_and_provenance).
  if (!pIds.some((i) => i.system === 'http://fhir.nhs.net/sds-user-id' && i.value)) {
    return invalid('JWT requesting_practitioner needs an identifier with system http://fhir.nhs.net/sds-user-id');
  }
  const name = practitioner.name as Record<string, unknown> | undefined;
  if (!name || Array.isArray(name) || !Array.isArray(name.family)) return invalid('JWT requesting_practitioner.name must be a DSTU2 HumanName with family[]');
  if (claims.sub !== practitioner.id) return bad('JWT sub must equal requesting_practitioner.id');
  return { ok: true, claims };
}
