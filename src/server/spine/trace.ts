/**
 * The list of Spine calls a BFF response made (DESIGN.md principle 6): service, interaction,
 * status, milliseconds and cache hit or miss. Never a token, an ASID or patient data.
 */
import type { TraceEntry } from '../../shared/api';

export class CallTrace {
  readonly entries: TraceEntry[] = [];

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
