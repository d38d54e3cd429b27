/**
 * Every API route declares its guard next to itself (./route.ts): who may call it, what it is
 * audited as, the permission it needs and whether it calls the Spine (R9, R26, R27). The guard
 * runs first on its route: the session (or AUTH_MODE=none's configured user), CSRF on
 * state-changing requests, the role's permission, an organisation set up for GP Connect before any
 * Spine call, and the audit row, written before the answer leaves (if it cannot be written, the
 * answer is withheld).
 *
 * Fail closed: `requireDeclaredRoute` refuses any /api request whose route does not start with a
 * guard, so a route added without one answers nothing.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { matchedRoutes } from 'hono/route';
import { can, describePermission, ROLES, type Permission } from '../../shared/access';
import type { ErrorCode } from '../../shared/errors';
import { problemResponse, type AppEnv } from '../appEnv';
import { auditRecordOf, writeAudit } from '../audit/record';
import { configuredUser, type Requester, type User } from '../auth/user';
import { AppError } from '../problem';
import type { Services } from '../services';

export type Guard =
  /** Open without a session, not audited: health, this description, the steps of signing in. */
  | { access: 'public' }
  /** Any signed-in user, whatever their role; not audited by the guard (sign-out audits itself). */
  | { access: 'signed-in' }
  /** A role's permission; one audit row per request, whatever its outcome. */
  | {
      access: 'role';
      /** What the audit calls the request, e.g. "record.read". */
      audit: string;
      /** The permission needed; a function when it depends on the path (the record section). */
      permission: Permission | ((params: Record<string, string>) => Permission | undefined);
      /** Calls the Spine on the user's behalf: then the user's organisation must be set up for GP Connect (R9). */
      spine: boolean;
    };

/** The guard declared for a handler, through the wrapper Hono puts around a mounted app's handlers. */
const GUARDS = new WeakMap<object, Guard>();

export function guardOf(handler: unknown): Guard | undefined {
  if (typeof handler !== 'function') return undefined;
  // Hono wraps the handlers of an app mounted with its own error handler, keeping the original here.
  return GUARDS.get((handler as { __COMPOSED_HANDLER?: object }).__COMPOSED_HANDLER ?? handler);
}

/** The session cookie: `__Host-` prefixed (Secure, Path=/, no Domain) when the viewer is served over https. */
export function sessionCookie(services: Pick<Services, 'config'>): { name: string; secure: boolean } {
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
  let session: Awaited<ReturnType<Services['sessions']['resume']>>;
  try {
    session = await services.sessions.resume(id);
  } catch (error) {
    // The database is down: nothing can be shown, since nothing could be audited either (R26).
    services.logger.error({ event: 'session-store-unavailable', message: error instanceof Error ? error.message : String(error) });
    throw new AppError('AUDIT_UNAVAILABLE', { detail: 'The sessions and the audit trail cannot be reached.' });
  }
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
  if (session && !sameToken(c.req.header('X-CSRF-Token'), session.csrfToken))
    throw new AppError('CSRF_REJECTED', { detail: 'The X-CSRF-Token header is missing or wrong.' });
}

function authorize(guard: Extract<Guard, { access: 'role' }>, params: Record<string, string>, requester: Requester): void {
  // An unknown record section needs no permission: the route refuses it as bad input (400).
  const permission = typeof guard.permission === 'function' ? guard.permission(params) : guard.permission;
  const role = requester.user.role;
  if (permission && !can(role, permission)) {
    const who = role ? `The ${ROLES[role].name.toLowerCase()} role` : `Your role (${requester.user.jobRole?.code ?? 'none'})`;
    throw new AppError('FORBIDDEN_ROLE', { detail: `${who} may not ${describePermission(permission)}.` });
  }
  // R9: every Spine call names the user's organisation and its own ASID.
  if (guard.spine && !requester.organisation) {
    throw new AppError('ORGANISATION_NOT_CONFIGURED', {
      detail: `Your organisation (${requester.user.organisation.odsCode}) is not set up in this viewer's configuration to use GP Connect.`,
    });
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The first handler of a declared route: applies its guard. */
export function guardMiddleware(guard: Guard, services: Services): MiddlewareHandler<AppEnv> {
  const noneUser = services.config.auth.mode === 'none' ? configuredUser(services.config) : undefined;
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set('auditDetails', {});
    if (guard.access === 'public') return next();
    // The route's own path parameters, as given (the audit keeps what was asked for, even if not valid).
    const params = c.req.param() as Record<string, string>;
    let user: User | undefined;
    try {
      user = await authenticate(c, services, noneUser);
      if (UNSAFE.has(c.req.method)) checkCsrf(c, services);
      const requester: Requester = { user, organisation: services.config.consumers[user.organisation.odsCode] };
      c.set('requester', requester);
      if (guard.access === 'role') authorize(guard, params, requester);
      await next();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      replaceResponse(c, problemResponse(c, error));
    }
    if (guard.access !== 'role') return;
    // R26: no audit row, no data.
    if (!(await writeAudit(services, auditRecordOf(c, guard.audit, params, user)))) replaceResponse(c, problemResponse(c, new AppError('AUDIT_UNAVAILABLE')));
  };
  GUARDS.set(middleware, guard);
  return middleware;
}

/** What a guard can refuse with, for the OpenAPI description. */
export function guardProblems(guard: Guard, method: string): ErrorCode[] {
  if (guard.access === 'public') return [];
  const codes: ErrorCode[] = ['NOT_SIGNED_IN', 'SESSION_EXPIRED'];
  if (UNSAFE.has(method.toUpperCase())) codes.push('CSRF_REJECTED');
  if (guard.access === 'role') codes.push('FORBIDDEN_ROLE', ...(guard.spine ? (['ORGANISATION_NOT_CONFIGURED'] as const) : []), 'AUDIT_UNAVAILABLE');
  return codes;
}

/** The path template of the declared route a request matched (`/api/patients/:nhsNumber`), for the metrics: never the path itself. */
export function declaredRoute(c: Context<AppEnv>): string {
  return matchedRoutes(c).find((r) => guardOf(r.handler))?.path ?? 'undeclared';
}

/**
 * Fail closed: mounted before every /api route, it lets a request through only when the handler
 * that would answer next is a declared route's guard. A route added without one is refused, and logged.
 */
export function requireDeclaredRoute(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const following = matchedRoutes(c)[c.req.routeIndex + 1];
    if (!following || !guardOf(following.handler)) {
      services.logger.error({ event: 'route-without-guard', method: c.req.method, route: following?.path });
      throw new AppError('INTERNAL_ERROR', { detail: 'This API route declares no access rule, so it allows nothing.' });
    }
    return next();
  };
}
