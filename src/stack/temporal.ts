/**
 * The local Temporal: find or build the `temporal` CLI, run its dev server on a SQLite file so
 * restarts keep state, and wait until the namespace answers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Config } from '../config';
import { log } from '../log';
import { cliTypeName, searchAttributeKeys } from '../temporal/search-attributes';
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
  /** Which of DEV_SERVER_LEVERS are on (all unless told); fewer only to measure what each saves. */
  levers?: readonly DevServerLever[];
}

/**
 * Dev-server settings that cut the server's CPU per delivery, by name so that a benchmark can
 * leave any of them out (each measured on and off in BENCHMARKS.md; the sources are in the
 * README's Benchmarks section). None touches durability: WAL and `synchronous=normal` stay.
 */
export const DEV_SERVER_LEVERS = {
  /**
   * No forced search-attribute refresh. The CLI forces a database read of the namespace and the
   * cluster metadata on every use of a search attribute, under process-wide locks, so that
   * attributes added at run time are usable at once; Temporal says never to do that in
   * production, and production servers do not. Ours are registered when the server creates its
   * namespaces instead (`--search-attribute`).
   */
  'search-attributes': { dynamicConfig: { 'system.forceSearchAttributesCacheRefreshOnRead': false }, registerSearchAttributes: true },
  /**
   * One task-queue partition: with one worker process, tasks on the other three partitions were
   * forwarded or spooled to the database. A cluster with many pollers wants the default.
   */
  partitions: { dynamicConfig: { 'matching.numTaskqueueReadPartitions': 1, 'matching.numTaskqueueWritePartitions': 1 } },
  /** GOGC=200: the Go collector runs half as often, for more memory. Suits any server. */
  gc: { env: { GOGC: '200' } },
} as const satisfies Record<string, DevServerLeverSettings>;
// Tried and dropped, each measured on and off in BENCHMARKS.md: reading the visibility queue in
// batches (`history.visibilityProcessorMaxPollRPS`), checkpointing it every second instead of 30
// (`history.visibilityProcessorUpdateAckInterval`), and a bigger SQLite page cache with mmap.
// None changed the CPU per delivery; the batches also made paced deliveries' timers come late.

interface DevServerLeverSettings {
  dynamicConfig?: Record<string, unknown>;
  env?: Record<string, string>;
  registerSearchAttributes?: boolean;
}

export type DevServerLever = keyof typeof DEV_SERVER_LEVERS;
export const DEV_SERVER_LEVER_NAMES = Object.keys(DEV_SERVER_LEVERS) as DevServerLever[];

function leverSettings(options: TemporalDevServerOptions): DevServerLeverSettings[] {
  return (options.levers ?? DEV_SERVER_LEVER_NAMES).map((name) => DEV_SERVER_LEVERS[name]);
}

export function temporalDevServerArgs(options: TemporalDevServerOptions): string[] {
  const levers = leverSettings(options);
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--ui-port', String(options.uiPort)];
  if (options.dbFile) {
    // WAL lets readers (visibility, the UI) proceed while the history writer commits.
    args.push('--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  }
  if (options.namespace !== 'default') args.push('--namespace', options.namespace);
  args.push('--dynamic-config-value', 'system.enableActivityEagerExecution=true', '--log-level', 'warn');
  for (const [key, value] of levers.flatMap((lever) => Object.entries(lever.dynamicConfig ?? {}))) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  if (levers.some((lever) => lever.registerSearchAttributes)) {
    for (const key of searchAttributeKeys) args.push('--search-attribute', `${key.name}=${cliTypeName(key)}`);
  }
  return args;
}

/** The dev server's environment: this process's, with the levers' variables. */
export function temporalDevServerEnv(options: TemporalDevServerOptions): NodeJS.ProcessEnv {
  return Object.assign({ ...process.env }, ...leverSettings(options).map((lever) => lever.env ?? {}));
}

export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<Service> {
  if (options.dbFile) fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const service = startService('temporal', options.cli, temporalDevServerArgs(options), { logFile: options.logFile, env: temporalDevServerEnv(options) });
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
