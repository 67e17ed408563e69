/**
 * A private Redis for development and tests (broker sources on Redis Streams): Debian's
 * redis-server, on loopback only, its data in a folder of our own with the append-only file on,
 * so the streams and their groups' pending entries survive a restart.
 */
import fs from 'node:fs';
import { createClient } from 'redis';
import { ensureDebianPackages } from './system-packages';
import { readyOrStopped, startService, which, type Service } from './processes';

export async function ensureRedisInstalled(): Promise<string> {
  await ensureDebianPackages(['redis-server'], 'the local Redis (broker sources on Redis Streams)', () => which('redis-server') !== undefined);
  return which('redis-server')!;
}

export async function isRedisReady(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    await client.quit().catch(() => client.destroy());
  }
}

export interface LocalRedisOptions {
  dataDir: string;
  port: number;
  logFile: string;
}

/** The server's arguments: loopback, no password (nothing else can reach it), the append-only file on. */
export function redisServerArgs(options: Pick<LocalRedisOptions, 'dataDir' | 'port'>): string[] {
  return [
    '--bind', '127.0.0.1',
    '--port', String(options.port),
    '--dir', options.dataDir,
    '--appendonly', 'yes',
    '--save', '',
    '--protected-mode', 'yes',
  ];
}

export async function startLocalRedis(options: LocalRedisOptions): Promise<Service> {
  const server = await ensureRedisInstalled();
  fs.mkdirSync(options.dataDir, { recursive: true });
  const service = startService('redis', server, redisServerArgs(options), { logFile: options.logFile });
  return readyOrStopped(service, 'Redis', () => isRedisReady(`redis://127.0.0.1:${options.port}`), 30_000);
}
