/**
 * The simulated Spine for one test file, one way: MSW listening before the first test (any
 * request it has no handler for fails the test), handlers, faults and recorded requests reset
 * after each test, closed after the last.
 */
import { http, HttpResponse, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { SpineControl } from '../../mocks/control';
import { createSpineHandlers } from '../../mocks/handlers';

/** The identity provider is not served beside these in-process BFFs: asking it (sign-out's end-session page) finds it unreachable. */
const unreachableIdentityProvider = http.all('*/__simulated-cis2/*', () => HttpResponse.error());

export interface SimulatedSpineOptions {
  /** Latency and faults (none by default); reset after each test. */
  control?: SpineControl;
  /** Instead of the simulated Spine's handlers (a Spine that must never be called, say). */
  handlers?: RequestHandler[];
}

export function setUpSimulatedSpine(options: SimulatedSpineOptions = {}) {
  const control = options.control ?? new SpineControl();
  const server = setupServer(...(options.handlers ?? createSpineHandlers({ control })), unreachableIdentityProvider);
  /** Every request the BFF made during the current test, as sent. */
  const requests: Request[] = [];
  server.events.on('request:start', ({ request }) => {
    requests.push(request.clone());
  });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    control.reset();
    requests.length = 0;
  });
  afterAll(() => server.close());
  return { server, control, requests };
}
