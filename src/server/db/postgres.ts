/** A PostgreSQL server (DATABASE_URL), through a pg connection pool. */
import pg from 'pg';
import type { Database } from './database';

export async function openPostgres(url: string): Promise<Database> {
  // A server that restarts or cannot be reached: a connection attempt gives up after 5 s, and an idle
  // connection it drops is an error of that connection, not of the process (pg would throw it otherwise).
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined);
  // Fail at start-up, with the server's own message, rather than at the first request.
  (await pool.connect()).release();
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
    close: () => pool.end(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}
