/**
 * The support view's memory (issue: flow inspector and support view): each session's last 50 BFF
 * requests, so a support call can quote a trace id. In memory only, bounded in sessions and time;
 * nothing about the patient beyond the NHS number.
 */
import type { SupportEntry, TraceEntry } from '../shared/api';
import { MemoryCache } from './cache';

export const SUPPORT_LOG_LIMIT = 50;
/** A session's log is forgotten after this long without a request. */
const IDLE_SECONDS = 8 * 60 * 60;

export class SupportLog {
  private readonly sessions = new MemoryCache<SupportEntry[]>(2000);

  add(sessionId: string, entry: SupportEntry): void {
    const entries = [entry, ...(this.sessions.get(sessionId) ?? [])].slice(0, SUPPORT_LOG_LIMIT);
    this.sessions.set(sessionId, entries, IDLE_SECONDS);
  }

  /** Newest first. */
  list(sessionId: string): SupportEntry[] {
    return this.sessions.get(sessionId) ?? [];
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
