/**
 * The audit trail for a privacy officer (R26): search by NHS number, user and day range, newest
 * first, a page at a time; and the same search as a CSV file. Both are themselves audited.
 */
import type { Hono } from 'hono';
import { stringify } from 'csv-stringify/sync';
import type { AuditEntry, AuditPage, AuditQuery } from '../../shared/api';
import { checkDateRange } from '../../shared/dates';
import { checkNhsNumber } from '../../shared/nhsNumber';
import type { AppEnv } from '../appEnv';
import { AppError } from '../problem';
import type { Services } from '../services';
import { AUDIT_EXPORT_MAX } from './auditLog';

export const AUDIT_PAGE_SIZE = 100;
const FILTERS = ['nhsNumber', 'user', 'from', 'to', 'before'];

/** The filters from the query string, each checked; a 400 naming the field otherwise. */
function auditQueryOf(queries: Record<string, string[]>): AuditQuery {
  const unknown = Object.keys(queries).filter((k) => !FILTERS.includes(k));
  if (unknown.length > 0) throw new AppError('INVALID_QUERY', { detail: `Unknown query parameter: ${unknown.join(', ')}. The audit takes ${FILTERS.join(', ')}.` });
  const one = (name: string) => {
    const values = queries[name];
    if (values && values.length > 1) throw new AppError('INVALID_QUERY', { detail: `${name} is given more than once.`, fields: { [name]: 'Give it once' } });
    const value = values?.[0]?.trim();
    return value ? value : undefined;
  };
  const query: AuditQuery = {};
  const nhs = one('nhsNumber');
  if (nhs !== undefined) {
    const check = checkNhsNumber(nhs);
    if (!check.valid) throw new AppError('INVALID_NHS_NUMBER', { detail: check.reason, fields: { nhsNumber: check.reason } });
    query.nhsNumber = check.value;
  }
  const user = one('user');
  if (user !== undefined) {
    if (user.length > 64 || !/^[\p{L}\p{N} .'@_-]+$/u.test(user)) throw new AppError('INVALID_QUERY', { detail: 'The user is an SDS user ID or part of a name: letters, digits, spaces and . \' @ _ -, at most 64 characters.', fields: { user: 'An SDS user ID or part of a name' } });
    query.user = user;
  }
  const range = checkDateRange(one('from'), one('to'));
  if (!range.valid) throw new AppError('INVALID_DATE_RANGE', { detail: range.reason, fields: { [range.field]: range.reason } });
  query.from = range.from;
  query.to = range.to;
  const before = one('before');
  if (before !== undefined) {
    if (!/^\d{1,15}$/.test(before)) throw new AppError('INVALID_QUERY', { detail: 'before is the id of an audit row.', fields: { before: 'Not an audit row id' } });
    query.before = before;
  }
  return query;
}

const CSV_COLUMNS: [string, (e: AuditEntry) => unknown][] = [
  ['occurred_at', (e) => e.occurredAt],
  ['user_id', (e) => e.user?.id],
  ['user_name', (e) => e.user?.name],
  ['user_role', (e) => e.user?.role],
  ['role_profile_id', (e) => e.user?.roleProfileId],
  ['user_organisation', (e) => e.user?.organisation],
  ['action', (e) => e.action],
  ['nhs_number', (e) => e.nhsNumber],
  ['section', (e) => e.section],
  ['outcome', (e) => e.outcome],
  ['http_status', (e) => e.httpStatus],
  ['error_code', (e) => e.errorCode],
  ['ssp_trace_id', (e) => e.sspTraceId],
  ['interaction_id', (e) => e.interactionId],
  ['practice', (e) => e.practiceOdsCode],
  ['request_id', (e) => e.requestId],
  ['details', (e) => (Object.keys(e.details).length ? JSON.stringify(e.details) : '')],
];

export function registerAuditRoutes(app: Hono<AppEnv>, services: Services): void {
  app.get('/api/audit', async (c) => {
    const query = auditQueryOf(c.req.queries());
    c.set('auditDetails', { filters: query });
    const rows = await services.auditLog.search(query, AUDIT_PAGE_SIZE + 1);
    const entries = rows.slice(0, AUDIT_PAGE_SIZE);
    return c.json<AuditPage>({ entries, next: rows.length > AUDIT_PAGE_SIZE ? entries.at(-1)!.id : undefined });
  });

  app.get('/api/audit/export', async (c) => {
    const query = auditQueryOf(c.req.queries());
    const entries = await services.auditLog.search(query, AUDIT_EXPORT_MAX);
    c.set('auditDetails', { filters: query, rows: entries.length });
    // A cell that starts with =, +, - or @ is prefixed so a spreadsheet shows it, never runs it.
    const csv = stringify([CSV_COLUMNS.map(([name]) => name), ...entries.map((e) => CSV_COLUMNS.map(([, value]) => value(e) ?? ''))], { escape_formulas: true });
    const day = new Date().toISOString().slice(0, 10);
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="audit-${day}.csv"` });
  });
}
