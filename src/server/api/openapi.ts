/** The API's OpenAPI 3.1 description, generated from the routes' own declarations (./route.ts). */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../appEnv';

export function openApiDocument(api: OpenAPIHono<AppEnv>) {
  return api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'GP Connect Viewer BFF',
      version: '0.1.0',
      description:
        'The API the viewer\'s pages use. Every route but the public ones needs a signed-in session; state-changing requests need the session\'s X-CSRF-Token. Every error is application/problem+json with a code from the error catalogue (docs/errors.md); `x-problem-codes` lists each operation\'s codes by status, `x-access` its guard.',
    },
    servers: [{ url: '/' }],
  });
}

/** The session cookie scheme every non-public route names. */
export function registerSecuritySchemes(api: OpenAPIHono<AppEnv>): void {
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    // `__Host-gpcv_session` when the viewer is served over https.
    name: 'gpcv_session',
    description: 'The session made at sign-in (NHS CIS2). AUTH_MODE=none (simulated Spine only) needs none.',
  });
}
