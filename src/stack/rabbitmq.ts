/**
 * A private RabbitMQ for development and tests (broker sources on RabbitMQ): Debian's
 * rabbitmq-server in the foreground, on loopback only, with no plugins, its data in a folder of
 * our own so durable queues and persistent messages survive a restart. Erlang's port mapper
 * (epmd), which the node needs, runs beside it on a port of its own and stops with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { connect } from 'amqplib';
import { ensureDebianPackages } from './system-packages';
import { readyOrStopped, startService, which, type Service } from './processes';

/** The server and its control tool themselves, not Debian's wrappers (which switch to the rabbitmq user). */
const SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';
export const RABBITMQCTL = '/usr/lib/rabbitmq/bin/rabbitmqctl';

export async function ensureRabbitmqInstalled(): Promise<string> {
  await ensureDebianPackages(['rabbitmq-server'], 'the local RabbitMQ (broker sources on RabbitMQ)', () => fs.existsSync(SERVER) && which('epmd') !== undefined);
  return SERVER;
}

export async function isRabbitmqReady(url: string): Promise<boolean> {
  try {
    const model = await connect(url, { timeout: 1_000 });
    model.on('error', () => undefined);
    await model.close();
    return true;
  } catch {
    return false;
  }
}

export interface LocalRabbitmqOptions {
  dataDir: string;
  port: number;
  logFile: string;
  /** Erlang's port mapper's port; port + 10000 unless given. */
  epmdPort?: number;
  /** The node's Erlang distribution port; port + 20000 unless given. */
  distPort?: number;
}

/** The node's name: fixed per port, as its stored data is the node's. */
export function rabbitmqNodeName(port: number): string {
  return `switchyard-${port}@localhost`;
}

/**
 * The node's environment: its name, every listener on loopback (AMQP on `port`, Erlang
 * distribution and epmd beside it), its files under `dataDir`, and no plugins.
 * Its Erlang cookie is the user's (~/.erlang.cookie), so rabbitmqctl run as the same user reaches it.
 */
export function rabbitmqEnvironment(options: Omit<LocalRabbitmqOptions, 'logFile'>): Record<string, string> {
  const dir = options.dataDir;
  return {
    RABBITMQ_NODENAME: rabbitmqNodeName(options.port),
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(options.port),
    RABBITMQ_DIST_PORT: String(options.distPort ?? options.port + 20_000),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
    ERL_EPMD_ADDRESS: '127.0.0.1',
    ERL_EPMD_PORT: String(options.epmdPort ?? options.port + 10_000),
    RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: path.join(dir, 'log'),
    RABBITMQ_LOGS: '-',
    RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq.conf'),
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
  };
}

export async function startLocalRabbitmq(options: LocalRabbitmqOptions): Promise<Service> {
  const server = await ensureRabbitmqInstalled();
  fs.mkdirSync(options.dataDir, { recursive: true });
  const env = { ...process.env, ...rabbitmqEnvironment(options) };
  fs.writeFileSync(env.RABBITMQ_CONFIG_FILE!, 'loopback_users.guest = true\n');
  fs.writeFileSync(env.RABBITMQ_ENABLED_PLUGINS_FILE!, '[].\n');
  const epmd = startService('epmd', which('epmd')!, ['-address', '127.0.0.1', '-port', env.ERL_EPMD_PORT!], { logFile: options.logFile, env });
  const rabbit = startService('rabbitmq', server, [], { logFile: options.logFile, env });
  const service: Service = {
    name: 'rabbitmq',
    logFile: options.logFile,
    pid: rabbit.pid,
    exited: rabbit.exited,
    running: rabbit.running,
    async stop(graceMs) {
      await rabbit.stop(graceMs);
      await epmd.stop();
    },
  };
  return readyOrStopped(service, 'RabbitMQ', () => isRabbitmqReady(`amqp://guest:guest@127.0.0.1:${options.port}`), 60_000);
}
