/** An in-process BFF on the simulated Spine: real HTTP semantics through app.request(), Spine answered by MSW. */
import { http } from 'msw';
import { SIMULATED_SPINE, SIMULATED_SPINE_ENV } from '../../mocks/config';
import { GETCARERECORD_INTERACTION } from '../../src/server/flows/careRecord';
import { loadConfig } from '../../src/server/config';
import { createServices, type Services } from '../../src/server/services';
import { createApp } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';
import type { Database } from '../../src/server/db/database';
import { testDatabase } from './db';
import { apiContract } from './contract';
import { openApiDocument } from '../../src/server/api/openapi';
import { TEST_USERS } from '../../mocks/cis2/users';
import { userFromClaims, type User } from '../../src/server/auth/user';
import { sessionCookie } from '../../src/server/api/guard';

/**
 * `callDetail: false` answers as on the real Spine, where traces never carry the request
 * (URL, headers, JWT claims) that the simulated Spine adds for the flow inspector.
 */
export function createTestBff(env: Record<string, string> = {}, options: { callDetail?: boolean; database?: Database } = {}) {
  const logs: Record<string, unknown>[] = [];
  // Sign-in off unless a test asks for it: AUTH_MODE=none's user is a clinician (R8000).
  const config = loadConfig({ ...SIMULATED_SPINE_ENV, SPINE_MODE: 'mock', AUTH_MODE: 'none', ...env });
  const logger = createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const services: Services = createServices(
    { ...config, showCallDetail: options.callDetail ?? config.showCallDetail },
    { logger, database: options.database ?? testDatabase() },
  );
  return { app: checkedAgainstContract(createApp(services)), services, logs };
}

/**
 * The app, every answer it gives to `request` (the server tests) checked against its own OpenAPI
 * description (test/support/contract.ts): an answer the description does not allow throws, failing
 * the test that asked. The component tests' `fetch` is left as it is: the SPA parses every answer
 * with the contract's schemas itself, and they run against the clock of the page.
 */
function checkedAgainstContract(app: ReturnType<typeof createApp>): ReturnType<typeof createApp> {
  const contract = apiContract(() => openApiDocument(app));
  const check = async (request: Request, response: Response): Promise<Response> => {
    const problems = await (await contract).problems(request.method, request.url, response.clone());
    if (problems.length > 0) throw new Error(`The answer breaks the API's OpenAPI description:\n${problems.join('\n')}`);
    return response;
  };
  const request: typeof app.request = async (input, init, ...rest) => {
    const req = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    return check(req, await app.request(input, init, ...rest));
  };
  return new Proxy(app, { get: (target, property) => (property === 'request' ? request : Reflect.get(target, property, target)) });
}

/** Answers only the GP Connect record call (getcarerecord); every other SSP call (e.g. the R7 identity check) goes on to the simulated Spine. */
export function onRecordCall(resolver: () => Response | Promise<Response>) {
  return http.all(`${SIMULATED_SPINE.sspBaseUrl}/*`, ({ request }) =>
    request.headers.get('Ssp-InteractionID') === GETCARERECORD_INTERACTION ? resolver() : undefined,
  );
}

/** Requests a record section as a user who confirms the identity check when the BFF asks (R7): the answer after confirming. */
export async function requestConfirmed(app: { request: (path: string) => Response | Promise<Response> }, path: string): Promise<Response> {
  const first = await app.request(path);
  if (first.status !== 409) return first;
  const problem = (await first.clone().json()) as { code?: string; identityCheck?: { fingerprint: string } };
  if (problem.code !== 'IDENTITY_NOT_CONFIRMED' || !problem.identityCheck) return first;
  return app.request(`${path}${path.includes('?') ? '&' : '?'}confirm=${problem.identityCheck.fingerprint}`);
}

/** A test user of the simulated CIS2 (mocks/cis2/users.ts), as the BFF reads them from their claims. */
export function testUser(id: string = 'clinician'): User {
  const user = TEST_USERS.find((u) => u.id === id);
  if (!user) throw new Error(`no test user ${id}`);
  return userFromClaims(user.claims);
}

/** Signs a user in directly (a session in the BFF's database, as the callback makes): the headers their browser would send. */
export async function signInAs(services: Services, user: User = testUser()): Promise<{ Cookie: string; 'X-CSRF-Token': string }> {
  const { id, csrfToken } = await services.sessions.create(user);
  return { Cookie: `${sessionCookie(services).name}=${id}`, 'X-CSRF-Token': csrfToken };
}
