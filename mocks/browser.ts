/**
 * The whole product in one browser page, for a serverless demo: MSW's service worker answers
 * /api by running the BFF app itself in the page, and the BFF's Spine calls are answered by the
 * simulated Spine's handlers behind it. Same BFF code, same handlers; only the network differs.
 */
import { http } from 'msw';
import { setupWorker } from 'msw/browser';
import { createApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { createServices } from '../src/server/services';
import { lazyDatabase } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrations';
import { openPglite } from '../src/server/db/pglite';
import { createSpineHandlers } from './handlers';
import { controlFromEnv } from './control';
import { CONTROL_PATH, handleControlRequest } from './control-api';
import { world } from './world';

export async function startBrowserSpine(): Promise<void> {
  // Realistic latency, so the demo shows the steps as they happen.
  const control = controlFromEnv({ MOCK_LATENCY: 'realistic' });
  // No server, so no sign-in: the demo runs as AUTH_MODE=none's clinician. The audit is real
  // PostgreSQL (PGlite) in the page's memory, gone when the page is closed.
  const database = lazyDatabase(async () => {
    const db = await openPglite('memory://');
    await migrate(db);
    return db;
  }, 'pglite');
  // Opened before the page starts, so the first request does not wait for PostgreSQL to boot.
  await database.ready();
  const app = createApp(createServices(loadConfig({ SPINE_MODE: 'mock', AUTH_MODE: 'none', PUBLIC_URL: location.origin }), { database }));
  const worker = setupWorker(
    http.all('/api/*', ({ request }) => app.fetch(request)),
    http.all(`${CONTROL_PATH}/*`, ({ request }) => handleControlRequest(request, control, world)),
    ...createSpineHandlers({ control }),
  );
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } });
}
