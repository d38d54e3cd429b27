/**
 * A small time-bounded, size-bounded cache. An interface, so a shared store can back it when
 * several BFF instances run; in memory by default.
 */
import type { CallTrace } from './spine/trace';
import { NO_METRICS, type Metrics } from './metrics';

export interface Cache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V, ttlSeconds: number): void;
  delete(key: string): void;
}

export class MemoryCache<V> implements Cache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, ttlSeconds: number): void {
    if (ttlSeconds <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first key is the oldest.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expires: this.now() + ttlSeconds * 1000 });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

export interface Read<V> {
  key: string;
  trace: CallTrace;
  /** Bypass the cache (e.g. a re-trace); a call already in flight is still shared. */
  fresh?: boolean;
  /** Records the cache hits for this kind of answer in the trace. */
  recordHit: () => void;
  load: () => Promise<V>;
}

/**
 * Reads through a cache with a stated lifetime, sharing one upstream call among identical
 * concurrent requests (single flight). Every outcome shows in the caller's trace: calls made are
 * cache misses; a cached or shared answer is a cache hit. Failures are never kept.
 */
export class ReadThroughCache<V> {
  private readonly cache: Cache<V>;
  private readonly inflight = new Map<string, Promise<V>>();

  constructor(
    /** For the metrics: what the cache holds, e.g. "sds-routes". */
    private readonly name: string,
    private readonly ttlSeconds: number,
    maxEntries: number,
    private readonly metrics: Metrics = NO_METRICS,
  ) {
    this.cache = new MemoryCache<V>(maxEntries);
  }

  /** What is kept for a key, without reading through. */
  get(key: string): V | undefined {
    return this.cache.get(key);
  }

  async read({ key, trace, fresh, recordHit, load }: Read<V>): Promise<V> {
    if (!fresh) {
      const cached = this.cache.get(key);
      if (cached !== undefined) {
        this.metrics.cacheLookup(this.name, 'hit');
        recordHit();
        return cached;
      }
    }
    const pending = this.inflight.get(key);
    if (pending) {
      const value = await pending;
      this.metrics.cacheLookup(this.name, 'hit');
      recordHit();
      return value;
    }
    this.metrics.cacheLookup(this.name, 'miss');
    const from = trace.entries.length;
    const promise = load();
    this.inflight.set(key, promise);
    try {
      const value = await promise;
      this.cache.set(key, value, this.ttlSeconds);
      return value;
    } finally {
      // Calls made are misses, whether the answer was kept or was a failure.
      trace.markMissesSince(from);
      this.inflight.delete(key);
    }
  }
}
