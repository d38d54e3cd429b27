/**
 * Who is signed in (GET /api/session), for every page: the user, what their role allows and the
 * CSRF token that state-changing requests echo. The contract is loaded on demand, as for health,
 * so the first page's JavaScript stays small.
 */
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { Permission } from '../../shared/access';

export const sessionKeys = { current: ['session'] as const };

let lastRefusal: string | undefined;

export const sessionQuery = queryOptions({
  queryKey: sessionKeys.current,
  queryFn: async ({ signal }) => {
    const [{ apiGet, setCsrfToken }, { SessionSchema }] = await Promise.all([import('./api'), import('../../shared/api')]);
    const session = await apiGet('/api/session', SessionSchema, signal);
    setCsrfToken(session.csrfToken);
    lastRefusal = undefined;
    return session;
  },
  staleTime: Infinity,
});

export function useSession() {
  return useQuery(sessionQuery);
}

/** Whether the signed-in user's role allows this (the BFF decides; this only hides what it would refuse). */
export function useCan(permission: Permission): boolean {
  return useSession().data?.permissions.includes(permission) ?? false;
}

/** The HTTP status of a failed call, when the BFF answered with a problem. */
export function statusOf(error: unknown): number | undefined {
  return (error as { problem?: { status?: number } } | null)?.problem?.status;
}

/** The code of the last 401 (e.g. SESSION_EXPIRED): by the time the session is asked again, the BFF only knows nobody is signed in. */
export function lastUnauthorisedCode(): string | undefined {
  return lastRefusal;
}

/**
 * Any 401 means the session has gone (signed out elsewhere, or 15 minutes idle): forget every
 * answer about patients, and ask who is signed in again (the layout then offers sign-in).
 */
export function onUnauthorised(queryClient: QueryClient, error: unknown, key?: readonly unknown[]): void {
  if (statusOf(error) !== 401 || key?.[0] === sessionKeys.current[0]) return;
  lastRefusal = (error as { problem?: { code?: string } }).problem?.code;
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKeys.current[0] && q.queryKey[0] !== 'health' });
  void queryClient.invalidateQueries({ queryKey: sessionKeys.current });
}
