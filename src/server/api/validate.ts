/**
 * The one validator: a route's path parameters, query string and body checked against its zod
 * schemas (src/shared/apiInput.ts) before its handler runs, and before any call (R1). Whatever is
 * wrong is a 400 problem+json with the catalogue code of the first bad field and, in `fields`,
 * what is wrong with each. A query parameter the route does not take, or one given twice, is refused.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { inputErrorCode } from '../../shared/apiInput';
import type { ErrorCode } from '../../shared/errors';
import type { AppEnv } from '../appEnv';
import { AppError } from '../problem';

export interface BodyInput {
  schema: z.ZodType;
  /** What the body is, in the user's words: "registration". */
  name: string;
  maxBytes: number;
}

export interface RequestInput {
  params?: z.ZodType;
  /** None declared: the route takes no query parameter. */
  query?: z.ZodType;
  body?: BodyInput;
}

/** The object schema under a transform (a cross-field rule such as the date range). */
export function objectOf(schema: z.ZodType): z.ZodObject | undefined {
  if (schema instanceof z.ZodPipe) return objectOf(schema.in as z.ZodType);
  return schema instanceof z.ZodObject ? schema : undefined;
}

/** The code a container refuses with: its first bad field's, else its own, else `fallback`. */
function refusal(schema: z.ZodType, issues: z.core.$ZodIssue[], fallback: ErrorCode, detail?: string): AppError {
  const shape = objectOf(schema)?.shape as Record<string, z.ZodType> | undefined;
  const first = issues[0];
  const field = first?.path[0];
  const code = (typeof field === 'string' ? inputErrorCode(shape?.[field]) : undefined) ?? inputErrorCode(schema) ?? fallback;
  const fields = Object.fromEntries(issues.map((i) => [i.path.join('.') || 'body', i.message]));
  return new AppError(code, { detail: detail ?? [...new Set(issues.map((i) => i.message))].join('; '), fields });
}

function parse<T>(schema: z.ZodType<T>, value: unknown, fallback: ErrorCode): T {
  const result = schema.safeParse(value);
  if (!result.success) throw refusal(schema, result.error.issues, fallback);
  return result.data;
}

/** The query string as an object; a parameter not taken, or given more than once, is refused first. */
function queryOf(c: Context<AppEnv>, schema: z.ZodType | undefined): Record<string, string> {
  const queries = c.req.queries();
  const object = schema ? objectOf(schema) : undefined;
  // Only a loose object (the identity provider's redirect) takes what it is not told of.
  const loose = object?.def.catchall !== undefined && !(object.def.catchall instanceof z.ZodNever);
  if (!loose) {
    const taken = Object.keys(object?.shape ?? {});
    const unknown = Object.keys(queries).filter((name) => !taken.includes(name));
    if (unknown.length > 0) {
      const code = (schema && inputErrorCode(schema)) ?? 'INVALID_QUERY';
      throw new AppError(code, {
        detail: `Unknown query parameter: ${unknown.join(', ')}. This route takes ${taken.length ? taken.join(', ') : 'none'}.`,
        fields: Object.fromEntries(unknown.map((name) => [name, 'Not a parameter of this route'])),
      });
    }
  }
  const repeated = Object.keys(queries).filter((name) => queries[name].length > 1);
  if (repeated.length > 0)
    throw new AppError('INVALID_QUERY', {
      detail: `${repeated.join(', ')} is given more than once.`,
      fields: Object.fromEntries(repeated.map((name) => [name, 'Give it once'])),
    });
  return Object.fromEntries(Object.entries(queries).map(([name, values]) => [name, values[0]]));
}

async function bodyOf(c: Context<AppEnv>, body: BodyInput): Promise<unknown> {
  const code = inputErrorCode(body.schema) ?? 'INVALID_QUERY';
  if (!/^application\/json\b/.test(c.req.header('Content-Type') ?? '')) throw new AppError(code, { detail: `Send the ${body.name} as application/json.` });
  let input: unknown;
  try {
    input = await c.req.json();
  } catch {
    throw new AppError(code, { detail: `The ${body.name} is not valid JSON.` });
  }
  return parse(body.schema, input, code);
}

export interface Input<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

/** Checks the request against the route's schemas, in order: path, query, body. */
export async function validate(c: Context<AppEnv>, request: RequestInput): Promise<Input<unknown, unknown, unknown>> {
  const params = request.params ? parse(request.params, c.req.param(), 'INVALID_QUERY') : {};
  const rawQuery = queryOf(c, request.query);
  const query = request.query ? parse(request.query, rawQuery, 'INVALID_QUERY') : {};
  const body = request.body ? await bodyOf(c, request.body) : undefined;
  return { params, query, body };
}
