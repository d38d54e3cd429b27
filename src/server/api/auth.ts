/**
 * Signing in and out (issue 5): OpenID Connect authorization code + PKCE against NHS CIS2 (the
 * simulated CIS2 in mock mode), a session in the database, and the session as the SPA sees it.
 * Every sign-in attempt and every sign-out is audited.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { z } from 'zod';
import { permissionsOf, ROLES } from '../../shared/access';
import { SessionSchema, SignOutSchema, type Session } from '../../shared/api';
import { NoQuery, SignInCallbackQuery, SignInQuery } from '../../shared/apiInput';
import type { AppEnv } from '../appEnv';
import { auditUser, writeAudit } from '../audit/record';
import type { AuditRecord } from '../audit/auditLog';
import { AppError } from '../problem';
import type { Services } from '../services';
import { ClaimsError, displayName, userFromClaims, type User } from '../auth/user';
import { sessionCookie } from './guard';
import { ApiArea } from './route';

/** The sign-in in progress: sent back on the provider's redirect, so SameSite=Lax, and only to /api/auth. */
const SIGN_IN_COOKIE = 'gpcv_signin';

/** A path inside the SPA to return to after sign-in; anything else (another site, the API) becomes '/'. */
export function safeReturnTo(value: string | undefined): string {
  if (!value || value.length > 512 || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.startsWith('/api/')) return '/';
  return /^\/[\w\-./?=&%#~+]*$/.test(value) ? value : '/';
}

export function authApi(services: Services): ApiArea {
  const cookie = sessionCookie(services);

  const audit = (c: Context<AppEnv>, record: Omit<AuditRecord, 'requestId' | 'sspCalls'>) =>
    writeAudit(services, { ...record, requestId: c.get('traceId'), sspCalls: [] });

  const signInFailed = async (c: Context<AppEnv>, reason: string, user?: User, detail?: string) => {
    services.logger.warn({ event: 'sign-in-failed', reason, detail, traceId: c.get('traceId') });
    await audit(c, {
      user: auditUser(user),
      action: 'sign-in',
      outcome: 'failure',
      httpStatus: 302,
      errorCode: `SIGN_IN_${reason.toUpperCase()}`,
      details: { reason },
    });
    return c.redirect(`/sign-in?error=${reason}`, 302);
  };

  const signInProblems = ['NOT_FOUND'] as const;
  return new ApiArea('sign-in', services)
    .route({
      method: 'get',
      path: '/auth/login',
      summary: 'Start signing in',
      description: 'A redirect to the identity provider (NHS CIS2): authorization code with PKCE. Sign-in steps are audited themselves.',
      guard: { access: 'public' },
      query: SignInQuery,
      response: { status: 302, description: 'To the identity provider' },
      problems: signInProblems,
      handler: async (c, { query }) => {
        const signIn = services.signIn;
        if (!signIn) throw new AppError('NOT_FOUND', { detail: 'Sign-in is off (AUTH_MODE=none).' });
        let begun;
        try {
          begun = await signIn.begin();
        } catch (error) {
          services.logger.error({ event: 'identity-provider-unavailable', message: error instanceof Error ? error.message : String(error) });
          return c.redirect('/sign-in?error=unavailable', 302);
        }
        const id = await services.sessions.startSignIn({
          codeVerifier: begun.codeVerifier,
          state: begun.state,
          nonce: begun.nonce,
          returnTo: safeReturnTo(query.returnTo),
        });
        setCookie(c, SIGN_IN_COOKIE, id, { httpOnly: true, sameSite: 'Lax', path: '/api/auth', maxAge: 600, secure: cookie.secure });
        return c.redirect(begun.url, 302);
      },
    })
    .route({
      method: 'get',
      path: '/auth/callback',
      summary: "The identity provider's answer",
      description: 'Makes the session and returns to where sign-in began, or to /sign-in?error=… (expired, refused, claims, failed, unavailable).',
      guard: { access: 'public' },
      query: SignInCallbackQuery,
      response: { status: 302, description: 'Back into the viewer' },
      problems: signInProblems,
      handler: async (c, { query }) => {
        const signIn = services.signIn;
        if (!signIn) throw new AppError('NOT_FOUND', { detail: 'Sign-in is off (AUTH_MODE=none).' });
        const pendingId = getCookie(c, SIGN_IN_COOKIE);
        deleteCookie(c, SIGN_IN_COOKIE, { path: '/api/auth', secure: cookie.secure });
        const pending = pendingId ? await services.sessions.takeSignIn(pendingId) : undefined;
        if (!pending) return signInFailed(c, 'expired');
        // The provider's own refusal (the user cancelled, or is not allowed): error=access_denied etc.
        if (query.error) return signInFailed(c, 'refused', undefined, query.error);
        let user: User;
        let idToken: string | undefined;
        try {
          const result = await signIn.complete(new URL(c.req.url.replace(/^https?:\/\/[^/]+/, services.config.publicUrl)), pending);
          user = userFromClaims(result.claims);
          idToken = result.idToken;
        } catch (error) {
          return signInFailed(c, error instanceof ClaimsError ? 'claims' : 'failed', undefined, error instanceof Error ? error.message : String(error));
        }
        // A new session id at every sign-in; a session this browser already had ends here.
        const previous = getCookie(c, cookie.name);
        if (previous) await services.sessions.end(previous);
        const session = await services.sessions.create(user, idToken);
        if (
          !(await audit(c, { user: auditUser(user), action: 'sign-in', outcome: 'success', httpStatus: 302, details: { role: user.jobRole?.code ?? null } }))
        ) {
          // R26: a sign-in that cannot be audited does not happen.
          await services.sessions.end(session.id);
          return c.redirect('/sign-in?error=unavailable', 302);
        }
        setCookie(c, cookie.name, session.id, { httpOnly: true, sameSite: 'Strict', path: '/', secure: cookie.secure });
        services.logger.info({ event: 'signed-in', userId: user.sdsUserId, role: user.jobRole?.code, traceId: c.get('traceId') });
        return c.redirect(pending.returnTo, 302);
      },
    })
    .route({
      method: 'post',
      path: '/auth/logout',
      summary: 'Sign out',
      description: "Ends the session (audited) and says where to go: the identity provider's end-session page when it has one.",
      guard: { access: 'signed-in' },
      query: NoQuery,
      response: { status: 200, description: 'Signed out', schema: SignOutSchema },
      handler: async (c) => {
        const session = c.get('session');
        const requester = c.get('requester');
        if (!session || !services.signIn) return c.json<z.infer<typeof SignOutSchema>>({ redirectTo: '/' });
        const ended = await services.sessions.end(session.id);
        deleteCookie(c, cookie.name, { path: '/', secure: cookie.secure });
        await audit(c, { user: auditUser(requester?.user), action: 'sign-out', outcome: 'success', httpStatus: 200, details: {} });
        let redirectTo = '/signed-out';
        try {
          redirectTo = (await services.signIn.endSessionUrl(ended?.idToken)) ?? redirectTo;
        } catch {
          // The provider cannot be reached: this viewer's session has ended all the same.
        }
        return c.json<z.infer<typeof SignOutSchema>>({ redirectTo });
      },
    })
    .route({
      method: 'get',
      path: '/session',
      summary: 'The signed-in user',
      description: "Their role's permissions, the CSRF token to send with every state-changing request, and the idle timeout.",
      guard: { access: 'signed-in' },
      query: NoQuery,
      response: { status: 200, description: 'The session', schema: SessionSchema },
      handler: (c) => {
        const { user, organisation } = c.get('requester')!;
        // Without a configured organisation (R9) nothing that calls the Spine is allowed: only the audit, if the role has it.
        const permissions = permissionsOf(user.role).filter((p) => organisation || p === 'audit:read');
        const body: Session = {
          authMode: services.config.auth.mode,
          user: {
            id: user.sdsUserId,
            name: displayName(user),
            nationalRole: user.jobRole ? `${user.jobRole.name} (${user.jobRole.code})` : undefined,
            role: user.role,
            roleName: user.role ? ROLES[user.role].name : undefined,
            organisation: user.organisation,
          },
          permissions,
          restriction: organisation
            ? undefined
            : `Your organisation (${user.organisation.name ? `${user.organisation.name}, ` : ''}${user.organisation.odsCode}) is not set up to use GP Connect in this viewer, so patients, records and the directory cannot be looked up. Contact your organisation's IT team or this viewer's support.`,
          csrfToken: c.get('session')?.csrfToken,
          idleTimeoutSeconds: services.sessions.idleSeconds,
        };
        return c.json(body);
      },
    });
}
