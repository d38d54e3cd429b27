/**
 * docs/api.md: the API's routes as the OpenAPI description has them (GET /api/openapi.json),
 * for a reader without a running viewer. `npm run api-doc` writes it; a test fails when it is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIMULATED_SPINE_ENV } from '../mocks/config';
import { createApp } from '../src/server/app';
import { openApiDocument } from '../src/server/api/openapi';
import { loadConfig } from '../src/server/config';
import { lazyDatabase } from '../src/server/db/database';
import { createLogger } from '../src/server/logger';
import { createServices } from '../src/server/services';

type Document = { paths: Record<string, Record<string, Operation>> };

/** The description, from an app that is never asked anything (its database is never opened). */
export function describeApi(): Document {
  const database = lazyDatabase(() => Promise.reject(new Error('not needed to describe the API')), 'pglite');
  const app = createApp(createServices(loadConfig({ ...SIMULATED_SPINE_ENV, AUTH_MODE: 'none' }), { database, logger: createLogger('silent') }));
  return JSON.parse(JSON.stringify(openApiDocument(app))) as Document;
}

interface Operation {
  summary?: string;
  description?: string;
  'x-access'?: { access: string; audit?: string; permission?: string; spine?: boolean };
  'x-problem-codes'?: Record<string, string[]>;
  responses: Record<string, unknown>;
}

function access(a: Operation['x-access']): string {
  if (!a || a.access !== 'role') return a?.access ?? '?';
  return `${a.permission}${a.spine ? ', Spine' : ''}; audited as \`${a.audit}\``;
}

export function apiMarkdown(document: Document): string {
  const rows = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => {
      const success = Object.keys(op.responses).find((s) => Number(s) < 400) ?? '';
      const problems = Object.entries(op['x-problem-codes'] ?? {}).map(([status, codes]) => `${status}: ${codes.join(', ')}`);
      return `| \`${method.toUpperCase()} ${path}\` | ${op.summary ?? ''} | ${access(op['x-access'])} | ${success} | ${problems.join('<br>')} |`;
    }),
  );
  return [
    '# API',
    '',
    'Generated from the OpenAPI 3.1 description the BFF serves at `GET /api/openapi.json` (`npm run api-doc`; a test fails when',
    "this file is stale). The description itself has each route's parameters, bodies and answer schemas; every error is",
    '`application/problem+json` with a code from the catalogue (`docs/errors.md`). Access: `public` needs no session;',
    '`signed-in` any signed-in user; otherwise the permission the role needs (`src/shared/access.ts`), whether the route',
    "calls the Spine (then the user's organisation must be set up for GP Connect, R9), and the audit action.",
    '',
    '| Route | What | Access | Answer | Problems by status |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('api-doc.ts')) {
  writeFileSync(join(import.meta.dirname, '../docs/api.md'), apiMarkdown(describeApi()));
  console.log('docs/api.md written');
}
