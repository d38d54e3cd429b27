/**
 * The signed-in user, from NHS CIS2's claims (or the configured user when AUTH_MODE=none), and
 * the requester every Spine call is made for: that user and their organisation's ASID (R9, R10).
 */
import { z } from 'zod';
import { NATIONAL_ROLES, type AppRole } from '../../shared/access';
import type { Config, ConsumerOrganisation } from '../config';
import { AppError } from '../problem';
import type { RequestingOrganisation, RequestingUser } from '../spine/jwt';

export interface User {
  /** SDS user id (CIS2 `uid`); 'UNK' when CIS2 gave none (GP Connect 1.6: integration_cross_organisation_audit_and_provenance). */
  sdsUserId: string;
  /** SDS role profile id of the role the user selected at sign-in (CIS2 `selected_roleid`). */
  roleProfileId: string;
  name: { given: string; family: string; prefix?: string };
  /** National RBAC job role, e.g. { code: 'R8000', name: 'Clinical Practitioner Access Role' }. */
  jobRole?: { code: string; name: string };
  /** This viewer's role for it (src/shared/access.ts); none: signed in, allowed nothing. */
  role?: AppRole;
  organisation: { odsCode: string; name?: string };
}

export interface Requester {
  user: User;
  /** The user's organisation as configured for GP Connect, or undefined when it is not (R9). */
  organisation?: ConsumerOrganisation;
}

export function displayName(user: User): string {
  return [user.name.prefix, user.name.given, user.name.family].filter(Boolean).join(' ');
}

function withRole(user: Omit<User, 'role' | 'jobRole'>, roleCode: string | undefined): User {
  const national = roleCode ? NATIONAL_ROLES[roleCode] : undefined;
  return { ...user, jobRole: roleCode ? { code: roleCode, name: national?.name ?? 'a role this viewer does not recognise' } : undefined, role: national?.role };
}

/** AUTH_MODE=none: the one configured user, at the default requesting organisation. */
export function configuredUser(config: Config): User {
  const u = config.user;
  return withRole(
    {
      sdsUserId: u.sdsUserId,
      roleProfileId: u.roleProfileId,
      name: { given: u.given, family: u.family, prefix: u.prefix },
      organisation: { odsCode: config.consumer.odsCode, name: config.consumer.name },
    },
    u.roleCode,
  );
}

/** CIS2 claims, as far as this viewer reads them (ID token with the nationalrbacaccess and associatedorgs scopes). */
const Cis2Claims = z.object({
  uid: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  name: z.string().optional(),
  selected_roleid: z.string().optional(),
  nhsid_nrbac_roles: z
    .array(z.looseObject({ person_roleid: z.string(), org_code: z.string(), role_code: z.string(), role_name: z.string().optional() }))
    .min(1),
  nhsid_user_orgs: z.array(z.looseObject({ org_code: z.string(), org_name: z.string().optional() })).optional(),
});

export class ClaimsError extends Error {}

/** The user from CIS2's claims: the selected role's job role code and organisation. Throws ClaimsError when they cannot be read. */
export function userFromClaims(claims: unknown): User {
  const parsed = Cis2Claims.safeParse(claims);
  if (!parsed.success)
    throw new ClaimsError(
      `the identity provider's claims could not be read: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const c = parsed.data;
  const selected = c.nhsid_nrbac_roles.find((r) => r.person_roleid === c.selected_roleid) ?? c.nhsid_nrbac_roles[0];
  // "S8000:G8000:R8000": the job role is the R code.
  const roleCode = selected.role_code.split(':').find((part) => /^R\d{4}$/.test(part));
  const [given = '', ...rest] = (c.name ?? '').split(' ');
  return withRole(
    {
      sdsUserId: c.uid || 'UNK',
      roleProfileId: selected.person_roleid || 'UNK',
      name: { given: c.given_name ?? given, family: c.family_name ?? rest.join(' ') },
      organisation: { odsCode: selected.org_code, name: c.nhsid_user_orgs?.find((o) => o.org_code === selected.org_code)?.org_name },
    },
    roleCode,
  );
}

/**
 * Who a Spine call is made for, as the GP Connect JWT and Ssp-From name them: the signed-in user
 * (requesting_practitioner, sub) and their organisation's configured ASID and name
 * (requesting_organization, Ssp-From) (R9, R10; GP Connect 1.6: integration_spine_secure_proxy, integration_cross_organisation_audit_and_provenance).
 */
export function spineRequester(requester: Requester | undefined): { user: RequestingUser; organisation: RequestingOrganisation; asid: string } {
  // The access middleware sets the requester before any Spine route runs; without one nothing is sent.
  if (!requester) throw new AppError('NOT_SIGNED_IN');
  if (!requester.organisation)
    throw new AppError('ORGANISATION_NOT_CONFIGURED', {
      detail: `Your organisation (${requester.user.organisation.odsCode}) is not set up in this viewer's configuration to use GP Connect.`,
    });
  const { user, organisation } = requester;
  return {
    user: {
      sdsUserId: user.sdsUserId,
      roleProfileId: user.roleProfileId,
      family: user.name.family,
      given: user.name.given,
      prefix: user.name.prefix ?? '',
      jobRoleCode: user.jobRole?.code,
    },
    organisation: { odsCode: organisation.odsCode, name: organisation.name },
    asid: organisation.asid,
  };
}
