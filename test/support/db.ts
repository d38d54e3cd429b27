/**
 * The database a test file's BFFs share: PGlite in memory, started from the migrated template
 * (test/support/pglite-template.ts), opened on first use. With TEST_DATABASE_URL set (CI), the
 * tests that ask for `postgresDatabase()` also run against a real PostgreSQL server.
 */
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { lazyDatabase, type Database } from '../../src/server/db/database';
import { openPglite } from '../../src/server/db/pglite';

let shared: (Database & { ready(): Promise<void> }) | undefined;

export function testDatabase(): Database & { ready(): Promise<void> } {
  shared ??= lazyDatabase(() => openPglite('memory://', new Blob([readFileSync(inject('pgliteTemplate'))])), 'pglite');
  return shared;
}

/** A fresh PGlite from the template, for a test that needs a database of its own. */
export function freshTestDatabase(): Database {
  return lazyDatabase(() => openPglite('memory://', new Blob([readFileSync(inject('pgliteTemplate'))])), 'pglite');
}
