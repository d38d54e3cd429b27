import type { Problem } from '../../../../shared/api';

/** Bad input in the address, refused in the browser before any call: shown like any other problem. */
export function invalidInputProblem(code: 'INVALID_ODS_CODE' | 'INVALID_SDS_USER_ID' | 'INVALID_ID', title: string, reason: string, action: string): Problem {
  return { title, detail: reason, code, status: 400, step: 'bff', action, traceId: 'none' };
}
