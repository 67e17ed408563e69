/**
 * What integration tests share: the configuration `npm test` hands them (its own database, the
 * running Temporal and Kafka), and small helpers for names that do not collide between runs.
 */
import crypto from 'node:crypto';
import { loadConfig, type Config } from '../../src/config';

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
