/**
 * Read through a cache with stated lifetime, sharing one upstream call among identical
 * concurrent requests (single flight). Every outcome shows in the caller's trace: calls made
 * are cache misses; a cached or shared answer is a cache hit.
 */
import type { Cache } from '../cache';
import type { CallTrace } from '../spine/trace';

export interface ReadThrough<V> {
  cache: Cache<V>;
  inflight: Map<string, Promise<unknown>>;
  key: string;
  ttlSeconds: number;
  trace: CallTrace;
  /** Bypass the cache (e.g. a re-trace); a call already in flight is still shared. */
  fresh?: boolean;
  /** Records the cache hits for this kind of answer in the trace. */
  recordHit: () => void;
  load: () => Promise<V>;
}

export async function readThrough<V>(options: ReadThrough<V>): Promise<V> {
  const { cache, inflight, key, trace } = options;
  if (!options.fresh) {
    const cached = cache.get(key);
    if (cached !== undefined) {
      options.recordHit();
      return cached;
    }
  }
  const pending = inflight.get(key) as Promise<V> | undefined;
  if (pending) {
    const value = await pending;
    options.recordHit();
    return value;
  }
  const from = trace.entries.length;
  const promise = options.load();
  inflight.set(key, promise);
  try {
    const value = await promise;
    cache.set(key, value, options.ttlSeconds);
    return value;
  } finally {
    // Calls made are misses, whether the answer was kept or was a failure (failures are not cached).
    trace.markMissesSince(from);
    inflight.delete(key);
  }
}
