/**
 * Web test setup: jest-dom matchers, the nhsuk body classes, and the whole stack in process:
 * MSW answers the SPA's /api calls by running the real BFF app, whose Spine calls are answered
 * by the simulated Spine's handlers.
 */
import '@testing-library/jest-dom/vitest';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { cleanup } from '@testing-library/react';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { createSpineHandlers } from '../../mocks/handlers';
import { SpineControl } from '../../mocks/control';
import { CONTROL_PATH, handleControlRequest } from '../../mocks/control-api';
import { world } from '../../mocks/world';
import { createTestBff } from '../support/bff';
import { testDatabase } from '../support/db';

document.body.className = 'js-enabled nhsuk-frontend-supported';

let bff = createTestBff();
const control = new SpineControl();
export const server = setupServer(
  http.all('*/api/*', ({ request }) => bff.app.fetch(request)),
  http.all(`*${CONTROL_PATH}/*`, ({ request }) => handleControlRequest(request, control, world)),
  ...createSpineHandlers({ control }),
);

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  // The in-process BFF's database (PGlite) opened before the first test's first request.
  await testDatabase().ready();
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  // Each test starts with empty BFF caches and a Spine without faults.
  bff = createTestBff();
  control.reset();
});
afterAll(() => server.close());
