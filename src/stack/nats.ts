/**
 * A private NATS server for development and tests (broker sources on NATS JetStream): Debian's
 * nats-server with JetStream on, on loopback only, its streams stored in a folder of our own so
 * they survive a restart.
 */
import fs from 'node:fs';
import { connect } from '@nats-io/transport-node';
import { ensureDebianPackages } from './system-packages';
import { readyOrStopped, startService, which, type Service } from './processes';

export async function ensureNatsInstalled(): Promise<string> {
  await ensureDebianPackages(['nats-server'], 'the local NATS server (broker sources on NATS JetStream)', () => which('nats-server') !== undefined);
  return which('nats-server')!;
}

export async function isNatsReady(url: string): Promise<boolean> {
  try {
    const nc = await connect({ servers: url, timeout: 1_000, maxReconnectAttempts: 0 });
    await nc.close();
    return true;
  } catch {
    return false;
  }
}

export interface LocalNatsOptions {
  dataDir: string;
  port: number;
  logFile: string;
}

/** The server's arguments: loopback, JetStream on, its store in `dataDir`. */
export function natsServerArgs(options: Pick<LocalNatsOptions, 'dataDir' | 'port'>): string[] {
  return ['--addr', '127.0.0.1', '--port', String(options.port), '--jetstream', '--store_dir', options.dataDir];
}

export async function startLocalNats(options: LocalNatsOptions): Promise<Service> {
  const server = await ensureNatsInstalled();
  fs.mkdirSync(options.dataDir, { recursive: true });
  const service = startService('nats', server, natsServerArgs(options), { logFile: options.logFile });
  return readyOrStopped(service, 'NATS', () => isNatsReady(`nats://127.0.0.1:${options.port}`), 30_000);
}
