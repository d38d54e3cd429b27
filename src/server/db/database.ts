/**
 * The BFF's database: PostgreSQL, either embedded (PGlite, ./pglite.ts: a folder under the data
 * directory, nothing to install) or a real server when DATABASE_URL is set (pg, ./postgres.ts).
 * One small interface, so the audit and session stores run the same SQL on both.
 */
export interface Queries {
  query<Row extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A LISTEN on one channel: `connected` is false while notifications could be missed. */
export interface Listener {
  readonly connected: boolean;
  /** Goes up each time it connects again: what was learnt before a gap may be out of date. */
  readonly epoch: number;
  close(): Promise<void>;
}

export interface Database extends Queries {
  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
  /** A server's connection pool, for the metrics; PGlite has none. */
  poolStats?(): { total: number; idle: number; waiting: number } | undefined;
  /** NOTIFY payloads sent on `channel` by any instance on this database, this one included. */
  listen?(channel: string, onMessage: (payload: string) => void): Promise<Listener>;
}

/** A database opened on first use (and migrated, by `open`); `ready()` opens it now, to fail at start-up rather than at the first request. */
export function lazyDatabase(open: () => Promise<Database>, kind: Database['kind']): Database & { ready(): Promise<void> } {
  let opened: Promise<Database> | undefined;
  let current: Database | undefined;
  const db = () =>
    (opened ??= open().then(
      (d) => (current = d),
      (error: unknown) => {
        opened = undefined;
        throw error;
      },
    ));
  return {
    kind,
    query: async (sql, params) => (await db()).query(sql, params),
    exec: async (sql) => (await db()).exec(sql),
    transaction: async (work) => (await db()).transaction(work),
    close: async () => {
      if (opened) await (await opened).close();
    },
    ready: async () => {
      await db();
    },
    poolStats: () => current?.poolStats?.(),
    listen: async (channel, onMessage) => {
      const opened = await db();
      if (!opened.listen) throw new Error(`a ${kind} database cannot listen`);
      return opened.listen(channel, onMessage);
    },
  };
}
