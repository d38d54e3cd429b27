/**
 * The checks a GP Connect DSTU2 provider makes on the bearer JWT (spec/gpconnect.md §2.4, §4.8):
 * unsigned, header {"alg":"none","typ":"JWT"}, trailing '.', every claim present, exp = iat + 300
 * and not expired, aud fixed, directcare, scope right for the interaction, claim resources of the
 * right type (else 422 INVALID_RESOURCE), sub = requesting_practitioner.id.
 */
export type JwtCheck =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; status: 400 | 422; code: 'BAD_REQUEST' | 'INVALID_RESOURCE'; reason: string };

const REQUIRED = [
  'iss', 'sub', 'aud', 'exp', 'iat', 'reason_for_request', 'requested_scope', 'requested_record',
  'requesting_device', 'requesting_organization', 'requesting_practitioner',
] as const;

function decodeSegment(segment: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) throw new Error('not base64url');
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const json = new TextDecoder().decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)));
  return JSON.parse(json);
}

const bad = (reason: string): JwtCheck => ({ ok: false, status: 400, code: 'BAD_REQUEST', reason });
const invalid = (reason: string): JwtCheck => ({ ok: false, status: 422, code: 'INVALID_RESOURCE', reason });

export function checkDstu2Jwt(
  authorization: string | null,
  expected: { scope: string; record: { resourceType: 'Patient' | 'Organization'; value?: string } },
  now = Date.now(),
): JwtCheck {
  if (!authorization?.startsWith('Bearer ')) return bad('Authorization header with a Bearer token is required');
  const token = authorization.slice('Bearer '.length);
  const parts = token.split('.');
  if (parts.length !== 3 || parts[2] !== '') return bad('JWT must be unsigned: header.payload. with an empty signature');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeSegment(parts[0]) as Record<string, unknown>;
    claims = decodeSegment(parts[1]) as Record<string, unknown>;
  } catch {
    return bad('JWT is not base64url-encoded JSON');
  }
  if (header.alg !== 'none' || header.typ !== 'JWT' || Object.keys(header).length !== 2) return bad('JWT header must be {"alg":"none","typ":"JWT"}');
  for (const claim of REQUIRED) if (claims[claim] === undefined) return bad(`JWT claim ${claim} is missing`);
  if (claims.aud !== 'https://authorize.fhir.nhs.net/token') return bad('JWT aud must be https://authorize.fhir.nhs.net/token');
  if (!Number.isInteger(claims.exp) || !Number.isInteger(claims.iat)) return bad('JWT exp and iat must be integer seconds');
  if ((claims.exp as number) - (claims.iat as number) !== 300) return bad('JWT exp must be iat + 300');
  if ((claims.exp as number) * 1000 < now) return bad('JWT has expired');
  if (claims.reason_for_request !== 'directcare') return bad('JWT reason_for_request must be directcare');
  if (claims.requested_scope !== expected.scope) return bad(`JWT requested_scope must be ${expected.scope} for this interaction`);

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
  // The DSTU2 SDS user id system lacks "/Id/" on purpose (spec/gpconnect.md §4.8).
  if (!pIds.some((i) => i.system === 'http://fhir.nhs.net/sds-user-id' && i.value)) {
    return invalid('JWT requesting_practitioner needs an identifier with system http://fhir.nhs.net/sds-user-id');
  }
  const name = practitioner.name as Record<string, unknown> | undefined;
  if (!name || Array.isArray(name) || !Array.isArray(name.family)) return invalid('JWT requesting_practitioner.name must be a DSTU2 HumanName with family[]');
  if (claims.sub !== practitioner.id) return bad('JWT sub must equal requesting_practitioner.id');
  return { ok: true, claims };
}
