/** The CLI's commands, by name. */
import type { Config } from '../config';
import { startApi } from './api';
import { runDev } from './dev';
import { runKafkaConsumers } from './kafka';
import { runMigrations } from './migrate';
import type { Running } from './running';
import { runServe } from './serve';
import { runSetup } from './setup';
import { runWorker } from './worker';

export type Command = (config: Config, flags: Set<string>) => Promise<Running | void>;

export const commands: Record<string, Command> = {
  dev: (config, flags) => runDev(config, { kafka: flags.has('--kafka') }),
  serve: (config) => runServe(config),
  api: (config) => startApi(config),
  worker: (config) => runWorker(config),
  kafka: (config) => runKafkaConsumers(config),
  migrate: (config) => runMigrations(config),
  setup: (config, flags) => runSetup(config, { kafka: flags.has('--kafka') }),
};

export const usage = `Usage: switchyard <command> [options]

Commands:
  dev [--kafka]     PostgreSQL, Temporal (and Kafka) provisioned and started, migrations applied,
                    the API and a worker in one process tree. Ctrl-C stops it all.
  serve             the API and the worker in one process (what dev runs): deliveries start eagerly
  api               the HTTP API on its own
  worker            the Temporal worker (and the Kafka consumers, unless KAFKA_CONSUMERS_IN_WORKER=false)
  kafka             the Kafka sources' consumers, on their own
  migrate           apply SQL migrations; create the Temporal namespace if missing and register
                    its search attributes
  setup [--kafka]   install the local stack's tools without starting anything

Configuration comes from environment variables; see README.md.
`;
