// Entry of the static demo: start the in-page Spine and BFF first, then the SPA.
import { startBrowserSpine } from '../mocks/browser';

startBrowserSpine()
  .then(() => import('../src/app/main'))
  .catch((error: unknown) => {
    document.getElementById('root')!.textContent = `The demo could not start its simulated Spine: ${error instanceof Error ? error.message : String(error)}`;
  });
