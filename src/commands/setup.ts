/**
 * `switchyard setup`: installs what the local stack needs without starting it (CI runs this
 * first so the install steps are visible and timed on their own).
 */
import type { Config } from '../config';
import { log } from '../log';
import { ensureChromiumInstalled } from '../stack/chromium';
import { ensureKafkaJars } from '../stack/kafka';
import { ensureElasticMqJars } from '../stack/elasticmq';
import { ensureNatsInstalled } from '../stack/nats';
import { ensureOpensslInstalled } from '../stack/openssl';
import { findPubsubEmulator, PUBSUB_EMULATOR_MISSING } from '../stack/pubsub';
import { ensureRabbitmqInstalled } from '../stack/rabbitmq';
import type { LocalBrokers } from '../stack/stack';
import { ensurePostgresInstalled } from '../stack/postgres';
import { ensureRedisInstalled } from '../stack/redis';
import { ensureTinyproxyInstalled } from '../stack/tinyproxy';
import { findOrBuildTemporalCli } from '../stack/temporal';
import { findOrBuildTemporalServer } from '../stack/temporal-server';

/**
 * The Temporal CLI always (the tests start dev servers of their own whatever TEMPORAL_SERVER
 * says); with TEMPORAL_SERVER=sqlite or postgres, the real server and its SQL tool too. One
 * after the other: the server's build then reuses the packages the CLI's compiled, instead of
 * compiling them a second time beside it on the same cores.
 */
async function buildTemporal(config: Config): Promise<{ cli: string; server?: string }> {
  const cli = await findOrBuildTemporalCli(config);
  if (config.temporal.server === 'dev') return { cli };
  const { server } = await findOrBuildTemporalServer(config);
  return { cli, server };
}

export async function runSetup(config: Config, options: LocalBrokers): Promise<void> {
  const notAsked = Promise.resolve('(not asked for)');
  const [temporal, postgres, kafka, redis, nats, elasticmq, rabbitmq, pubsub, chromium, tinyproxy, openssl] = await Promise.all([
    buildTemporal(config),
    config.databaseUrl ? Promise.resolve('(DATABASE_URL is set)') : ensurePostgresInstalled(),
    options.kafka ? ensureKafkaJars(config.paths.tools) : notAsked,
    options.redis ? ensureRedisInstalled() : notAsked,
    options.nats ? ensureNatsInstalled() : notAsked,
    options.sqs ? ensureElasticMqJars(config.paths.tools) : notAsked,
    options.rabbitmq ? ensureRabbitmqInstalled() : notAsked,
    // Not installable from here: only found.
    options.pubsub ? Promise.resolve(findPubsubEmulator() ?? PUBSUB_EMULATOR_MISSING) : notAsked,
    ensureChromiumInstalled(config),
    // What the egress tests run: a forward proxy, and certificates for TLS receivers.
    ensureTinyproxyInstalled(),
    ensureOpensslInstalled(),
  ]);
  log.info('local stack installed', { temporal, postgres, kafka, redis, nats, elasticmq, rabbitmq, pubsub, chromium, tinyproxy, openssl });
}
