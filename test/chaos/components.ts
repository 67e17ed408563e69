/**
 * The parts of a gateway that a chaos run kills, each as a supervisor would run it: PostgreSQL
 * (a private cluster), Temporal (the dev server on a SQLite file), Kafka (a private KRaft node),
 * and the gateway's own processes (API, worker, broker consumers). `kill()` is SIGKILL to the
 * process and everything it forked; `start()` brings it back on the same data, ports and
 * settings, and resolves once it is ready.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../src/config';
import { repoRoot } from '../../src/config';
import { ensureKafkaJars, startLocalKafka } from '../../src/stack/kafka';
import { startLocalPostgres } from '../../src/stack/postgres';
import { answersHttp, startService, waitUntilReady, type Service } from '../../src/stack/processes';
import { findOrBuildTemporalCli, startTemporalDevServer } from '../../src/stack/temporal';
import { processTree } from '../support/process-tree';

export interface Component {
  name: string;
  start(): Promise<void>;
  /** SIGKILL, and resolves once every process of it is gone. */
  kill(): Promise<void>;
  /** A clean stop, at the end of the run. */
  stop(): Promise<void>;
}

function supervised(name: string, launch: () => Promise<Service>): Component {
  let service: Service | undefined;
  return {
    name,
    async start() {
      service = await launch();
    },
    async kill() {
      if (!service?.running()) return;
      for (const pid of processTree(service.pid!)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
      await service.exited;
    },
    async stop() {
      await service?.stop(10_000);
    },
  };
}

export interface Ports {
  postgres: number;
  temporal: number;
  temporalUi: number;
  kafka: number;
  kafkaController: number;
  api: number;
}

export function postgresComponent(dir: string, port: number): Component {
  return supervised('postgres', () => startLocalPostgres({ dataDir: path.join(dir, 'postgres'), port, logFile: path.join(dir, 'postgres.log') }));
}

export function temporalComponent(config: Config, dir: string, ports: Ports): Component {
  return supervised('temporal', async () =>
    startTemporalDevServer({
      cli: await findOrBuildTemporalCli(config),
      namespace: config.temporal.namespace,
      port: ports.temporal,
      uiPort: ports.temporalUi,
      dbFile: path.join(dir, 'temporal', 'temporal.db'),
      logFile: path.join(dir, 'temporal.log'),
    }),
  );
}

export function kafkaComponent(config: Config, dir: string, ports: Ports): Component {
  return supervised('kafka', async () =>
    startLocalKafka({ libs: await ensureKafkaJars(config.paths.tools), dataDir: path.join(dir, 'kafka'), port: ports.kafka, controllerPort: ports.kafkaController, logFile: path.join(dir, 'kafka.log') }),
  );
}

/** `switchyard <command>` in a process of its own, ready when `ready` says so. */
export function gatewayComponent(command: 'api' | 'worker' | 'consumers', dir: string, env: NodeJS.ProcessEnv, ready: (logFile: string) => Promise<boolean>): Component {
  const logFile = path.join(dir, `${command}.log`);
  return supervised(command, async () => {
    const service = startService(command, process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src', 'cli.ts'), command], { cwd: repoRoot, env, logFile });
    await waitUntilReady(service, `switchyard ${command}`, () => ready(logFile), 120_000);
    return service;
  });
}

/** Ready once the log has `line` since the last start (startService heads each start's output with `--- `). */
export function logSays(line: string): (logFile: string) => Promise<boolean> {
  return async (logFile) => {
    const text = fs.readFileSync(logFile, 'utf8');
    return text.slice(text.lastIndexOf('\n--- ')).includes(line);
  };
}

export function apiAnswers(port: number): () => Promise<boolean> {
  return () => answersHttp(`http://127.0.0.1:${port}/healthz`);
}
