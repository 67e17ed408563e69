/**
 * `switchyard migrate`: SQL migrations on PostgreSQL, then secrets stored before encryption at
 * rest sealed under the current key; the namespace and its search attributes on Temporal.
 */
import { Connection } from '@temporalio/client';
import { databaseUrlOf, type Config } from '../config';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { installEncryptionKeys } from '../secrets/keyring';
import { resealSecrets, type ResealCounts } from '../secrets/reseal';
import { log } from '../log';
import { ensureNamespace, ensureSearchAttributes } from '../temporal/namespace-setup';

export async function runMigrations(config: Config): Promise<void> {
  const sealer = installEncryptionKeys(config.encryptionKeys);
  const applied = await migrate(databaseUrlOf(config));
  log.info(applied.length ? 'applied migrations' : 'database schema is up to date', {
    applied: applied.map((m) => `${m.version}_${m.name}`),
  });
  const sealed = await withPool(config, (db) => resealSecrets(db, sealer));
  if (sealed.endpoints + sealed.sources + sealed.projects > 0) log.info('sealed stored secrets under the current key', { ...sealed, key: sealer.currentKeyId });
  const connection = await Connection.connect({ address: config.temporal.address });
  try {
    if (await ensureNamespace(connection, config.temporal.namespace)) log.info('registered namespace', { namespace: config.temporal.namespace });
    const added = await ensureSearchAttributes(connection, config.temporal.namespace);
    log.info(added.length ? 'registered search attributes' : 'search attributes are registered', { added });
  } finally {
    await connection.close();
  }
}

/** `switchyard rotate-keys`: every stored secret re-sealed under the current (first) key, so older keys can be retired. */
export async function rotateKeys(config: Config): Promise<ResealCounts> {
  const sealer = installEncryptionKeys(config.encryptionKeys);
  const counts = await withPool(config, (db) => resealSecrets(db, sealer));
  log.info('re-sealed stored secrets under the current key', { ...counts, key: sealer.currentKeyId });
  return counts;
}

async function withPool<T>(config: Config, work: (db: ReturnType<typeof createPool>) => Promise<T>): Promise<T> {
  const db = createPool(databaseUrlOf(config), { max: 2, queryTimeoutMs: 0 });
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}
