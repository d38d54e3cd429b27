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
import { createTestBff } from '../support/bff';

document.body.className = 'js-enabled nhsuk-frontend-supported';

let bff = createTestBff();
export const server = setupServer(
  http.all('*/api/*', ({ request }) => bff.app.fetch(request)),
  ...createSpineHandlers(),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  // Each test starts with empty BFF caches.
  bff = createTestBff();
});
afterAll(() => server.close());
