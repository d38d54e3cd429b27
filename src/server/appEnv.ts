/** What every request carries through the BFF's middleware and routes, and the one way an error leaves it. */
import type { Context } from 'hono';
import type { CallTrace } from './spine/trace';
import type { ActiveSession } from './auth/sessions';
import type { Requester } from './auth/user';
import type { RequestContext } from './context';
import type { AppError } from './problem';

export type AppEnv = {
  Variables: {
    traceId: string;
    trace: CallTrace;
    errorCode?: string;
    /** The support view's session (its own cookie, docs/decisions/007). */
    sessionId: string;
    /** Who the request is made for, once the route's guard has signed them in (R9, R10). */
    requester?: Requester;
    /** The signed-in session, when sign-in is on. */
    session?: ActiveSession & { id: string };
    /** What the route adds to its audit row (e.g. the identity confirmation, the date range). */
    auditDetails: Record<string, unknown>;
  };
};

/** The request's context for the flows: its trace and its requester. */
export function requestContext(c: Context<AppEnv>): RequestContext {
  return { trace: c.get('trace'), requester: c.get('requester') };
}

export function problemResponse(c: Context<AppEnv>, error: AppError): Response {
  error.trace ??= c.get('trace')?.entries;
  c.set('errorCode', error.code);
  return c.body(JSON.stringify(error.toProblem(c.get('traceId'))), error.status as 400, { 'Content-Type': 'application/problem+json' });
}
