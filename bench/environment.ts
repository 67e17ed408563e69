/**
 * What every benchmark scenario runs against, brought up once per setup (bench/setups.ts): a
 * Temporal of its own on free ports (by default the dev server on a SQLite file, as `npm run dev`
 * runs it), PostgreSQL and Kafka reused or started, a database of its own, the gateway as one
 * `switchyard serve` process (API and worker, as `dev` runs them), receivers in a process of
 * their own, and a project.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { runMigrations } from '../src/commands/migrate';
import { loadConfig, localDatabaseUrl, repoRoot, type Config } from '../src/config';
import { createPool, type Db } from '../src/db/pool';
import { LOOPBACK_CIDRS } from '../src/egress/address-policy';
import { newEncryptionKeyEntry } from '../src/secrets/sealing';
import { createProject } from '../src/projects/repository';
import { generateSecret } from '../src/signing/standard-webhooks';
import { isPortOpen } from '../src/stack/processes';
import { recreateDatabase } from '../src/stack/postgres';
import { LOCAL_BROKERS, startStack, type LocalBrokers, type Stack } from '../src/stack/stack';
import { createTemporalClient } from '../src/temporal/client';
import { cpuSnapshot, pidsNamed, type CpuSnapshot } from './cpu';
import type { Setup } from './setups';

export type ReceiverMode = 'ok' | 'fail' | 'hang';

export interface BenchEnvironment {
  config: Config;
  db: Db;
  temporal: ReturnType<typeof createTemporalClient>;
  apiUrl: string;
  apiKey: string;
  projectId: string;
  setup: Setup;
  /** Runs `switchyard <name>` as a process with the benchmark's settings; stopped with the environment. */
  command(name: string): ChildProcess;
  /** The gateway process's (API and worker) resident memory, in bytes. */
  workerRss(): number;
  /** The Temporal server's process, when the environment started it. */
  temporalPid(): number | undefined;
  /**
   * With BENCH_HEAP_SNAPSHOTS=1, has the gateway write a V8 heap snapshot of its main thread
   * (see `command`) and answers its size in bytes: what is live after the full collection a
   * snapshot begins with. Else undefined.
   */
  heapSnapshot(): Promise<number | undefined>;
  /** CPU ms so far by process: Temporal, the gateway, PostgreSQL, the receivers, the load generator (this process), the Kafka consumers. */
  cpu(): CpuSnapshot;
  /** Started anew per scenario with the endpoints it needs: `{path: {secret, mode}}`. */
  startReceiver(endpoints: Record<string, { secret: string; mode: ReceiverMode }>): Promise<Receiver>;
  stop(): Promise<void>;
}

export interface Receiver {
  url: string;
  /** [endpoint index, webhook-id, arrival ms, signature valid] since the last reset. */
  arrivals(reset?: boolean): Promise<[number, string, number, boolean][]>;
  stop(): Promise<void>;
}

/** The sum of every node's own size in a V8 heap snapshot. */
function liveBytes(file: string): number {
  const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const own = fields.indexOf('self_size');
  let total = 0;
  for (let i = own; i < snapshot.nodes.length; i += fields.length) total += snapshot.nodes[i]!;
  return total;
}

function heapDir(command: string): string {
  return path.join(repoRoot, 'bench-results', 'heap', command);
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function newSecret(): string {
  return generateSecret(crypto.randomBytes(32));
}

async function waitForPort(port: number, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await isPortOpen('127.0.0.1', port))) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${what} did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * A bench process of its own (`script` in bench/), given its `settings` (JSON) in the variable
 * `variable` and counted among `group` while it lives; resolves once it says it is listening.
 */
async function forkReady<S extends { port: number }>(script: string, variable: string, settings: S, group: Set<ChildProcess>): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.join(__dirname, script), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, [variable]: JSON.stringify(settings) }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  group.add(child);
  child.once('exit', () => group.delete(child));
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, port: settings.port };
}

export async function startEnvironment(options: LocalBrokers & { setup: Setup }): Promise<BenchEnvironment> {
  const { setup } = options;
  const [temporalPort, uiPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  // As `dev` has them: loopback open to the egress policy (the receivers listen there), and a key
  // for secrets at rest (a fresh one: the benchmark's database is recreated).
  const secured = {
    SWITCHYARD_EGRESS_ALLOW: process.env.SWITCHYARD_EGRESS_ALLOW ?? LOOPBACK_CIDRS.join(','),
    SWITCHYARD_ENCRYPTION_KEYS: process.env.SWITCHYARD_ENCRYPTION_KEYS ?? newEncryptionKeyEntry('bench'),
  };
  const base = loadConfig({
    ...process.env,
    ...secured,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_UI_PORT: String(uiPort),
    TEMPORAL_SERVER: setup.temporal === 'dev-file' || setup.temporal === 'dev-memory' ? 'dev' : setup.temporal,
    LOG_LEVEL: 'warn',
  });
  const stack: Stack = await startStack(base, {
    ...Object.fromEntries(LOCAL_BROKERS.map((broker) => [broker, options[broker]])),
    ephemeral: true,
    temporalOnDisk: setup.temporal === 'dev-file',
    devServerLevers: setup.levers,
  });
  const databaseUrl = (base.databaseUrl ?? localDatabaseUrl(base)).replace(/\/[^/]*$/, '/switchyard_bench');
  const config: Config = { ...base, databaseUrl };
  await recreateDatabase(databaseUrl);
  await runMigrations(config);
  const db = createPool(databaseUrl, { max: 4 });

  const receivers = new Set<ChildProcess>();
  const traceCollector = setup.tracing ? await forkReady('trace-collector.ts', 'BENCH_TRACE_COLLECTOR', { port: await freePort() }, receivers) : undefined;
  const env = {
    ...process.env,
    ...(traceCollector && { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${traceCollector.port}` }),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: config.temporal.address,
    KAFKA_BROKERS: config.brokers.kafkaBrokers.join(','),
    REDIS_URL: config.brokers.redisUrl,
    NATS_URL: config.brokers.natsUrl,
    SQS_ENDPOINT: config.brokers.sqs.endpoint,
    RABBITMQ_URL: config.brokers.rabbitmqUrl,
    PUBSUB_ENDPOINT: config.brokers.pubsub.endpoint,
    CONSUMERS_IN_WORKER: 'false',
    // The same, under its name before broker sources, for a --baseline from before them.
    KAFKA_CONSUMERS_IN_WORKER: 'false',
    TEMPORAL_EAGER_START: String(setup.eager),
    SWITCHYARD_METRICS: String(setup.metrics),
    METRICS_PORT: '0',
    PORT: String(apiPort),
    LOG_LEVEL: 'warn',
    ...secured,
  };
  const children: ChildProcess[] = [];
  const command = (name: string) => {
    // BENCH_CPU_PROF=1: each process writes V8 CPU profiles (one per thread, named by pid and
    // thread) into bench-results/profiles/<command>/ on exit.
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.join(repoRoot, 'bench-results', 'profiles', name)}`] : [];
    // BENCH_HEAP_SNAPSHOTS=1: SIGWINCH makes the process write a heap snapshot (not SIGUSR2: the Temporal runtime stops the worker on it) into
    // bench-results/heap/<command>/ (the waiting scenario sends it with each settled reading).
    if (process.env.BENCH_HEAP_SNAPSHOTS) fs.mkdirSync(heapDir(name), { recursive: true });
    const heap = process.env.BENCH_HEAP_SNAPSHOTS ? [`--heapsnapshot-signal=SIGWINCH`, `--diagnostic-dir=${heapDir(name)}`] : [];
    // Through the launcher, as users run it: `node --import tsx` would also load tsx into the
    // workflow threads (they inherit execArgv), where its source maps make every stack trace the
    // SDK takes inside a workflow dearer.
    const root = setup.checkout ?? repoRoot;
    const child = spawn(process.execPath, [...profile, ...heap, path.join(root, 'src', 'launcher.mjs'), name], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(child);
    return child;
  };
  const gateway = command('serve');
  await waitForPort(apiPort, gateway, 'the gateway');
  const { project, apiKey } = await createProject(db, 'bench');
  const temporal = createTemporalClient(config);

  const live = (processes: Iterable<ChildProcess>) => [...processes].flatMap((child) => (child.pid && child.exitCode === null ? [child.pid] : []));
  return {
    setup,
    config,
    db,
    temporal,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    apiKey,
    projectId: project.id,
    command,
    async heapSnapshot() {
      if (!process.env.BENCH_HEAP_SNAPSHOTS) return;
      const dir = heapDir('serve');
      const snapshots = () => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((file) => file.endsWith('.heapsnapshot')) : []);
      const before = snapshots().length;
      gateway.kill('SIGWINCH');
      // Written bit by bit: done once it exists and its size has stopped moving for 2 s.
      let size = -1;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        if (gateway.exitCode !== null) throw new Error(`the gateway exited (${gateway.exitCode}) writing a heap snapshot`);
        const written = snapshots();
        if (written.length === before) continue;
        const now = fs.statSync(path.join(dir, written.sort().at(-1)!)).size;
        if (now === size) return liveBytes(path.join(dir, written.sort().at(-1)!));
        size = now;
      }
    },
    temporalPid: () => stack.pids.temporal,
    workerRss() {
      const status = fs.readFileSync(`/proc/${gateway.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
    },
    cpu() {
      const usage = process.cpuUsage();
      return {
        ...cpuSnapshot({
          temporal: stack.pids.temporal ? [stack.pids.temporal] : [],
          gateway: live([gateway]),
          postgres: pidsNamed('postgres'),
          receivers: live(receivers),
          kafka: live(children.filter((child) => child !== gateway)),
        }),
        'load generator': (usage.user + usage.system) / 1000,
      };
    },
    async startReceiver(endpoints) {
      const port = await freePort();
      const { child } = await forkReady('receiver.ts', 'BENCH_RECEIVER', { port, endpoints }, receivers);
      const url = `http://127.0.0.1:${port}`;
      return {
        url,
        async arrivals(reset = false) {
          const answer = await fetch(`${url}/arrivals${reset ? '?reset=1' : ''}`);
          return (await answer.json()) as [number, string, number, boolean][];
        },
        async stop() {
          child.kill('SIGTERM');
          await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
        },
      };
    },
    async stop() {
      traceCollector?.child.kill('SIGTERM');
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)))));
      await temporal.connection.close();
      await db.end();
      await stack.stop();
    },
  };
}
