/** The CLI's commands, by name. */
import type { Config } from '../config';
import { errorMessage } from '../log';
import { startApi } from './api';
import { runConsumers } from './consumers';
import { rotateKeys, runMigrations } from './migrate';
import type { Running } from './running';
import { runServe } from './serve';
import { runWorker } from './worker';

export type Command = (config: Config, flags: Set<string>) => Promise<Running | void>;

/**
 * `dev` and `setup` provision a local stack (src/stack/), so they load only when run: an
 * installation without them (the Docker image leaves them out, see .dockerignore) runs every
 * other command, and says so when asked for one of them.
 */
export function loadLocalStackCommand<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(`this installation has no local stack (the Docker image leaves \`dev\` and \`setup\` out): ${errorMessage(error)}`);
  }
}

const localStack = {
  dev: () => loadLocalStackCommand((): typeof import('./dev') => require('./dev')),
  setup: () => loadLocalStackCommand((): typeof import('./setup') => require('./setup')),
  brokers: (flags: ReadonlySet<string>) => loadLocalStackCommand((): typeof import('../stack/stack') => require('../stack/stack')).localBrokersAsked(flags),
};

export const commands: Record<string, Command> = {
  dev: async (config, flags) => localStack.dev().runDev(config, localStack.brokers(flags)),
  serve: (config) => runServe(config),
  api: (config) => startApi(config),
  worker: (config) => runWorker(config, { metricsListener: true }),
  consumers: (config) => runConsumers(config),
  kafka: (config) => runConsumers(config),
  migrate: (config) => runMigrations(config),
  'rotate-keys': async (config) => {
    await rotateKeys(config);
  },
  setup: async (config, flags) => localStack.setup().runSetup(config, localStack.brokers(flags)),
};

export const usage = `Usage: switchyard <command> [options]

Commands:
  dev [--kafka] [--redis] [--nats] [--sqs] [--rabbitmq] [--pubsub] [--brokers]
                    PostgreSQL, Temporal (and Kafka, Redis, NATS, SQS as ElasticMQ, RabbitMQ, the
                    Pub/Sub emulator; --brokers: all six) provisioned and started, migrations applied, the API and a worker in
                    one process tree. Ctrl-C stops it all.
  serve             the API and the worker in one process (what dev runs): deliveries start eagerly
  api               the HTTP API on its own
  worker            the Temporal worker (and the Kafka and broker consumers, unless CONSUMERS_IN_WORKER=false)
  consumers         the Kafka and broker sources' consumers, on their own (\`kafka\` is its older name)
  migrate           apply SQL migrations; create the Temporal namespace if missing and register
                    its search attributes
  rotate-keys       re-encrypt every stored secret under the first key of SWITCHYARD_ENCRYPTION_KEYS
  setup [--kafka] [--redis] [--nats] [--sqs] [--rabbitmq] [--pubsub] [--brokers]
                    install the local stack's tools without starting anything

Configuration comes from environment variables; see README.md.
`;
