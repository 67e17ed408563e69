/** `switchyard migrate`: SQL migrations on PostgreSQL, search attributes on the Temporal namespace. */
import { Connection } from '@temporalio/client';
import { databaseUrlOf, type Config } from '../config';
import { migrate } from '../db/migrate';
import { log } from '../log';
import { ensureSearchAttributes } from '../temporal/search-attributes';

export async function runMigrations(config: Config): Promise<void> {
  const applied = await migrate(databaseUrlOf(config));
  log.info(applied.length ? 'applied migrations' : 'database schema is up to date', {
    applied: applied.map((m) => `${m.version}_${m.name}`),
  });
  const connection = await Connection.connect({ address: config.temporal.address });
  try {
    const added = await ensureSearchAttributes(connection, config.temporal.namespace);
    log.info(added.length ? 'registered search attributes' : 'search attributes are registered', { added });
  } finally {
    await connection.close();
  }
}
