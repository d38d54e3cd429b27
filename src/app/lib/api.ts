/**
 * The SPA's only way to call the BFF: fetch with the query's abort signal, and every answer
 * parsed with the shared schema. Failures become ApiProblem carrying the BFF's problem+json.
 */
import type { z } from 'zod';
import { ProblemSchema, type Problem } from '../../shared/api';

export class ApiProblem extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiProblem';
    this.problem = problem;
  }
}

function localProblem(title: string, detail: string): Problem {
  return { title, detail, status: 0, code: 'CLIENT_ERROR', step: 'bff', action: 'Check your connection and try again.', traceId: 'none' };
}

/** The session's CSRF token (GET /api/session), sent with every state-changing request. */
let csrfToken: string | undefined;
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function apiGet<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  return apiCall(path, schema, { signal, headers: { Accept: 'application/json' } });
}

/** A state-changing call: JSON in, JSON out. Never retried by the SPA (R12: no retries on writes). */
export function apiPost<S extends z.ZodType>(path: string, body: unknown, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  return apiCall(path, schema, {
    method: 'POST',
    signal,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}) },
    body: JSON.stringify(body),
  });
}

async function apiCall<S extends z.ZodType>(path: string, schema: S, init: RequestInit & { signal?: AbortSignal }): Promise<z.infer<S>> {
  const { signal } = init;
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiProblem(localProblem('This viewer could not reach its server', error instanceof Error ? error.message : String(error)));
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiProblem(localProblem('The server answered with something that could not be read', `HTTP ${response.status}`));
  }
  if (!response.ok) {
    const problem = ProblemSchema.safeParse(body);
    throw new ApiProblem(problem.success ? problem.data : localProblem('The server reported an error', `HTTP ${response.status}`));
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiProblem(localProblem('The server answered with something that could not be read', parsed.error.message));
  return parsed.data;
}

export function problemOf(error: unknown): Problem {
  if (error instanceof ApiProblem) return error.problem;
  return localProblem('Something went wrong', error instanceof Error ? error.message : String(error));
}

/** Bad input in the address, refused in the browser before any call: shown like any other problem. */
export function invalidInputProblem(
  code: 'INVALID_NHS_NUMBER' | 'INVALID_ODS_CODE' | 'INVALID_SDS_USER_ID' | 'INVALID_ID',
  title: string,
  reason: string,
  action: string,
): Problem {
  return { title, detail: reason, code, status: 400, step: 'bff', action, traceId: 'none' };
}
