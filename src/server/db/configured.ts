/** The database the configuration names (Node only): a PostgreSQL server (DATABASE_URL) or PGlite under DATA_DIR; migrated when opened. */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';
import { lazyDatabase, type Database } from './database';
import { migrate } from './migrations';

/**
 * PGlite serves one process: a second one on the same folder would corrupt it. The folder is held
 * with a lock file naming the process; a lock whose process is gone is taken over.
 */
export function lockDataFolder(folder: string): () => void {
  const lock = join(folder, 'viewer.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lock, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `its data folder ${folder} is in use by another viewer process (pid ${holder}). PGlite serves one process: to run several instances, give them a PostgreSQL server (DATABASE_URL); or give this one its own DATA_DIR.`,
          { cause: error },
        );
      }
      rmSync(lock, { force: true });
    }
  }
  throw new Error(`the lock on ${folder} could not be taken`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A new PGlite folder is created (initdb) in a short-lived child process: initdb peaks at ~700 MB,
 * which a long-running BFF would otherwise keep as its resident size (decision 015).
 */
async function initialisePgliteFolder(folder: string): Promise<void> {
  if (existsSync(join(folder, 'PG_VERSION'))) return;
  const { PGLITE_SETTINGS } = await import('./pglite');
  const script = `const { PGlite } = await import(${JSON.stringify(import.meta.resolve('@electric-sql/pglite'))});
const db = await PGlite.create(${JSON.stringify(folder)}, { postgresqlconf: ${JSON.stringify(PGLITE_SETTINGS)} });
await db.close();`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`creating the database folder failed (exit ${code}): ${stderr.trim().slice(-500)}`)),
    );
  });
}

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
        const unlock = lockDataFolder(folder);
        const pglite = await initialisePgliteFolder(folder)
          .then(async () => (await import('./pglite')).openPglite(folder))
          .catch((error: unknown) => {
            unlock();
            throw error;
          });
        db = { ...pglite, close: () => pglite.close().finally(unlock) };
      }
      await migrate(db);
      return db;
    },
    url ? 'postgres' : 'pglite',
  );
}
