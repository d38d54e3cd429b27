/**
 * The support view's memory (decision 007): each session's last 50 BFF requests, so a support call
 * can quote a trace id. In PostgreSQL, so every instance behind a load balancer sees the requests
 * the others served (docs/architecture.md principle 8); bounded per session and kept 8 hours.
 * Nothing about the patient beyond the NHS number; the session is kept as a hash.
 */
import type { SupportEntry, TraceEntry } from '../shared/api';
import type { Database } from './db/database';
import { storable } from './db/storable';
import { sha256 } from './hash';
import { GroupCommit, valuesList } from './db/groupCommit';

export const SUPPORT_LOG_LIMIT = 50;
/** A session's entries are forgotten this long after they were made. */
const RETENTION_HOURS = 8;
/** How often an instance sweeps entries past their retention. */
const SWEEP_MS = 60_000;

export class SupportLog {
  private lastSweep = 0;
  /** The entries of one turn of the event loop, and those added while a write is in flight, go in together (db/groupCommit.ts). */
  private readonly writes = new GroupCommit<{ key: string; entry: SupportEntry }>((entries) => this.insert(entries));

  constructor(private readonly db: Database) {}

  async add(sessionKey: string, entry: SupportEntry): Promise<void> {
    await this.writes.add({ key: await sha256(sessionKey), entry });
  }

  private async insert(entries: { key: string; entry: SupportEntry }[]): Promise<void> {
    const { values, params } = valuesList(entries.map(({ key, entry }) => [key, JSON.stringify(storable(entry))]));
    await this.db.query(`INSERT INTO support_log (session_key, entry) VALUES ${values}`, params);
    // Each session keeps its newest SUPPORT_LOG_LIMIT: pruned once per session per batch.
    for (const key of new Set(entries.map((e) => e.key))) {
      await this.db.query(
        `DELETE FROM support_log WHERE session_key = $1 AND id < (SELECT min(id) FROM (SELECT id FROM support_log WHERE session_key = $1 ORDER BY id DESC LIMIT $2) AS kept)`,
        [key, SUPPORT_LOG_LIMIT],
      );
    }
    if (Date.now() - this.lastSweep > SWEEP_MS) {
      this.lastSweep = Date.now();
      await this.db.query('DELETE FROM support_log WHERE at < now() - make_interval(hours => $1)', [RETENTION_HOURS]);
    }
  }

  /** Newest first. */
  async list(sessionKey: string): Promise<SupportEntry[]> {
    const rows = await this.db.query<{ entry: SupportEntry | string }>(
      'SELECT entry FROM support_log WHERE session_key = $1 AND at > now() - make_interval(hours => $2) ORDER BY id DESC LIMIT $3',
      [await sha256(sessionKey), RETENTION_HOURS, SUPPORT_LOG_LIMIT],
    );
    return rows.map((r) => (typeof r.entry === 'string' ? (JSON.parse(r.entry) as SupportEntry) : r.entry));
  }
}

/** What the log keeps of one request: the route with the NHS number taken out and kept on its own. */
export function supportEntry(input: {
  method: string;
  path: string;
  status: number;
  code?: string;
  traceId: string;
  trace: TraceEntry[];
  totalMs: number;
}): SupportEntry {
  const nhsNumber = input.path.match(/^\/api\/patients\/(\d{10})(\/|$)/)?.[1];
  const calls = input.trace.filter((t) => t.cache !== 'hit');
  return {
    time: new Date().toISOString(),
    action: `${input.method} ${nhsNumber ? input.path.replace(nhsNumber, '{nhsNumber}') : input.path}`,
    nhsNumber,
    status: input.status,
    code: input.code,
    traceId: input.traceId,
    sspTraceIds: input.trace.filter((t) => t.service === 'ssp' && t.traceId).map((t) => t.traceId!),
    spineCalls: calls.length,
    cacheHits: input.trace.length - calls.length,
    totalMs: Math.round(input.totalMs),
  };
}
