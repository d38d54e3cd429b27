/**
 * Access control and audit around every API route (R26, R27): who is asking (the session, or
 * AUTH_MODE=none's configured user), CSRF on state-changing requests, the role's permission for
 * the route, an organisation set up for GP Connect before any Spine call, and the audit row,
 * written before the answer leaves (if it cannot be written, the answer is withheld).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { can, describePermission, ROLES } from '../../shared/access';
import { problemResponse, type AppEnv } from '../appEnv';
import { auditRecordOf, writeAudit } from '../audit/record';
import { AppError } from '../problem';
import type { Services } from '../services';
import { PUBLIC_ROUTES, policyFor, type RoutePolicy } from './policy';
import { configuredUser, type User } from './user';

/** The session cookie: `__Host-` prefixed (Secure, Path=/, no Domain) when the viewer is served over https. */
export function sessionCookie(services: Services): { name: string; secure: boolean } {
  const secure = services.config.publicUrl.startsWith('https://');
  return { name: secure ? '__Host-gpcv_session' : 'gpcv_session', secure };
}

/** Replaces the response outright (Hono would otherwise merge the old one's headers into it). */
export function replaceResponse(c: Context<AppEnv>, response: Response): void {
  c.res = undefined as unknown as Response;
  c.res = response;
}

function sameToken(a: string | undefined, b: string): boolean {
  if (a === undefined || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

async function authenticate(c: Context<AppEnv>, services: Services, noneUser: User | undefined): Promise<User> {
  if (noneUser) return noneUser;
  const cookie = sessionCookie(services);
  const id = getCookie(c, cookie.name);
  if (!id) throw new AppError('NOT_SIGNED_IN');
  const session = await services.sessions.resume(id);
  if (session === undefined || session === 'expired') {
    deleteCookie(c, cookie.name, { path: '/', secure: cookie.secure });
    throw new AppError(session === 'expired' ? 'SESSION_EXPIRED' : 'NOT_SIGNED_IN');
  }
  c.set('session', { ...session, id });
  return session.user;
}

/** State-changing requests come from this viewer's own pages: same origin, and the session's CSRF token echoed in a header. */
function checkCsrf(c: Context<AppEnv>, services: Services): void {
  const origin = c.req.header('Origin');
  if (origin && origin !== new URL(services.config.publicUrl).origin) throw new AppError('CSRF_REJECTED', { detail: `A request from ${origin} was refused.` });
  const session = c.get('session');
  if (session && !sameToken(c.req.header('X-CSRF-Token'), session.csrfToken)) throw new AppError('CSRF_REJECTED', { detail: 'The X-CSRF-Token header is missing or wrong.' });
}

function authorize(policy: RoutePolicy, match: RegExpMatchArray, services: Services): void {
  const requester = services.requester!;
  const permission = typeof policy.permission === 'function' ? policy.permission(match) : policy.permission;
  const role = requester.user.role;
  if (permission && !can(role, permission)) {
    const who = role ? `The ${ROLES[role].name.toLowerCase()} role` : `Your role (${requester.user.jobRole?.code ?? 'none'})`;
    throw new AppError('FORBIDDEN_ROLE', { detail: `${who} may not ${describePermission(permission)}.` });
  }
  // R9: every Spine call names the user's organisation and its own ASID.
  if (policy.spine && !requester.organisation) {
    throw new AppError('ORGANISATION_NOT_CONFIGURED', { detail: `Your organisation (${requester.user.organisation.odsCode}) is not set up in this viewer's configuration to use GP Connect.` });
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function accessControl(services: Services): MiddlewareHandler<AppEnv> {
  const noneUser = services.config.auth.mode === 'none' ? configuredUser(services.config) : undefined;
  return async (c, next) => {
    c.set('auditDetails', {});
    c.set('services', services);
    if (PUBLIC_ROUTES.has(c.req.path)) return next();
    const found = policyFor(c.req.method, c.req.path);
    let user: User | undefined;
    try {
      user = await authenticate(c, services, noneUser);
      if (UNSAFE.has(c.req.method)) checkCsrf(c, services);
      c.set('services', { ...services, requester: { user, organisation: services.config.consumers[user.organisation.odsCode] } });
      if (found) authorize(found.policy, found.match, c.get('services'));
      await next();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      replaceResponse(c, problemResponse(c, error));
    }
    if (!found) return;
    // R26: no audit row, no data.
    if (!(await writeAudit(services, auditRecordOf(c, found.policy, found.match, user)))) replaceResponse(c, problemResponse(c, new AppError('AUDIT_UNAVAILABLE')));
  };
}
