import { describe, expect, it } from 'vitest';
import { buildDstu2Jwt } from '../../src/server/spine/jwt';
import { checkDstu2Jwt } from '../../mocks/handlers/provider-dstu2/jwt-check';

const input = {
  iss: 'https://viewer.example/',
  user: { sdsUserId: 'G13579135', roleProfileId: '111111111', family: 'Gilbert', given: 'Nichole', prefix: 'Dr' },
  organisation: { odsCode: 'GPC001', name: 'Consumer' },
  requestedRecord: { kind: 'patient' as const, nhsNumber: '9658218873' },
  scope: 'patient/*.read' as const,
  now: 1_700_000_000,
};

function decode(segment: string) {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

describe('GP Connect DSTU2 JWT (GP Connect 1.6: integration_cross_organisation_audit_and_provenance; GP Connect 0.7.4: integration_cross_organisation_audit_and_provenance)', () => {
  const token = buildDstu2Jwt(input);
  const [header, payload, signature] = token.split('.');

  it('is unsigned with the exact header and a trailing dot', () => {
    expect(token.endsWith('.')).toBe(true);
    expect(signature).toBe('');
    expect(Buffer.from(header, 'base64url').toString()).toBe('{"alg":"none","typ":"JWT"}');
    expect(header + payload).not.toMatch(/[=+/]/);
  });

  it('carries the DSTU2 claims', () => {
    const claims = decode(payload);
    expect(claims).toMatchObject({
      iss: 'https://viewer.example/',
      sub: 'G13579135',
      aud: 'https://authorize.fhir.nhs.net/token',
      iat: 1_700_000_000,
      exp: 1_700_000_300,
      reason_for_request: 'directcare',
      requested_scope: 'patient/*.read',
      requested_record: { resourceType: 'Patient', identifier: [{ system: 'http://fhir.nhs.net/Id/nhs-number', value: '9658218873' }] },
    });
    expect(claims.requesting_practitioner.id).toBe(claims.sub);
    expect(claims.requesting_practitioner.identifier[0]).toEqual({ system: 'http://fhir.nhs.net/sds-user-id', value: 'G13579135' });
    expect(claims.requesting_practitioner.name.family).toEqual(['Gilbert']);
    expect(claims.requesting_organization.identifier[0].system).toBe('http://fhir.nhs.net/Id/ods-organization-code');
  });

  it("the practitioner's job role is their national RBAC code, and UNK for what sign-in did not give (R10)", () => {
    expect(
      decode(buildDstu2Jwt({ ...input, user: { ...input.user, jobRoleCode: 'R8001' } }).split('.')[1]).requesting_practitioner.practitionerRole[0].role
        .coding[0].code,
    ).toBe('R8001');
    const unknown = decode(buildDstu2Jwt({ ...input, user: { ...input.user, sdsUserId: '', roleProfileId: '' } }).split('.')[1]);
    expect(unknown.sub).toBe('UNK');
    expect(unknown.requesting_practitioner.identifier.map((i: { value: string }) => i.value)).toEqual(['UNK', 'UNK']);
    expect(unknown.requesting_practitioner.practitionerRole[0].role.coding[0].code).toBe('UNK');
  });

  it('a new token is made per request (iat moves with the clock)', () => {
    const later = buildDstu2Jwt({ ...input, now: input.now + 1 });
    expect(later).not.toBe(token);
  });

  it("passes the simulated provider's checks, which reject tampering", () => {
    const at = input.now * 1000;
    const expected = { scope: 'patient/*.read', record: { resourceType: 'Patient' as const, value: '9658218873' } };
    expect(checkDstu2Jwt(`Bearer ${token}`, expected, at)).toMatchObject({ ok: true });
    expect(checkDstu2Jwt(`Bearer ${token}`, { ...expected, record: { resourceType: 'Patient', value: '9658220169' } }, at)).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(checkDstu2Jwt(`Bearer ${token}`, { ...expected, scope: 'organization/*.read' }, at)).toMatchObject({ ok: false, status: 400 });
    expect(checkDstu2Jwt(`Bearer ${token}`, expected, at + 301_000)).toMatchObject({ ok: false, reason: 'JWT has expired' });
    expect(checkDstu2Jwt(`Bearer ${token}x`, expected, at)).toMatchObject({ ok: false, status: 400 });
    const signedHeader = Buffer.from('{"alg":"none"}').toString('base64url');
    expect(checkDstu2Jwt(`Bearer ${signedHeader}.${payload}.`, expected, at)).toMatchObject({ ok: false, status: 400 });
    expect(checkDstu2Jwt(null, expected, at)).toMatchObject({ ok: false, status: 400 });
  });
});
