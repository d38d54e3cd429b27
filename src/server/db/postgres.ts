/** A PostgreSQL server (DATABASE_URL), through a pg connection pool. */
import pg from 'pg';
import type { Database, Listener } from './database';

/** How long a dropped LISTEN connection waits before it connects again. */
const RELISTEN_MS = 1000;

/**
 * LISTEN on a connection of its own. While it is down (the server restarted, the network broke)
 * (or could not be made at first) `connected` is false, so whoever relies on it stops trusting what
 * it has not heard; it connects again every RELISTEN_MS until it is back or closed.
 */
async function listenOn(url: string, channel: string, onMessage: (payload: string) => void): Promise<Listener> {
  let client: pg.Client | undefined;
  let connected = false;
  let closed = false;
  let epoch = 0;
  const connect = async (): Promise<void> => {
    if (closed) return;
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    const lost = () => {
      if (client !== next) return;
      connected = false;
      client = undefined;
      next.end().catch(() => undefined);
      if (!closed) setTimeout(() => void connect().catch(() => undefined), RELISTEN_MS).unref();
    };
    next.on('error', lost);
    next.on('end', lost);
    next.on('notification', (message) => {
      if (message.channel === channel) onMessage(message.payload ?? '');
    });
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      lost();
      throw error;
    }
    if (!closed && client === next) {
      epoch++;
      connected = true;
    }
  };
  // A first attempt that fails leaves it not connected, trying again like a dropped connection.
  await connect().catch(() => undefined);
  return {
    get connected() {
      return connected;
    },
    get epoch() {
      return epoch;
    },
    close: async () => {
      closed = true;
      connected = false;
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
}

export async function openPostgres(url: string): Promise<Database> {
  // A server that restarts or cannot be reached: a connection attempt gives up after 5 s, and an idle
  // connection it drops is an error of that connection, not of the process (pg would throw it otherwise).
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined);
  // Fail at start-up, with the server's own message, rather than at the first request.
  (await pool.connect()).release();
  const listeners: Listener[] = [];
  return {
    kind: 'postgres',
    async query(sql, params) {
      return (await pool.query(sql, params as unknown[])).rows;
    },
    async exec(sql) {
      // Without parameters pg uses the simple protocol, which takes several statements.
      await pool.query(sql);
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: async () => {
      await Promise.all(listeners.map((l) => l.close()));
      await pool.end();
    },
    async listen(channel, onMessage) {
      const listener = await listenOn(url, channel, onMessage);
      listeners.push(listener);
      return listener;
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}
