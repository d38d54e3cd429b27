/** Embedded PostgreSQL (PGlite): a folder on disk, or `memory://`. Runs in Node and in a browser page (the demo). */
import { PGlite } from '@electric-sql/pglite';
import type { Database } from './database';

/**
 * The audit, sessions and support log are small tables: PostgreSQL's default 128 MB of shared
 * buffers only makes the process bigger (decision 015 measured 303 → 167 MB at start).
 */
export const PGLITE_SETTINGS = ['shared_buffers=16MB'];

/** `loadDataDir`: start from a dump (tests start from a migrated template, ~5× faster than a fresh database). */
export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database & { dump(): Promise<Blob> }> {
  const db = await PGlite.create(dataDir, { ...(loadDataDir ? { loadDataDir } : {}), postgresqlconf: PGLITE_SETTINGS });
  // PGlite has one connection: its transactions are serialised by its own lock.
  return {
    kind: 'pglite',
    async query(sql, params) {
      return (await db.query(sql, params)).rows as never;
    },
    async exec(sql) {
      await db.exec(sql);
    },
    transaction(work) {
      return db.transaction((tx) =>
        work({
          query: async (sql, params) => (await tx.query(sql, params)).rows as never,
          exec: async (sql) => {
            await tx.exec(sql);
          },
        }),
      );
    },
    close: () => db.close(),
    // One process holds the folder (db/configured.ts), so every NOTIFY it can miss is its own: always connected.
    async listen(channel, onMessage) {
      const unlisten = await db.listen(channel, onMessage);
      return { connected: true, epoch: 0, close: () => unlisten() };
    },
    /** The whole database as a tar file (for loadDataDir). */
    dump: () => db.dumpDataDir('none'),
  };
}
