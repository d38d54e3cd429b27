/**
 * The audit trail for a privacy officer (R26): search by NHS number, user and day range, newest
 * first, a page at a time; and the same search as a CSV file. Both are themselves audited.
 */
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { AuditPageSchema, type AuditEntry, type AuditPage } from '../../shared/api';
import { AuditSearchQuery } from '../../shared/apiInput';
import { AUDIT_EXPORT_MAX } from '../audit/auditLog';
import type { Services } from '../services';
import type { Guard } from './guard';
import { ApiArea } from './route';

export const AUDIT_PAGE_SIZE = 100;

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

const privacyOfficer = (audit: string): Guard => ({ access: 'role', audit, permission: 'audit:read', spine: false });

export function auditApi(services: Services): ApiArea {
  return new ApiArea('audit', services)
    .route({
      method: 'get',
      path: '/audit',
      summary: 'Search the audit trail',
      description: 'Newest first, 100 at a time; `next` is the `before` of the next page. Itself audited.',
      guard: privacyOfficer('audit.search'),
      query: AuditSearchQuery,
      response: { status: 200, description: 'A page of audit rows', schema: AuditPageSchema },
      handler: async (c, { query }) => {
        c.set('auditDetails', { filters: query });
        const rows = await services.auditLog.search(query, AUDIT_PAGE_SIZE + 1);
        const entries = rows.slice(0, AUDIT_PAGE_SIZE);
        return c.json<AuditPage>({ entries, next: rows.length > AUDIT_PAGE_SIZE ? entries.at(-1)!.id : undefined });
      },
    })
    .route({
      method: 'get',
      path: '/audit/export',
      summary: 'The same search as a CSV file',
      description: `Up to ${AUDIT_EXPORT_MAX.toLocaleString('en-GB')} rows; a cell that a spreadsheet could run as a formula is neutralised. Itself audited.`,
      guard: privacyOfficer('audit.export'),
      query: AuditSearchQuery,
      response: { status: 200, description: 'CSV with a header row', schema: z.string(), contentType: 'text/csv' },
      handler: async (c, { query }) => {
        const entries = await services.auditLog.search(query, AUDIT_EXPORT_MAX);
        c.set('auditDetails', { filters: query, rows: entries.length });
        // A cell that starts with =, +, - or @ is prefixed so a spreadsheet shows it, never runs it.
        const csv = stringify([CSV_COLUMNS.map(([name]) => name), ...entries.map((e) => CSV_COLUMNS.map(([, value]) => value(e) ?? ''))], {
          escape_formulas: true,
        });
        const day = new Date().toISOString().slice(0, 10);
        return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="audit-${day}.csv"` });
      },
    });
}
