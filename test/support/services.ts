/**
 * What integration tests share: the configuration `npm test` hands them (its own database, the
 * running Temporal and Kafka), and small helpers for names that do not collide between runs.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import { loadConfig, type Config } from '../../src/config';
import type { Queryable } from '../../src/db/pool';

export function testConfig(overrides: NodeJS.ProcessEnv = {}): Config {
  const config = loadConfig({ ...process.env, ...overrides });
  if (!config.databaseUrl) {
    throw new Error('integration tests need the services `npm test` starts: run them with `npm test`, not on their own');
  }
  return config;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
}

/** The first line of a process's JSON log (pino) whose message is `msg`, parsed; undefined until there is one. */
export function logEntry(output: string, msg: string): Record<string, any> | undefined {
  const line = output.split('\n').find((l) => l.startsWith('{') && l.includes(`"msg":${JSON.stringify(msg)}`));
  return line ? JSON.parse(line) : undefined;
}

/** A port the OS just handed out and took back: free, unlike a guess in the ephemeral range. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A project's events (and their distinct idempotency keys) and deliveries, as consumer tests count them. */
export async function ingestCounts(db: Queryable, projectId: string) {
  const { rows } = await db.query<{ events: number; keys: number; deliveries: number; succeeded: number }>(
    `SELECT (SELECT count(*)::int FROM events WHERE project_id = $1) AS events,
            (SELECT count(DISTINCT idempotency_key)::int FROM events WHERE project_id = $1) AS keys,
            (SELECT count(*)::int FROM deliveries WHERE project_id = $1) AS deliveries,
            (SELECT count(*)::int FROM deliveries WHERE project_id = $1 AND status = 'succeeded') AS succeeded`,
    [projectId],
  );
  return rows[0]!;
}
