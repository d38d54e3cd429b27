/**
 * Web test setup: jest-dom matchers, the nhsuk body classes, and the whole stack in process:
 * MSW answers the SPA's /api calls by running the real BFF app, whose Spine calls are answered
 * by the simulated Spine's handlers.
 */
import '@testing-library/jest-dom/vitest';
import { afterEach, beforeAll } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import { http } from 'msw';
import { createSpineHandlers } from '../../mocks/handlers';
import { SpineControl } from '../../mocks/control';
import { CONTROL_PATH, handleControlRequest } from '../../mocks/control-api';
import { world } from '../../mocks/world';
import { createTestBff } from '../support/bff';
import { testDatabase } from '../support/db';
import { setUpSimulatedSpine } from '../support/spine';

document.body.className = 'js-enabled nhsuk-frontend-supported';
// findBy… waits up to 5 s: a file's first page loads its lazy chunks and opens PGlite, slower when
// both test projects share the two cores (a wait, not a looser assertion).
configure({ asyncUtilTimeout: 5000 });

let bff = createTestBff();
const control = new SpineControl();
export const { server } = setUpSimulatedSpine({
  control,
  handlers: [
    http.all('*/api/*', ({ request }) => bff.app.fetch(request)),
    http.all(`*${CONTROL_PATH}/*`, ({ request }) => handleControlRequest(request, control, world)),
    ...createSpineHandlers({ control }),
  ],
});

beforeAll(async () => {
  // The in-process BFF's database (PGlite) opened before the first test's first request.
  await testDatabase().ready();
});
afterEach(() => {
  cleanup();
  // Each test starts with empty BFF caches (the Spine is reset by setUpSimulatedSpine).
  bff = createTestBff();
});
