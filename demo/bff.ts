/**
 * The BFF inside the demo page: the same app as on a server, on the simulated Spine, with no
 * sign-in (the demo is AUTH_MODE=none's clinician) and its audit in real PostgreSQL (PGlite) in
 * the page's memory, gone when the page is closed.
 */
import { SIMULATED_SPINE_ENV } from '../mocks/browser';
import { createApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { lazyDatabase } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrations';
import { openPglite } from '../src/server/db/pglite';
import { createServices } from '../src/server/services';

export async function createInPageBff() {
  const database = lazyDatabase(async () => {
    const db = await openPglite('memory://');
    await migrate(db);
    return db;
  }, 'pglite');
  // Opened before the page starts, so the first request does not wait for PostgreSQL to boot.
  await database.ready();
  return createApp(createServices(loadConfig({ ...SIMULATED_SPINE_ENV, SPINE_MODE: 'mock', AUTH_MODE: 'none', PUBLIC_URL: location.origin }), { database }));
}
