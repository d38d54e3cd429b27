/**
 * The audit row of one API request (R26), built from what the request carried: who, which route
 * (action, NHS number, section), the outcome, our error code, and the Ssp-* headers of its calls.
 */
import type { Context } from 'hono';
import { checkNhsNumber } from '../../shared/nhsNumber';
import type { ErrorCode } from '../../shared/errors';
import type { AppEnv } from '../appEnv';
import { displayName, type User } from '../auth/user';
import type { Services } from '../services';
import type { AuditOutcome, AuditRecord } from './auditLog';

/** Refusals by this viewer itself (sign-in, role, safety gates): "blocked", not "failure". */
const BLOCKING: ReadonlySet<string> = new Set<ErrorCode>([
  'NOT_SIGNED_IN',
  'SESSION_EXPIRED',
  'FORBIDDEN_ROLE',
  'ORGANISATION_NOT_CONFIGURED',
  'CSRF_REJECTED',
  'PATIENT_RESTRICTED',
  'PATIENT_DECEASED',
  'NHS_NUMBER_NOT_VERIFIED',
  'TRACE_TOO_OLD',
  'IDENTITY_NOT_CONFIRMED',
]);

export function outcomeOf(status: number, errorCode: string | undefined): AuditOutcome {
  if (status < 400) return 'success';
  return errorCode && BLOCKING.has(errorCode) ? 'blocked' : 'failure';
}

export function auditUser(user: User | undefined): AuditRecord['user'] {
  if (!user) return undefined;
  const role = [user.role, user.jobRole ? `${user.jobRole.code} ${user.jobRole.name}` : undefined].filter(Boolean).join(' · ');
  return { id: user.sdsUserId, name: displayName(user), role: role || 'none', roleProfileId: user.roleProfileId, organisation: user.organisation.odsCode };
}

/** The row for a request to a guarded route: `params` are the route's path parameters as given (the NHS number, and the HTML section or structured area, when it has them). */
export function auditRecordOf(c: Context<AppEnv>, action: string, params: Record<string, string>, user: User | undefined): AuditRecord {
  const raw = params.nhsNumber;
  const nhs = raw === undefined ? undefined : checkNhsNumber(raw);
  const status = c.res.status;
  const errorCode = c.get('errorCode');
  return {
    requestId: c.get('traceId'),
    user: auditUser(user),
    action,
    // What was asked for is recorded even when it was not a valid NHS number (kept short).
    nhsNumber: nhs?.valid ? nhs.value : undefined,
    section: (params.section ?? params.area)?.slice(0, 20),
    outcome: outcomeOf(status, errorCode),
    httpStatus: status,
    errorCode,
    sspCalls: c.get('trace')?.sspCalls ?? [],
    details: { ...(raw !== undefined && !nhs?.valid ? { requestedNhsNumber: raw.slice(0, 32) } : {}), ...c.get('auditDetails') },
  };
}

/** Writes one audit row; false (and logged) if it could not be written, for the caller to withhold what it would have answered (R26). */
export async function writeAudit(services: Services, record: AuditRecord): Promise<boolean> {
  const started = performance.now();
  try {
    await services.auditLog.record(record);
    services.metrics.auditWrite(true, (performance.now() - started) / 1000);
    return true;
  } catch (error) {
    services.metrics.auditWrite(false, (performance.now() - started) / 1000);
    services.logger.error({ event: 'audit-write-failed', traceId: record.requestId, message: error instanceof Error ? error.message : String(error) });
    return false;
  }
}
