/** setImmediate on Node; the static demo runs the BFF in a browser page, which has none. */
const afterThisTurn: (run: () => void) => void = globalThis.setImmediate ?? ((run) => setTimeout(run, 0));

/**
 * Group commit: the rows added in one turn of the event loop, and those that arrive while a write
 * is in flight, are written together in one statement. Each caller's promise settles when its own
 * row is committed (or has failed), so a row is still written before the answer that waits on it
 * leaves. Under load this turns a hundred single-row INSERTs into a few multi-row ones (decision
 * 015).
 */
export class GroupCommit<T> {
  private queue: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private writing = false;

  constructor(
    /** Writes the rows in one statement (or one transaction): all of them or none. */
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxBatch = 200,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) {
        // Written after this turn of the event loop, with every row the turn's other requests added:
        // PGlite runs a query without yielding, so "while a write is in flight" alone would batch nothing.
        this.writing = true;
        afterThisTurn(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.write(batch.map((b) => b.item));
          for (const b of batch) b.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          // One row the database refuses must not fail its neighbours: each is tried on its own.
          for (const b of batch) await this.write([b.item]).then(b.resolve, b.reject);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

/** `($1, $2, …), ($n+1, …)` and the flat parameter list, for a multi-row INSERT. */
export function valuesList(rows: unknown[][]): { values: string; params: unknown[] } {
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((value) => (params.push(value), `$${params.length}`)).join(', ')})`);
  return { values: tuples.join(', '), params };
}
