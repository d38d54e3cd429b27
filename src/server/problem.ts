/**
 * Our one error type. Everything that fails in the BFF becomes an AppError with a catalogue
 * code, and leaves as application/problem+json (RFC 9457; docs/architecture.md principle 5).
 */
import { ERROR_CATALOGUE, type ErrorCode, type Step } from '../shared/errors';
import type { IdentityCheck, Problem, TraceEntry } from '../shared/api';

export interface AppErrorDetails {
  detail?: string;
  step?: Step;
  upstreamStatus?: number;
  upstreamCode?: string;
  fields?: Record<string, string>;
  identityCheck?: IdentityCheck;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: AppErrorDetails;
  trace?: TraceEntry[];

  constructor(code: ErrorCode, details: AppErrorDetails = {}) {
    super(details.detail ?? ERROR_CATALOGUE[code].title);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }

  toProblem(traceId: string): Problem {
    const entry = ERROR_CATALOGUE[this.code];
    return {
      type: `https://gp-connect-viewer.local/errors/${this.code.toLowerCase().replace(/_/g, '-')}`,
      title: entry.title,
      status: entry.status,
      detail: this.details.detail,
      code: this.code,
      step: this.details.step ?? entry.step,
      action: entry.action,
      upstreamStatus: this.details.upstreamStatus,
      upstreamCode: this.details.upstreamCode,
      traceId,
      trace: this.trace,
      fields: this.details.fields,
      identityCheck: this.details.identityCheck,
    };
  }
}
