/**
 * How an API route is declared: method and path, its guard (./guard.ts), the schemas of what it
 * takes and answers, and the problems it can answer with. One declaration registers the handler
 * behind its guard and validator, and describes the route in the OpenAPI document, so the
 * description cannot leave a route out or describe other input than the one checked.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import { inputErrorCode } from '../../shared/apiInput';
import { ERROR_CATALOGUE, type ErrorCode } from '../../shared/errors';
import { ProblemSchema } from '../../shared/api';
import type { AppEnv } from '../appEnv';
import { AppError } from '../problem';
import type { Services } from '../services';
import { guardMiddleware, guardProblems, type Guard } from './guard';
import { objectOf, validate, type BodyInput, type Input } from './validate';

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteDefinition<P extends Schema, Q extends Schema, B extends Schema> {
  method: 'get' | 'post';
  /** OpenAPI form, under /api: '/patients/{nhsNumber}'. */
  path: string;
  summary: string;
  description?: string;
  guard: Guard;
  params?: P;
  query?: Q;
  body?: Omit<BodyInput, 'schema'> & { schema: B };
  /** The answer when all goes well. */
  response: { status: 200 | 201 | 302; description: string; schema?: z.ZodType; contentType?: string };
  /** What the route itself can fail with (the guard's and the validator's refusals are added). */
  problems?: readonly ErrorCode[];
  handler: (c: Context<AppEnv>, input: Input<Out<P>, Out<Q>, Out<B>>) => Response | Promise<Response>;
}

/** The codes a field of a params or query schema is refused with. */
function inputProblems(schema: z.ZodType | undefined): ErrorCode[] {
  if (!schema) return [];
  const shape = (objectOf(schema)?.shape ?? {}) as Record<string, z.ZodType>;
  return [inputErrorCode(schema), ...Object.values(shape).map(inputErrorCode)].filter((c): c is ErrorCode => c !== undefined);
}

/** The guard as the description shows it: access, audit action, permission, Spine. */
function describeGuard(guard: Guard): Record<string, unknown> {
  if (guard.access !== 'role') return { access: guard.access };
  return { access: 'role', audit: guard.audit, permission: typeof guard.permission === 'function' ? 'record:{section}' : guard.permission, spine: guard.spine };
}

/** Every problem the route can answer with, by HTTP status. */
function problemsByStatus(codes: ErrorCode[]): Record<string, ErrorCode[]> {
  const byStatus: Record<string, ErrorCode[]> = {};
  for (const code of [...new Set(codes)]) (byStatus[ERROR_CATALOGUE[code].status] ??= []).push(code);
  return byStatus;
}

/** One area of the API (patients, directory, …): a Hono sub-app whose routes all declare their guard. */
export class ApiArea {
  readonly app = new OpenAPIHono<AppEnv>();

  constructor(
    readonly tag: string,
    private readonly services: Services,
  ) {}

  route<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined>(route: RouteDefinition<P, Q, B>): this {
    const problems = problemsByStatus([
      ...guardProblems(route.guard, route.method),
      ...inputProblems(route.params),
      // A query parameter the route does not take, or one given twice.
      'INVALID_QUERY',
      ...inputProblems(route.query),
      ...(route.body ? [inputErrorCode(route.body.schema) ?? 'INVALID_QUERY'] : []),
      ...(route.problems ?? []),
      'INTERNAL_ERROR',
    ]);
    const { response } = route;
    this.app.openAPIRegistry.registerPath({
      method: route.method,
      path: route.path,
      tags: [this.tag],
      summary: route.summary,
      description: route.description,
      security: route.guard.access === 'public' ? [] : [{ session: [] }],
      request: {
        params: route.params as z.ZodObject | undefined,
        query: route.query as z.ZodObject | undefined,
        body: route.body ? { required: true, content: { 'application/json': { schema: route.body.schema } } } : undefined,
      },
      responses: {
        [response.status]: {
          description: response.description,
          content: response.schema ? { [response.contentType ?? 'application/json']: { schema: response.schema } } : undefined,
        },
        ...Object.fromEntries(
          Object.entries(problems).map(([status, codes]) => [
            status,
            { description: codes.join(', '), content: { 'application/problem+json': { schema: ProblemSchema } } },
          ]),
        ),
      },
      'x-access': describeGuard(route.guard),
      'x-problem-codes': problems,
    });
    const limit = route.body
      ? [
          bodyLimit({
            maxSize: route.body.maxBytes,
            onError: () => {
              throw new AppError(inputErrorCode(route.body!.schema) ?? 'INVALID_QUERY', {
                detail: `The ${route.body!.name} is larger than ${Math.round(route.body!.maxBytes / 1024)} KB.`,
              });
            },
          }),
        ]
      : [];
    const honoPath = route.path.replace(/\{(\w+)\}/g, ':$1');
    this.app.on(route.method.toUpperCase(), honoPath, guardMiddleware(route.guard, this.services), ...limit, async (c) => {
      const input = await validate(c, { params: route.params, query: route.query, body: route.body as BodyInput | undefined });
      return route.handler(c, input as Input<Out<P>, Out<Q>, Out<B>>);
    });
    return this;
  }
}
