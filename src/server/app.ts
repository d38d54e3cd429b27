/**
 * The BFF's HTTP surface (Hono, web-standard Request/Response): the areas of the API (src/server/api),
 * each route behind its own guard, composed with what every response gets: security headers,
 * `Cache-Control: no-store` on /api (R24), a trace id, the support log, one log line, and every
 * error as application/problem+json with the Spine calls made so far.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { problemResponse, type AppEnv } from './appEnv';
import { auditApi } from './api/audit';
import { worklistsApi } from './api/worklists';
import { authApi } from './api/auth';
import { directoryApi } from './api/directory';
import { declaredRoute, guardMiddleware, requireDeclaredRoute } from './api/guard';
import { openApiDocument, registerSecuritySchemes } from './api/openapi';
import { patientsApi } from './api/patients';
import { serviceApi } from './api/service';
import { supportApi, supportKey } from './api/support';
import { AppError } from './problem';
import type { Services } from './services';
import { CallTrace } from './spine/trace';
import { supportEntry } from './supportLog';

/** The support view's session cookie (docs/decisions/007). */
const SUPPORT_COOKIE = 'gpcv_support';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function securityHeaders(services: Services): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    // HSTS only where the viewer is served over https (a plain-http HSTS header is ignored anyway, and misleads).
    strictTransportSecurity: services.config.publicUrl.startsWith('https://') ? 'max-age=31536000; includeSubDomains' : false,
  });
}

/**
 * The support view's session, given with the first response of any kind (the page itself, before
 * its API calls run in parallel), so concurrent first requests share one session.
 */
const supportCookie: MiddlewareHandler<AppEnv> = async (c, next) => {
  let sessionId = getCookie(c, SUPPORT_COOKIE);
  if (!sessionId || !UUID.test(sessionId)) {
    sessionId = crypto.randomUUID();
    setCookie(c, SUPPORT_COOKIE, sessionId, { httpOnly: true, sameSite: 'Strict', path: '/', secure: new URL(c.req.url).protocol === 'https:' });
  }
  c.set('sessionId', sessionId);
  await next();
};

/** Paths the support log leaves out: not the user's work. */
const NOT_LOGGED = (path: string) => ['/api/health', '/api/ready', '/api/openapi.json'].includes(path) || path.startsWith('/api/support/');

/** Each /api request's trace id and Spine calls, its answer never cached, its support log entry and its log line. */
function traced(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const done = services.lifecycle.begin();
    try {
      c.set('traceId', crypto.randomUUID());
      c.set('trace', new CallTrace({ detail: services.config.showCallDetail }));
      await next();
      await finish(c, started);
    } finally {
      done();
    }
  };

  async function finish(c: Context<AppEnv>, started: number): Promise<void> {
    c.header('Cache-Control', 'no-store');
    c.header('X-Trace-Id', c.get('traceId'));
    // Draining: the client (a load balancer) takes its next request elsewhere.
    if (services.lifecycle.draining) c.header('Connection', 'close');
    const path = c.req.path;
    if (!NOT_LOGGED(path)) {
      const entry = supportEntry({
        method: c.req.method,
        path,
        status: c.res.status,
        code: c.get('errorCode'),
        traceId: c.get('traceId'),
        trace: c.get('trace').entries,
        totalMs: performance.now() - started,
      });
      // Before the answer leaves, so the support view on any instance lists it; a failure loses this entry only.
      await services.supportLog.add(supportKey(c), entry).catch((error: unknown) => {
        services.logger.error({
          event: 'support-log-write-failed',
          traceId: c.get('traceId'),
          message: error instanceof Error ? error.message : String(error),
        });
      });
    }
    services.metrics.request(declaredRoute(c), c.req.method, c.res.status, (performance.now() - started) / 1000);
    // One line per request; the logger scrubs the NHS number out of the path.
    services.logger.info({
      event: 'request',
      method: c.req.method,
      path,
      status: c.res.status,
      code: c.get('errorCode'),
      traceId: c.get('traceId'),
      userId: c.get('requester')?.user.sdsUserId,
      ms: Math.round(performance.now() - started),
    });
  }
}

export function createApp(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', securityHeaders(services));
  app.use('*', supportCookie);
  app.use('/api/*', traced(services));
  // Fail closed: an /api route that does not begin with its guard answers nothing.
  app.use('/api/*', requireDeclaredRoute(services));

  registerSecuritySchemes(app);
  let description: ReturnType<typeof openApiDocument> | undefined;
  for (const area of [
    serviceApi(services, () => (description ??= openApiDocument(app))),
    authApi(services),
    patientsApi(services),
    directoryApi(services),
    supportApi(services),
    auditApi(services),
    worklistsApi(services),
  ]) {
    app.route('/api', area.app);
  }

  // Any other /api path: for a signed-in user, there is no such route.
  app.all('/api/*', guardMiddleware({ access: 'signed-in' }, services), () => {
    throw new AppError('NOT_FOUND', { detail: 'There is no such API route.' });
  });

  app.onError((error, c) => {
    if (error instanceof AppError) return problemResponse(c, error);
    services.logger.error({
      event: 'unhandled-error',
      traceId: c.get('traceId'),
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    if (!c.get('traceId')) c.set('traceId', crypto.randomUUID());
    return problemResponse(c, new AppError('INTERNAL_ERROR'));
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
