/**
 * The list of Spine calls a BFF response made (DESIGN.md principle 6): service, interaction,
 * status, milliseconds, cache hit or miss and the id the call carried. Never a token, an ASID or
 * patient data, except that on the simulated Spine (`detail`) each call also carries its request:
 * URL, Ssp-* headers and decoded JWT claims, for the flow inspector.
 */
import type { TraceEntry } from '../../shared/api';

export class CallTrace {
  readonly entries: TraceEntry[] = [];

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
