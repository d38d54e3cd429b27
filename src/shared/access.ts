/**
 * Who may do what (R27): the signed-in user's national RBAC role (from NHS CIS2) maps to one of
 * this viewer's roles, and each role to the actions it allows. Shared: the BFF enforces it, the
 * SPA only hides what would be refused.
 */
import { SECTION_CODES, SECTIONS, type SectionCode } from './sections';

export type Permission =
  | 'patient:search' // PDS trace, GP Connect availability, the practice's record of the patient
  | `record:${SectionCode}` // open one Access Record HTML section
  | 'patient:register' // temporary registration at another practice
  | 'directory:read' // organisations, locations, practitioners
  | 'audit:read'; // the audit trail

export type AppRole = 'clinician' | 'clinical-support' | 'administrative' | 'privacy-officer';

const ALL_SECTIONS = SECTION_CODES.map((s) => `record:${s}` as const);

export const ROLES: Record<AppRole, { name: string; permissions: readonly Permission[] }> = {
  clinician: { name: 'Clinician', permissions: ['patient:search', ...ALL_SECTIONS, 'patient:register', 'directory:read'] },
  // Summary, allergies, medication and immunisations only: what clinical support work needs.
  'clinical-support': {
    name: 'Clinical support',
    permissions: ['patient:search', 'record:SUM', 'record:ALL', 'record:MED', 'record:IMM', 'patient:register', 'directory:read'],
  },
  administrative: { name: 'Administrative', permissions: ['patient:search', 'patient:register', 'directory:read'] },
  'privacy-officer': { name: 'Privacy officer', permissions: ['audit:read', 'directory:read'] },
};

/**
 * National RBAC job role codes (the R part of CIS2's role_code, e.g. "S8000:G8000:R8000") and the
 * viewer role each is given. A code not listed here is given no role: it can sign in, and do nothing.
 */
export const NATIONAL_ROLES: Record<string, { name: string; role: AppRole }> = {
  R8000: { name: 'Clinical Practitioner Access Role', role: 'clinician' },
  R8001: { name: 'Nurse Access Role', role: 'clinician' },
  R8003: { name: 'Health Professional Access Role', role: 'clinician' },
  R8008: { name: 'Admin/Clinical Support Access Role', role: 'clinical-support' },
  R8009: { name: 'Receptionist Access Role', role: 'administrative' },
  R8010: { name: 'Clerical Access Role', role: 'administrative' },
  R0001: { name: 'Privacy Officer', role: 'privacy-officer' },
};

export function permissionsOf(role: AppRole | undefined): readonly Permission[] {
  return role ? ROLES[role].permissions : [];
}

export function can(role: AppRole | undefined, permission: Permission): boolean {
  return permissionsOf(role).includes(permission);
}

/** What a permission allows, in words, for the message when a role lacks it. */
export function describePermission(permission: Permission): string {
  if (permission.startsWith('record:')) return `open the ${SECTIONS[permission.slice(7) as SectionCode].title} section of a GP record`;
  return {
    'patient:search': 'find patients',
    'patient:register': 'register patients',
    'directory:read': 'look up organisations and practitioners',
    'audit:read': 'view the audit trail',
  }[permission as 'patient:search'];
}
