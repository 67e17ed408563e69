/**
 * `switchyard setup`: installs what the local stack needs without starting it (CI runs this
 * first so the install steps are visible and timed on their own).
 */
import type { Config } from '../config';
import { log } from '../log';
import { ensureKafkaJars } from '../stack/kafka';
import { ensurePostgresInstalled } from '../stack/postgres';
import { findOrBuildTemporalCli } from '../stack/temporal';

export async function runSetup(config: Config, options: { kafka: boolean }): Promise<void> {
  const [temporal, postgres, kafka] = await Promise.all([
    findOrBuildTemporalCli(config),
    config.databaseUrl ? Promise.resolve('(DATABASE_URL is set)') : ensurePostgresInstalled(),
    options.kafka ? ensureKafkaJars(config.paths.tools) : Promise.resolve('(not asked for)'),
  ]);
  log.info('local stack installed', { temporal, postgres, kafka });
}
