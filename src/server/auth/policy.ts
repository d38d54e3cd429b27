/**
 * What each API route is, for access control and audit (R26, R27): the action it is audited as,
 * the permission it needs, and whether it calls the Spine (then the user's organisation must be
 * set up for GP Connect, R9). A route not listed needs only a signed-in user and is not audited.
 */
import type { Permission } from '../../shared/access';
import { isSectionCode } from '../../shared/sections';

export interface RoutePolicy {
  method: string;
  path: RegExp;
  action: string;
  /** The permission needed; a function when it depends on the path (the record section). */
  permission: Permission | ((match: RegExpMatchArray) => Permission | undefined);
  /** Calls the Spine on the user's behalf. */
  spine: boolean;
  /** Where the NHS number and the section are in the path. */
  nhsNumberGroup?: number;
  sectionGroup?: number;
}

const PATIENT = '/api/patients/([^/]+)';

export const ROUTE_POLICIES: RoutePolicy[] = [
  { method: 'GET', path: new RegExp(`^${PATIENT}$`), action: 'patient.trace', permission: 'patient:search', spine: true, nhsNumberGroup: 1 },
  { method: 'GET', path: new RegExp(`^${PATIENT}/gp-connect$`), action: 'patient.gp-connect', permission: 'patient:search', spine: true, nhsNumberGroup: 1 },
  // An unknown section needs no permission: the route refuses it as bad input (400).
  { method: 'GET', path: new RegExp(`^${PATIENT}/record/([^/]+)$`), action: 'record.read', permission: (m) => (isSectionCode(m[2]) ? `record:${m[2]}` : undefined), spine: true, nhsNumberGroup: 1, sectionGroup: 2 },
  { method: 'GET', path: new RegExp(`^${PATIENT}/gp-patient$`), action: 'patient.practice-record', permission: 'patient:search', spine: true, nhsNumberGroup: 1 },
  { method: 'POST', path: new RegExp(`^${PATIENT}/registrations$`), action: 'patient.register', permission: 'patient:register', spine: true, nhsNumberGroup: 1 },
  { method: 'GET', path: /^\/api\/organisations$/, action: 'organisation.search', permission: 'directory:read', spine: true },
  { method: 'GET', path: /^\/api\/organisations\/[^/]+\/capability$/, action: 'organisation.capability', permission: 'directory:read', spine: true },
  { method: 'GET', path: /^\/api\/organisations\/[^/]+\/by-id\/[^/]+$/, action: 'organisation.read', permission: 'directory:read', spine: true },
  { method: 'GET', path: /^\/api\/practitioners$/, action: 'practitioner.search', permission: 'directory:read', spine: true },
  { method: 'GET', path: /^\/api\/practitioners\/[^/]+$/, action: 'practitioner.read', permission: 'directory:read', spine: true },
  { method: 'GET', path: /^\/api\/locations\/[^/]+$/, action: 'location.read', permission: 'directory:read', spine: true },
  { method: 'GET', path: /^\/api\/audit$/, action: 'audit.search', permission: 'audit:read', spine: false },
  { method: 'GET', path: /^\/api\/audit\/export$/, action: 'audit.export', permission: 'audit:read', spine: false },
];

/** Routes open without a session: health, and the steps of signing in. */
export const PUBLIC_ROUTES = new Set(['/api/health', '/api/auth/login', '/api/auth/callback']);

export function policyFor(method: string, path: string): { policy: RoutePolicy; match: RegExpMatchArray } | undefined {
  for (const policy of ROUTE_POLICIES) {
    if (policy.method !== method) continue;
    const match = path.match(policy.path);
    if (match) return { policy, match };
  }
  return undefined;
}
