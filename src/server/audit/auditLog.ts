/**
 * The audit trail (R26): one row per attempt (success, failure, blocked), written before the
 * answer leaves. Append-only: this module has no update or delete, and the table refuses both
 * (src/server/db/migrations.ts).
 */
import { GETCARERECORD_INTERACTION, GETSTRUCTUREDRECORD_INTERACTION } from '../spine/gpConnect';
import type { AuditEntry, AuditQuery } from '../../shared/api';
import type { Database } from '../db/database';
import type { SspCallRecord } from '../spine/trace';
import { storable } from '../db/storable';
import { GroupCommit, valuesList } from '../db/groupCommit';

export type AuditOutcome = 'success' | 'failure' | 'blocked';

export interface AuditRecord {
  requestId: string;
  user?: { id: string; name: string; role: string; roleProfileId: string; organisation: string };
  action: string;
  nhsNumber?: string;
  section?: string;
  outcome: AuditOutcome;
  httpStatus: number;
  errorCode?: string;
  /** Every call through the SSP, in order; the row's Ssp-* columns are the main one's (see mainCall). */
  sspCalls: SspCallRecord[];
  details: Record<string, unknown>;
}

/** Most rows an export holds (a search page is smaller: src/server/audit/routes.ts). */
export const AUDIT_EXPORT_MAX = 50_000;

interface Row extends Record<string, unknown> {
  id: string | number;
  occurred_at: Date | string;
  request_id: string;
  user_id: string | null;
  user_name: string | null;
  user_role: string | null;
  role_profile_id: string | null;
  user_org: string | null;
  action: string;
  nhs_number: string | null;
  section: string | null;
  outcome: AuditOutcome;
  http_status: number;
  error_code: string | null;
  ssp_trace_id: string | null;
  ssp_interaction_id: string | null;
  practice: string | null;
  details: Record<string, unknown> | string;
}

/**
 * The call a row's Ssp-* columns name: the record call (its last attempt) where there is one, as a
 * record read also makes the identity check's calls (R7); otherwise the request's first call.
 */
const RECORD_INTERACTIONS: ReadonlySet<string> = new Set([GETCARERECORD_INTERACTION, GETSTRUCTUREDRECORD_INTERACTION]);
function mainCall(calls: SspCallRecord[]): SspCallRecord | undefined {
  return calls.findLast((c) => RECORD_INTERACTIONS.has(c.interactionId)) ?? calls[0];
}

export class AuditLog {
  /** The rows of one turn of the event loop, and those added while a write is in flight, go in together (db/groupCommit.ts). */
  private readonly writes = new GroupCommit<AuditRecord>((records) => this.insert(records));

  constructor(private readonly db: Database) {}

  /** Settles once this row is committed. */
  record(recorded: AuditRecord): Promise<void> {
    return this.writes.add(recorded);
  }

  private async insert(records: AuditRecord[]): Promise<void> {
    const { values, params } = valuesList(
      records.map((recorded) => {
        // What was asked for is kept as asked, with what PostgreSQL cannot store escaped.
        const event = storable(recorded);
        const main = mainCall(event.sspCalls);
        return [
          event.requestId,
          event.user?.id ?? null,
          event.user?.name ?? null,
          event.user?.role ?? null,
          event.user?.roleProfileId ?? null,
          event.user?.organisation ?? null,
          event.action,
          event.nhsNumber ?? null,
          event.section ?? null,
          event.outcome,
          event.httpStatus,
          event.errorCode ?? null,
          main?.traceId ?? null,
          main?.from ?? null,
          main?.to ?? null,
          main?.interactionId ?? null,
          JSON.stringify(event.sspCalls),
          JSON.stringify({ ...event.details, ...(main?.practiceOdsCode ? { practice: main.practiceOdsCode } : {}) }),
        ];
      }),
    );
    await this.db.query(
      `INSERT INTO audit_events (request_id, user_id, user_name, user_role, role_profile_id, user_org, action, nhs_number, section, outcome, http_status, error_code,
         ssp_trace_id, ssp_from, ssp_to, ssp_interaction_id, spine_calls, details)
       VALUES ${values}`,
      params,
    );
  }

  /**
   * Newest first, filtered by NHS number, user (SDS user id, or part of the name) and day range
   * (whole days, UK time). `before` pages on: the id of the last row already shown.
   */
  async search(query: AuditQuery, limit: number): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.nhsNumber) where.push(`nhs_number = ${param(query.nhsNumber)}`);
    if (query.user) where.push(`(user_id = ${param(query.user)} OR user_name ILIKE ${param(`%${query.user.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)})`);
    if (query.from) where.push(`occurred_at >= (${param(query.from)}::date)::timestamp AT TIME ZONE 'Europe/London'`);
    if (query.to) where.push(`occurred_at < (${param(query.to)}::date + 1)::timestamp AT TIME ZONE 'Europe/London'`);
    if (query.before) where.push(`id < ${param(query.before)}`);
    const rows = await this.db.query<Row>(
      `SELECT id, occurred_at, request_id, user_id, user_name, user_role, role_profile_id, user_org, action, nhs_number, section, outcome, http_status, error_code,
              ssp_trace_id, ssp_interaction_id, details->>'practice' AS practice, details
         FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY id DESC LIMIT ${param(Math.min(limit, AUDIT_EXPORT_MAX))}`,
      params,
    );
    return rows.map(toEntry);
  }
}

/**
 * What the audit page and export show. The Ssp-From and Ssp-To ASIDs stay in the database (R10:
 * the browser never sees an ASID); the requesting organisation and the practice stand for them.
 */
function toEntry(row: Row): AuditEntry {
  const details = typeof row.details === 'string' ? (JSON.parse(row.details) as Record<string, unknown>) : row.details;
  const rest = { ...details };
  delete rest.practice;
  return {
    id: String(row.id),
    occurredAt: new Date(row.occurred_at).toISOString(),
    requestId: row.request_id,
    user: row.user_id
      ? { id: row.user_id, name: row.user_name ?? '', role: row.user_role ?? '', roleProfileId: row.role_profile_id ?? '', organisation: row.user_org ?? '' }
      : undefined,
    action: row.action,
    nhsNumber: row.nhs_number ?? undefined,
    section: row.section ?? undefined,
    outcome: row.outcome,
    httpStatus: row.http_status,
    errorCode: row.error_code ?? undefined,
    sspTraceId: row.ssp_trace_id ?? undefined,
    interactionId: row.ssp_interaction_id ?? undefined,
    practiceOdsCode: row.practice ?? undefined,
    details: rest,
  };
}
