/**
 * Kafka ingestion throughput: messages per second from a topic into started delivery workflows.
 *
 *   npm run bench:kafka -- [--messages 10000] [--partitions 3] [--payload-bytes 1024]
 *
 * Brings up its own Temporal dev server (in memory, free ports) and a database of its own, and
 * reuses or starts PostgreSQL and Kafka. It produces the messages first, then measures, on the
 * same topic and in the same run:
 *   - baseline: a kafkajs consumer group that does nothing with the messages (the broker and
 *     client's ceiling on this machine);
 *   - start ceiling: the same number of delivery workflows started straight from one process,
 *     three batches at a time as the consumer's three partitions do, with no database or Kafka
 *     work around them (the Temporal side's ceiling);
 *   - switchyard: `switchyard kafka` as its own process, each message an event with one delivery
 *     whose workflow is started, from the first event's commit to the last workflow's start (no
 *     worker runs, so the deliveries' own work does not compete for the cores).
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { runMigrations } from '../src/commands/migrate';
import { loadConfig, localDatabaseUrl, repoRoot } from '../src/config';
import { createPool } from '../src/db/pool';
import { createDeliveryStarter } from '../src/deliveries/starter';
import { createEndpoint } from '../src/endpoints/repository';
import { createEndpointSchema } from '../src/endpoints/schema';
import { nextId } from '../src/ids';
import { createKafkaSource } from '../src/kafka/sources-repository';
import { setLogLevel } from '../src/log';
import { createProject } from '../src/projects/repository';
import { recreateDatabase } from '../src/stack/postgres';
import { startStack } from '../src/stack/stack';
import { createTemporalClient } from '../src/temporal/client';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '10000' },
    partitions: { type: 'string', default: '3' },
    'payload-bytes': { type: 'string', default: '1024' },
  },
});
const messages = Number(values.messages);
const partitions = Number(values.partitions);
const payloadBytes = Number(values['payload-bytes']);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  setLogLevel('warn');
  const [temporalPort, uiPort] = [await freePort(), await freePort()];
  const base = loadConfig({ ...process.env, TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`, TEMPORAL_UI_PORT: String(uiPort) });
  const stack = await startStack(base, { kafka: true, ephemeral: true });
  const databaseUrl = (base.databaseUrl ?? localDatabaseUrl(base)).replace(/\/[^/]*$/, '/switchyard_bench');
  const config = { ...base, databaseUrl };
  await recreateDatabase(databaseUrl);
  await runMigrations(config);
  const db = createPool(databaseUrl);
  const kafka = new Kafka({ clientId: 'switchyard-bench', brokers: config.kafkaBrokers, logLevel: logLevel.NOTHING });
  const topic = `bench-${Date.now().toString(36)}`;
  try {
    const { project } = await createProject(db, 'bench');
    // Never called: no worker runs. One delivery per event.
    await createEndpoint(db, project.id, createEndpointSchema.parse({ url: 'http://127.0.0.1:9/never-called' }));

    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const filler = 'x'.repeat(Math.max(0, payloadBytes - 60));
    for (let i = 0; i < messages; i += 1000) {
      const count = Math.min(1000, messages - i);
      await producer.send({
        topic,
        messages: Array.from({ length: count }, (_, j) => ({
          key: `k${(i + j) % 64}`,
          value: JSON.stringify({ eventType: 'bench.event', payload: { n: i + j, filler } }),
        })),
      });
    }
    await producer.disconnect();

    // Baseline: the same topic read by a consumer group that does nothing.
    const baseline = kafka.consumer({ groupId: `${topic}-baseline` });
    await baseline.connect();
    await baseline.subscribe({ topics: [topic], fromBeginning: true });
    let seen = 0;
    let first = 0;
    const baselineSeconds = await new Promise<number>((resolve) => {
      void baseline.run({
        eachBatch: async ({ batch }) => {
          if (seen === 0) first = performance.now();
          seen += batch.messages.length;
          if (seen >= messages) resolve((performance.now() - first) / 1000);
        },
      });
    });
    await baseline.disconnect();

    // Start ceiling: the starter alone, on a task queue of its own.
    const { client, connection } = createTemporalClient(config);
    const starter = createDeliveryStarter(db, client, 'bench-ceiling');
    const ceilingStart = performance.now();
    const perLane = Math.ceil(messages / 3);
    await Promise.all(
      [0, 1, 2].map(async (lane) => {
        for (let i = lane * perLane; i < Math.min(messages, (lane + 1) * perLane); i += 500) {
          const slice = Array.from({ length: Math.min(500, (lane + 1) * perLane - i, messages - i) }, (_, j) => {
            const id = nextId('dlv');
            return { deliveryId: id, eventId: `evt_ceiling_${i + j}`, endpointId: 'ep_ceiling', projectId: project.id, workflowId: `ceiling/${id}`, eventType: 'bench.event', endpointUrl: 'http://127.0.0.1:9/' };
          });
          const failed = await starter.start(slice);
          if (failed.length > 0) throw new Error(`${failed.length} ceiling starts failed`);
        }
      }),
    );
    const ceilingSeconds = (performance.now() - ceilingStart) / 1000;
    await connection.close();

    // Switchyard: the consumer process, timed by the database's own clock.
    await createKafkaSource(db, project.id, { topic, format: 'envelope' });
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src', 'cli.ts'), 'kafka'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: config.temporal.address, KAFKA_BROKERS: config.kafkaBrokers.join(','), LOG_LEVEL: 'warn', TEMPORAL_TASK_QUEUE: 'bench' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    let started = 0;
    while (started < messages) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM deliveries WHERE workflow_started_at IS NOT NULL AND project_id = $1', [project.id]);
      started = rows[0]!.n;
    }
    const { rows } = await db.query<{ seconds: number; events: number }>(
      `SELECT extract(epoch FROM (SELECT max(workflow_started_at) FROM deliveries) - (SELECT min(created_at) FROM events))::float AS seconds,
              (SELECT count(*)::int FROM events) AS events`,
    );
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));

    const baselineRate = messages / baselineSeconds;
    const switchyardRate = messages / rows[0]!.seconds;
    const ceilingRate = messages / ceilingSeconds;
    const cpus = os.cpus();
    process.stdout.write(
      [
        '',
        `Kafka ingestion, ${messages} messages of ${payloadBytes} B on ${partitions} partitions; ${cpus.length} × ${cpus[0]?.model.trim()}`,
        '',
        '| measure | per second | switchyard as a ratio of it |',
        '|---|---:|---:|',
        `| baseline: kafkajs group, no-op eachBatch (messages) | ${baselineRate.toFixed(0)} | ${(switchyardRate / baselineRate).toFixed(3)} |`,
        `| start ceiling: delivery workflows started, 3 × 32 at a time | ${ceilingRate.toFixed(0)} | ${(switchyardRate / ceilingRate).toFixed(2)} |`,
        `| **switchyard kafka: messages into started deliveries** | **${switchyardRate.toFixed(0)}** | |`,
        '',
        `events ${rows[0]!.events} (expected ${messages}), deliveries started ${started}`,
        '',
      ].join('\n'),
    );
  } finally {
    await db.end();
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
