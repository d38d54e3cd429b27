/** The service itself: whether it is up, and this API's own description. */
import { z } from 'zod';
import { HealthSchema, ReadySchema, type Health, type Ready } from '../../shared/api';
import { MIGRATIONS } from '../db/migrations';
import { AppError } from '../problem';
import { NoQuery } from '../../shared/apiInput';
import type { Services } from '../services';
import { ApiArea } from './route';

export function serviceApi(services: Services, description: () => unknown): ApiArea {
  return new ApiArea('service', services)
    .route({
      method: 'get',
      path: '/health',
      summary: 'The BFF is up',
      guard: { access: 'public' },
      query: NoQuery,
      response: { status: 200, description: 'Up, and on which Spine', schema: HealthSchema },
      handler: (c) => c.json<Health>({ status: 'ok', mode: services.config.mode }),
    })
    .route({
      method: 'get',
      path: '/ready',
      summary: 'The instance can take requests',
      description:
        'For a load balancer or an orchestrator: the database answers and every migration is applied. 503 NOT_READY while draining after SIGTERM, or without its database (GET /api/health says only that the process is alive).',
      guard: { access: 'public' },
      query: NoQuery,
      response: { status: 200, description: 'Ready', schema: ReadySchema },
      problems: ['NOT_READY'],
      handler: async (c) => {
        if (services.lifecycle.draining)
          throw new AppError('NOT_READY', { detail: 'This instance is draining: it is finishing what it is answering, then stopping.' });
        let applied: number;
        try {
          [{ applied }] = await services.database.query<{ applied: number }>('SELECT count(*)::int AS applied FROM schema_migrations');
        } catch (error) {
          throw new AppError('NOT_READY', { detail: `The database cannot be reached: ${error instanceof Error ? error.message : String(error)}` });
        }
        if (applied < MIGRATIONS.length) throw new AppError('NOT_READY', { detail: `The database has ${MIGRATIONS.length - applied} migration(s) to apply.` });
        return c.json<Ready>({ ready: true, database: services.database.kind, migrations: applied });
      },
    })
    .route({
      method: 'get',
      path: '/openapi.json',
      summary: 'This description (OpenAPI 3.1)',
      description: 'Generated from the same schemas that check every request.',
      guard: { access: 'public' },
      query: NoQuery,
      response: { status: 200, description: 'The OpenAPI 3.1 document', schema: z.record(z.string(), z.unknown()) },
      handler: (c) => c.json(description()),
    });
}
