/**
 * Brings up the services Switchyard needs (PostgreSQL, Temporal, optionally Kafka and the other
 * brokers: Redis, NATS, SQS as ElasticMQ, RabbitMQ, Pub/Sub's emulator), reusing any
 * that already answer and starting the missing ones on loopback. `stop()` stops only what this
 * call started, so `dev` and the tests can run beside each other.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseUrlOf, type Config } from '../config';
import { log } from '../log';
import { ensureKafkaJars, isKafkaReady, startLocalKafka } from './kafka';
import { ensureDatabase, isPostgresReady, startLocalPostgres } from './postgres';
import { ensureElasticMqJars, isSqsReady, startLocalElasticMq } from './elasticmq';
import { isNatsReady, startLocalNats } from './nats';
import { isPubsubReady, startLocalPubsub } from './pubsub';
import { isRabbitmqReady, startLocalRabbitmq } from './rabbitmq';
import { isRedisReady, startLocalRedis } from './redis';
import { hostPort, isLoopback, isPortOpen, type Service } from './processes';
import { findOrBuildTemporalCli, isTemporalReady, startTemporalDevServer, type DevServerLever } from './temporal';
import { findOrBuildTemporalServer, startTemporalServer, temporalDatabaseNames } from './temporal-server';

/**
 * The brokers a local stack may bring up beside PostgreSQL and Temporal, each asked for by its
 * own flag (`--kafka`, ...): Kafka, Redis (Streams), NATS (JetStream), SQS (ElasticMQ), RabbitMQ,
 * Google Pub/Sub (its emulator).
 */
export const LOCAL_BROKERS = ['kafka', 'redis', 'nats', 'sqs', 'rabbitmq', 'pubsub'] as const;
export type LocalBrokers = Partial<Record<(typeof LOCAL_BROKERS)[number], boolean>>;

/** The brokers a command line asks for: each by its flag, or all with `--brokers`. */
export function localBrokersAsked(flags: ReadonlySet<string>): LocalBrokers {
  return Object.fromEntries(LOCAL_BROKERS.map((name) => [name, flags.has('--brokers') || flags.has(`--${name}`)]));
}

export interface StackOptions extends LocalBrokers {
  /**
   * Tests: Temporal keeps its state in memory and Kafka in a temporary folder, both gone at stop.
   * Otherwise (dev) both persist under the data folder, so a restart finds its workflows again.
   */
  ephemeral: boolean;
  /** Benchmarks: the dev server on a SQLite file as `dev` runs it, in the temporary folder when ephemeral. */
  temporalOnDisk?: boolean;
  /** Benchmarks: which of the dev server's levers are on (src/stack/temporal.ts; all unless told). */
  devServerLevers?: readonly DevServerLever[];
}

export interface Stack {
  databaseUrl: string;
  temporalAddress: string;
  /** Known only when the Temporal in use is a local dev server. */
  temporalUiUrl: string | undefined;
  kafkaBrokers: string[] | undefined;
  redisUrl: string | undefined;
  natsUrl: string | undefined;
  sqsEndpoint: string | undefined;
  /** With its credentials: not for printing. */
  rabbitmqUrl: string | undefined;
  pubsubEndpoint: string | undefined;
  /** What this call started (and `stop()` will stop) and what it found running. */
  started: string[];
  reused: string[];
  /** The process ids of what this call started, by service name. */
  pids: Record<string, number>;
  stop(): Promise<void>;
}

type Outcome = { service?: Service; reused?: string };

export async function startStack(config: Config, options: StackOptions): Promise<Stack> {
  const logs = path.join(config.paths.data, 'logs');
  const scratch = options.ephemeral ? fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-stack-')) : undefined;
  const databaseUrl = databaseUrlOf(config);

  const postgres = async (): Promise<Outcome> => {
    if (config.databaseUrl) {
      if (!(await isPostgresReady(config.databaseUrl))) throw new Error('PostgreSQL at DATABASE_URL does not answer');
      return { reused: 'postgres (DATABASE_URL)' };
    }
    const adminUrl = databaseUrl.replace(/\/[^/]*$/, '/postgres');
    if (await isPostgresReady(adminUrl)) {
      await ensureDatabase(databaseUrl);
      return { reused: `postgres (127.0.0.1:${config.localPostgresPort})` };
    }
    const service = await startLocalPostgres({
      dataDir: config.paths.data,
      port: config.localPostgresPort,
      logFile: path.join(logs, 'postgres.log'),
    });
    await ensureDatabase(databaseUrl);
    return { service };
  };

  const postgresUp = postgres();

  const temporal = async (): Promise<Outcome> => {
    const { address, namespace, uiPort, server } = config.temporal;
    // A server that answers is reused as it is, whatever TEMPORAL_SERVER says; `migrate` creates
    // the namespace if it lacks it.
    if (await isTemporalReady(address)) return { reused: `temporal (${address})` };
    const { host, port } = hostPort(address);
    if (!isLoopback(host)) throw new Error(`Temporal at TEMPORAL_ADDRESS=${address} does not answer`);
    if (server !== 'dev') {
      // Built while PostgreSQL comes up; on PostgreSQL the server must wait for it.
      const tools = await findOrBuildTemporalServer(config);
      if (server === 'postgres') {
        await postgresUp.catch(() => {
          throw new Error('The Temporal server (TEMPORAL_SERVER=postgres) was not started: PostgreSQL did not come up');
        });
      }
      const service = await startTemporalServer({
        tools,
        namespace,
        port,
        home: scratch ? path.join(scratch, 'temporal-server') : path.join(config.paths.data, 'temporal-server'),
        persistence:
          server === 'sqlite'
            ? { kind: 'sqlite' }
            : { kind: 'postgres', databaseUrl, ...temporalDatabaseNames(options.ephemeral), fresh: options.ephemeral },
        logFile: path.join(logs, 'temporal.log'),
      });
      return { service };
    }
    const service = await startTemporalDevServer({
      cli: await findOrBuildTemporalCli(config),
      namespace,
      port,
      uiPort,
      dbFile: scratch && !options.temporalOnDisk ? undefined : path.join(scratch ?? config.paths.data, 'temporal', 'temporal.db'),
      levers: options.devServerLevers,
      logFile: path.join(logs, 'temporal.log'),
    });
    return { service };
  };

  const kafka = async (): Promise<Outcome> => {
    if (!options.kafka) return {};
    const brokers = config.brokers.kafkaBrokers;
    if (await isKafkaReady(brokers)) return { reused: `kafka (${brokers.join(',')})` };
    const { host, port } = hostPort(brokers[0]!);
    if (brokers.length > 1 || !isLoopback(host)) throw new Error(`Kafka at KAFKA_BROKERS=${brokers.join(',')} does not answer`);
    const libs = await ensureKafkaJars(config.paths.tools);
    const dataDir = scratch ? path.join(scratch, 'kafka') : path.join(config.paths.data, 'kafka');
    const service = await startLocalKafka({ libs, dataDir, port, logFile: path.join(logs, 'kafka.log') });
    return { service };
  };

  /** A broker at `url`: reused when it answers, else (on loopback only) one of ours on its port. */
  const broker = async (asked: boolean | undefined, name: string, variable: string, url: string, ready: (url: string) => Promise<boolean>, start: (dataDir: string, port: number, logFile: string) => Promise<Service>): Promise<Outcome> => {
    if (!asked) return {};
    const { hostname, host, port } = new URL(url);
    if (await ready(url)) return { reused: `${name} (${host})` };
    if (!isLoopback(hostname)) throw new Error(`${name} at ${variable}=${host} does not answer`);
    const dataDir = path.join(scratch ?? config.paths.data, name);
    return { service: await start(dataDir, Number(port), path.join(logs, `${name}.log`)) };
  };
  const { redisUrl, natsUrl, sqs, rabbitmqUrl, pubsub } = config.brokers;
  const redis = () => broker(options.redis, 'redis', 'REDIS_URL', redisUrl, isRedisReady, (dataDir, port, logFile) => startLocalRedis({ dataDir, port: port || 6379, logFile }));
  const nats = () => broker(options.nats, 'nats', 'NATS_URL', natsUrl, isNatsReady, (dataDir, port, logFile) => startLocalNats({ dataDir, port: port || 4222, logFile }));
  const elasticmq = () =>
    broker(options.sqs, 'elasticmq', 'SQS_ENDPOINT', sqs.endpoint, isSqsReady, async (dataDir, port, logFile) =>
      startLocalElasticMq({ libs: await ensureElasticMqJars(config.paths.tools), dataDir, port: port || 80, logFile }),
    );
  const pubsubEmulator = () =>
    broker(options.pubsub, 'pubsub', 'PUBSUB_ENDPOINT', `http://${pubsub.endpoint}`, (url) => isPubsubReady(new URL(url).host), (_dataDir, port, logFile) => startLocalPubsub({ port: port || 80, logFile }));
  const rabbitmq = () => broker(options.rabbitmq, 'rabbitmq', 'RABBITMQ_URL', rabbitmqUrl, isRabbitmqReady, (dataDir, port, logFile) => startLocalRabbitmq({ dataDir, port: port || 5672, logFile }));

  // In parallel: a cold machine builds the Temporal CLI or server while apt installs Postgres (the
  // real server on PostgreSQL then waits for it, above).
  const results = await Promise.allSettled([postgresUp, temporal(), kafka(), redis(), nats(), elasticmq(), rabbitmq(), pubsubEmulator()]);
  const services = results.flatMap((r) => (r.status === 'fulfilled' && r.value.service ? [r.value.service] : []));
  const stop = async () => {
    // PostgreSQL last: the real Temporal server may keep its state there, and would spend its
    // shutdown retrying a database that is gone.
    const isPostgres = (service: Service) => service.name === 'postgres';
    await Promise.all(services.filter((service) => !isPostgres(service)).map((service) => service.stop()));
    await Promise.all(services.filter(isPostgres).map((service) => service.stop()));
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  };
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (failures.length > 0) {
    await stop();
    throw new Error(failures.map((failure) => failure.message).join('\n\n'));
  }

  const { host: temporalHost } = hostPort(config.temporal.address);
  // Only the dev server serves the Web UI; the real server has none (an open port there is not it).
  const uiOpen = config.temporal.server === 'dev' && isLoopback(temporalHost) && (await isPortOpen('127.0.0.1', config.temporal.uiPort));
  const stack: Stack = {
    databaseUrl,
    temporalAddress: config.temporal.address,
    temporalUiUrl: uiOpen ? `http://localhost:${config.temporal.uiPort}` : undefined,
    kafkaBrokers: options.kafka ? config.brokers.kafkaBrokers : undefined,
    redisUrl: options.redis ? config.brokers.redisUrl : undefined,
    natsUrl: options.nats ? config.brokers.natsUrl : undefined,
    sqsEndpoint: options.sqs ? config.brokers.sqs.endpoint : undefined,
    rabbitmqUrl: options.rabbitmq ? config.brokers.rabbitmqUrl : undefined,
    pubsubEndpoint: options.pubsub ? config.brokers.pubsub.endpoint : undefined,
    started: services.map((service) => service.name),
    reused: results.flatMap((r) => (r.status === 'fulfilled' && r.value.reused ? [r.value.reused] : [])),
    pids: Object.fromEntries(services.flatMap((service) => (service.pid ? [[service.name, service.pid]] : []))),
    stop,
  };
  log.info('services up', { started: stack.started, reused: stack.reused });
  return stack;
}
