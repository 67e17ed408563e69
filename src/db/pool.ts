/** The process's PostgreSQL pool. */
import pg from 'pg';
import { log } from '../log';

export type Db = pg.Pool;
/** The pool or one of its clients inside a transaction: what a query function needs. */
export type Queryable = pg.Pool | pg.PoolClient;

/**
 * How long a connection (or a place in the pool) and a query may take. PostgreSQL that accepts
 * connections but never answers (stopped, or its host gone) would otherwise hold a request, or an
 * activity, forever: with these, the API answers 503 within seconds (api/errors.ts). Migrations,
 * which may build indexes for minutes, pass queryTimeoutMs 0 (none).
 */
export const CONNECT_TIMEOUT_MS = 5_000;
export const QUERY_TIMEOUT_MS = 10_000;

export function createPool(databaseUrl: string, { max = 10, queryTimeoutMs = QUERY_TIMEOUT_MS }: { max?: number; queryTimeoutMs?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, ...(queryTimeoutMs > 0 && { query_timeout: queryTimeoutMs }) });
  // An idle client losing its server (a Postgres restart) must not crash the process; the pool
  // drops it and the next query gets a fresh connection.
  pool.on('error', (error) => log.warn('idle PostgreSQL connection lost', { error: error.message }));
  // A connection lost while checked out (a transaction in progress when Postgres stops) fails its
  // query, which its caller handles; the pool listens only while a connection is idle, and an
  // 'error' event nobody hears would crash the process. The pool discards it on release.
  pool.on('connect', (client) => client.on('error', (error) => log.debug('PostgreSQL connection lost mid-use', { error: error.message })));
  return pool;
}

/** Runs `work` in a transaction on one pooled connection: committed if it resolves, rolled back if it throws. */
export async function withTransaction<T>(db: Db, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back (lost, or still busy with a query that timed out)
    // must not go back to the pool for the next caller.
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}
