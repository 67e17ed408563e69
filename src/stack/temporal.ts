/**
 * The local Temporal: find or build the `temporal` CLI, run its dev server on a SQLite file so
 * restarts keep state, and wait until the namespace answers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Config } from '../config';
import { log } from '../log';
import { searchAttributeKeys } from '../temporal/search-attributes';
import { isExecutable, run, startService, waitUntilReady, which, type Service } from './processes';

/** v1.6+ carry a local `replace` in go.mod and cannot be `go install`ed. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export function cachedTemporalCliPath(config: Config): string {
  return path.join(config.paths.tools, 'temporal-cli-v1.5.1', 'temporal');
}

/**
 * In order: TEMPORAL_CLI, `temporal` on PATH, the cached build in the tools folder, then a fresh
 * `go install` into that folder (a few minutes cold; the Go build cache makes later ones quick).
 */
export async function findOrBuildTemporalCli(config: Config): Promise<string> {
  if (config.temporal.cli) {
    if (!isExecutable(config.temporal.cli)) throw new Error(`TEMPORAL_CLI=${config.temporal.cli} is not an executable file`);
    return config.temporal.cli;
  }
  const onPath = which('temporal');
  if (onPath) return onPath;
  const cached = cachedTemporalCliPath(config);
  if (isExecutable(cached)) return cached;

  const go = which('go');
  if (!go) {
    throw new Error(
      'The Temporal CLI was not found and Go is not installed to build it. Install Go 1.25+ (https://go.dev/doc/install) ' +
        `and run again, or install the CLI yourself (https://docs.temporal.io/cli) and set TEMPORAL_CLI to its path.`,
    );
  }
  log.info(`building the Temporal CLI: go install ${TEMPORAL_CLI_MODULE} (first run only; a few minutes)`);
  const started = Date.now();
  try {
    await run(go, ['install', TEMPORAL_CLI_MODULE], { env: { ...process.env, GOBIN: path.dirname(cached) } });
  } catch (error) {
    throw new Error(
      `Could not build the Temporal CLI with Go. Install it yourself (https://docs.temporal.io/cli) and set TEMPORAL_CLI, ` +
        `or fix the Go build below.\n${(error as Error).message}`,
    );
  }
  log.info(`built the Temporal CLI in ${Math.round((Date.now() - started) / 1000)}s`, { path: cached });
  return cached;
}

export interface TemporalDevServerOptions {
  cli: string;
  /** Created at start besides `default`, which the dev server always has. */
  namespace: string;
  port: number;
  uiPort: number;
  /** SQLite file that keeps workflows across restarts; undefined keeps everything in memory. */
  dbFile: string | undefined;
  logFile: string;
  /** The settings below that cut the server's work per delivery; off only to measure them. */
  tuned?: boolean;
}

/**
 * Dev-server settings that cut the server's CPU per delivery (each measured on and off in
 * BENCHMARKS.md; the sources are in the README's Benchmarks section). Which are safe where:
 * - No forced search-attribute refresh. The CLI forces a database read of the namespace and
 *   the cluster metadata on every use of a search attribute, under process-wide locks, so that
 *   attributes added at run time are usable at once; Temporal says never to do that in
 *   production, and production servers do not. Our attributes are registered when the server
 *   creates its namespaces instead (`--search-attribute`).
 * Not here: reading the visibility queue in batches (`history.visibilityProcessorMaxPollRPS`).
 * It saves visibility writes, but with it the rate-limit test's paced endpoint got 8-9
 * deliveries a second of its 10: timers for paced deliveries came late.
 * - One task-queue partition: with one worker process, tasks on the other three partitions
 *   were forwarded or spooled to the database. A cluster with many pollers wants the default.
 * - GOGC=200: the Go collector runs half as often, for more memory. Any server.
 */
export const DEV_SERVER_TUNING = {
  dynamicConfig: {
    'system.forceSearchAttributesCacheRefreshOnRead': false,
    'matching.numTaskqueueReadPartitions': 1,
    'matching.numTaskqueueWritePartitions': 1,
  },
  env: { GOGC: '200' },
} as const;

export function temporalDevServerArgs(options: TemporalDevServerOptions): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--ui-port', String(options.uiPort)];
  if (options.dbFile) {
    // WAL lets readers (visibility, the UI) proceed while the history writer commits.
    args.push('--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  }
  if (options.namespace !== 'default') args.push('--namespace', options.namespace);
  args.push('--dynamic-config-value', 'system.enableActivityEagerExecution=true', '--log-level', 'warn');
  if (options.tuned ?? true) {
    for (const [key, value] of Object.entries(DEV_SERVER_TUNING.dynamicConfig)) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
    for (const key of searchAttributeKeys) args.push('--search-attribute', `${key.name}=Keyword`);
  }
  return args;
}

export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<Service> {
  if (options.dbFile) fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const env = options.tuned ?? true ? { ...process.env, ...DEV_SERVER_TUNING.env } : process.env;
  const service = startService('temporal', options.cli, temporalDevServerArgs(options), { logFile: options.logFile, env });
  try {
    await waitUntilReady(service, 'Temporal dev server', () => isTemporalReady(`127.0.0.1:${options.port}`, options.namespace), 120_000);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}

/**
 * True when the frontend answers (connecting asks for its system info) and, if one is named, the
 * namespace exists: the dev server creates its namespaces a moment after the port opens.
 */
export async function isTemporalReady(address: string, namespace?: string, timeoutMs = 2_000): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: timeoutMs });
    if (namespace) {
      await connection.withDeadline(Date.now() + timeoutMs, () => connection!.workflowService.describeNamespace({ namespace }));
    }
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close();
  }
}
