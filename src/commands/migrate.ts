/** `switchyard migrate`: SQL migrations on PostgreSQL; the namespace and its search attributes on Temporal. */
import { Connection } from '@temporalio/client';
import { databaseUrlOf, type Config } from '../config';
import { migrate } from '../db/migrate';
import { log } from '../log';
import { ensureNamespace, ensureSearchAttributes } from '../temporal/namespace-setup';

export async function runMigrations(config: Config): Promise<void> {
  const applied = await migrate(databaseUrlOf(config));
  log.info(applied.length ? 'applied migrations' : 'database schema is up to date', {
    applied: applied.map((m) => `${m.version}_${m.name}`),
  });
  const connection = await Connection.connect({ address: config.temporal.address });
  try {
    if (await ensureNamespace(connection, config.temporal.namespace)) log.info('registered namespace', { namespace: config.temporal.namespace });
    const added = await ensureSearchAttributes(connection, config.temporal.namespace);
    log.info(added.length ? 'registered search attributes' : 'search attributes are registered', { added });
  } finally {
    await connection.close();
  }
}
