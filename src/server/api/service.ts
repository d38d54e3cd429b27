/** The service itself: whether it is up, and this API's own description. */
import { z } from 'zod';
import { HealthSchema, type Health } from '../../shared/api';
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
      path: '/openapi.json',
      summary: 'This description (OpenAPI 3.1)',
      description: 'Generated from the same schemas that check every request.',
      guard: { access: 'public' },
      query: NoQuery,
      response: { status: 200, description: 'The OpenAPI 3.1 document', schema: z.record(z.string(), z.unknown()) },
      handler: (c) => c.json(description()),
    });
}
