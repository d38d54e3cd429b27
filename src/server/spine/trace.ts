/**
 * The list of Spine calls a BFF response made (docs/architecture.md principle 6): service, interaction,
 * status, milliseconds, cache hit or miss and the id the call carried. Never a token, an ASID or
 * patient data, except that on the simulated Spine (`detail`) each call also carries its request:
 * URL, Ssp-* headers and decoded JWT claims, for the flow inspector.
 */
import type { TraceEntry } from '../../shared/api';

/** One request through the SSP as the audit records it (R26): its Ssp-* headers, which never leave the server. */
export interface SspCallRecord {
  traceId: string;
  from: string;
  to: string;
  interactionId: string;
  /** The practice whose GP system was asked. */
  practiceOdsCode?: string;
  status: number | null;
}

export class CallTrace {
  readonly entries: TraceEntry[] = [];
  /** Server-side only, for the audit: unlike `entries`, never part of a response (ASIDs stay here, R10). */
  readonly sspCalls: SspCallRecord[] = [];

  constructor(readonly options: { detail?: boolean } = {}) {}

  record(entry: TraceEntry): void {
    this.entries.push({ ...entry, ms: Math.round(entry.ms * 10) / 10 });
  }

  cacheHit(service: TraceEntry['service'], interaction: string): void {
    this.record({ service, interaction, status: null, ms: 0, cache: 'hit' });
  }

  /** Marks the calls recorded from index `from` on as cache misses: they were made because the cache had nothing. */
  markMissesSince(from: number): void {
    for (const entry of this.entries.slice(from)) entry.cache = 'miss';
  }
}
