/**
 * Entry of the static demo: the whole product in one browser page. MSW's service worker answers
 * /api by running the BFF app itself in the page, and the BFF's Spine calls are answered by the
 * simulated Spine's handlers behind it. Same BFF code, same handlers; only the network differs.
 */
import { http } from 'msw';
import { setupWorker } from 'msw/browser';
import { browserSpineHandlers } from '../mocks/browser';
import { createInPageBff } from './bff';

async function start(): Promise<void> {
  const app = await createInPageBff();
  const worker = setupWorker(
    http.all('/api/*', ({ request }) => app.fetch(request)),
    ...browserSpineHandlers(),
  );
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } });
}

start()
  .then(() => import('../src/app/main'))
  .catch((error: unknown) => {
    document.getElementById('root')!.textContent = `The demo could not start its simulated Spine: ${error instanceof Error ? error.message : String(error)}`;
  });
