/**
 * Vitest global setup: one migrated PGlite database, dumped once per run. Each test file starts
 * its own database from it (~1 s) instead of creating and migrating one (~5 s).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../src/server/db/pglite';
import { migrate } from '../../src/server/db/migrations';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const folder = mkdtempSync(join(tmpdir(), 'gpcv-pglite-'));
  const db = await openPglite('memory://');
  await migrate(db);
  const file = join(folder, 'template.tar');
  writeFileSync(file, Buffer.from(await (await db.dump()).arrayBuffer()));
  await db.close();
  project.provide('pgliteTemplate', file);
  return () => rmSync(folder, { recursive: true, force: true });
}
