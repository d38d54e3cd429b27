/** The support view (docs/decisions/007): this session's last requests, with their trace ids. */
import { SupportLogSchema, type SupportLog } from '../../shared/api';
import { NoQuery } from '../../shared/apiInput';
import type { Context } from 'hono';
import type { AppEnv } from '../appEnv';
import type { Services } from '../services';
import { SUPPORT_LOG_LIMIT } from '../supportLog';
import { ApiArea } from './route';

/**
 * Whose support log a request belongs to: the signed-in session's when there is one (a second user
 * at the same browser never sees the first one's requests), else the browser's support cookie.
 */
export function supportKey(c: Context<AppEnv>): string {
  const session = c.get('session');
  return session ? `signed-in:${session.id}` : c.get('sessionId');
}

export function supportApi(services: Services): ApiArea {
  return new ApiArea('support', services).route({
    method: 'get',
    path: '/support/requests',
    summary: "This session's last requests",
    description: 'Time, action, NHS number, outcome, trace ids, Spine calls, cache hits and total time of the last 50 requests.',
    guard: { access: 'signed-in' },
    query: NoQuery,
    response: { status: 200, description: 'Newest first', schema: SupportLogSchema },
    handler: async (c) => c.json<SupportLog>({ requests: await services.supportLog.list(supportKey(c)), limit: SUPPORT_LOG_LIMIT }),
  });
}
