/**
 * What every simulated GP Connect provider checks first on the bearer token (GP Connect 0.7.4 and 1.6:
 * integration_cross_organisation_audit_and_provenance): `Bearer`, unsigned (header.payload. with an empty signature), base64url JSON, header
 * exactly {"alg":"none","typ":"JWT"}, every required claim present, integer exp = iat + 300 and
 * not expired, reason_for_request directcare, the scope the interaction needs.
 */
export type JwtCheck =
  { ok: true; claims: Record<string, unknown> } | { ok: false; status: 400 | 422; code: 'BAD_REQUEST' | 'INVALID_RESOURCE'; reason: string };

export const badJwt = (reason: string): JwtCheck => ({ ok: false, status: 400, code: 'BAD_REQUEST', reason });
export const invalidJwtResource = (reason: string): JwtCheck => ({ ok: false, status: 422, code: 'INVALID_RESOURCE', reason });

function decodeSegment(segment: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) throw new Error('not base64url');
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const json = new TextDecoder().decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)));
  return JSON.parse(json);
}

export function checkJwtEnvelope(authorization: string | null, required: readonly string[], scope: string, now: number): JwtCheck {
  if (!authorization?.startsWith('Bearer ')) return badJwt('Authorization header with a Bearer token is required');
  const parts = authorization.slice('Bearer '.length).split('.');
  if (parts.length !== 3 || parts[2] !== '') return badJwt('JWT must be unsigned: header.payload. with an empty signature');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeSegment(parts[0]) as Record<string, unknown>;
    claims = decodeSegment(parts[1]) as Record<string, unknown>;
  } catch {
    return badJwt('JWT is not base64url-encoded JSON');
  }
  if (header.alg !== 'none' || header.typ !== 'JWT' || Object.keys(header).length !== 2) return badJwt('JWT header must be {"alg":"none","typ":"JWT"}');
  for (const claim of required) if (claims[claim] === undefined) return badJwt(`JWT claim ${claim} is missing`);
  if (!Number.isInteger(claims.exp) || !Number.isInteger(claims.iat)) return badJwt('JWT exp and iat must be integer seconds');
  if ((claims.exp as number) - (claims.iat as number) !== 300) return badJwt('JWT exp must be iat + 300');
  if ((claims.exp as number) * 1000 < now) return badJwt('JWT has expired');
  if (claims.reason_for_request !== 'directcare') return badJwt('JWT reason_for_request must be directcare');
  if (claims.requested_scope !== scope) return badJwt(`JWT requested_scope must be ${scope} for this interaction`);
  return { ok: true, claims };
}
