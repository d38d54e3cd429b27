/**
 * The simulated NHS CIS2's test users: claims shaped like CIS2's (uid = SDS user id,
 * selected_roleid = role profile id, nhsid_nrbac_roles with the national RBAC role code and the
 * organisation, nhsid_user_orgs). One per viewer role, and one whose organisation is not set up
 * for GP Connect. Fixed: tests, screenshots and demos name them.
 */
export interface TestUser {
  id: string;
  /** What the login page says about them. */
  summary: string;
  claims: {
    uid: string;
    name: string;
    given_name: string;
    family_name: string;
    selected_roleid: string;
    nhsid_useruid: string;
    nhsid_nrbac_roles: { person_roleid: string; person_orgid: string; org_code: string; role_name: string; role_code: string }[];
    nhsid_user_orgs: { org_code: string; org_name: string }[];
  };
}

const VIEWER_ORG = { org_code: 'GPC001', org_name: 'GP Connect Viewer Test Trust' };

function user(
  id: string,
  summary: string,
  uid: string,
  given: string,
  family: string,
  roleId: string,
  roleCode: string,
  roleName: string,
  org = VIEWER_ORG,
): TestUser {
  return {
    id,
    summary,
    claims: {
      uid,
      name: `${given} ${family}`,
      given_name: given,
      family_name: family,
      selected_roleid: roleId,
      nhsid_useruid: uid,
      nhsid_nrbac_roles: [
        {
          person_roleid: roleId,
          person_orgid: `${roleId}1`,
          org_code: org.org_code,
          role_name: `"Clinical":"${roleName}"`,
          role_code: `S8000:G8000:${roleCode}`,
        },
      ],
      nhsid_user_orgs: [org],
    },
  };
}

export const TEST_USERS: TestUser[] = [
  user(
    'clinician',
    'GP (R8000 Clinical Practitioner): every record section, registration, directory',
    '555021935107',
    'Nichole',
    'Gilbert',
    '555021936103',
    'R8000',
    'Clinical Practitioner Access Role',
  ),
  user('nurse', 'Nurse (R8001): every record section, registration, directory', '555021937109', 'Amir', 'Patel', '555021938105', 'R8001', 'Nurse Access Role'),
  user(
    'clinical-support',
    'Clinical support (R8008): summary, allergies, medications and immunisations only',
    '555021939101',
    'Sam',
    'Okafor',
    '555021940108',
    'R8008',
    'Admin/Clinical Support Access Role',
  ),
  user(
    'receptionist',
    'Receptionist (R8009): finds patients, no record access',
    '555021941104',
    'Rita',
    'Lowe',
    '555021942100',
    'R8009',
    'Receptionist Access Role',
  ),
  user('privacy-officer', 'Privacy officer (R0001): the audit trail', '555021943106', 'Priya', 'Shah', '555021944102', 'R0001', 'Privacy Officer'),
  user(
    'unknown-role',
    'Systems support (R8015): a role this viewer does not recognise, allowed nothing',
    '555021945109',
    'Owen',
    'Marsh',
    '555021946105',
    'R8015',
    'Systems Support Access Role',
  ),
  user(
    'other-organisation',
    'GP at RXX01, an organisation not set up for GP Connect here',
    '555021947101',
    'Tom',
    'Reid',
    '555021948107',
    'R8000',
    'Clinical Practitioner Access Role',
    { org_code: 'RXX01', org_name: 'Elsewhere NHS Trust' },
  ),
];
