/** The database the configuration names (Node only): a PostgreSQL server (DATABASE_URL) or PGlite under DATA_DIR; migrated when opened. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';
import { lazyDatabase, type Database } from './database';
import { migrate } from './migrations';

export function configuredDatabase(config: Config): Database & { ready(): Promise<void> } {
  const { url, dataDir } = config.database;
  return lazyDatabase(
    async () => {
      let db: Database;
      if (url) {
        db = await (await import('./postgres')).openPostgres(url);
      } else {
        const folder = join(dataDir, 'pglite');
        mkdirSync(folder, { recursive: true });
        db = await (await import('./pglite')).openPglite(folder);
      }
      await migrate(db);
      return db;
    },
    url ? 'postgres' : 'pglite',
  );
}
