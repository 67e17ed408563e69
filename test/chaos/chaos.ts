/**
 * A chaos run: a gateway of its own (PostgreSQL, Temporal, Kafka, and the API, worker and broker
 * consumers as separate processes) under a steady load from every source (HTTP ingest, inbound
 * webhooks, Kafka and each other broker present) to 20 endpoints, some of them flaky, while one
 * part after another is killed with SIGKILL and brought back as a supervisor would. Then the
 * load stops, the gateway drains, and every event a producer saw accepted is looked for at each
 * endpoint it was meant for (reconcile.ts).
 *
 * Producers behave as careful ones do: an HTTP event is retried with its idempotency key until a
 * 2xx, an inbound webhook with its delivery id (as providers retry), a broker message until the
 * broker acknowledges it; what counts as accepted is that 2xx or acknowledgement.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { runMigrations } from '../../src/commands/migrate';
import { loadConfig } from '../../src/config';
import { createPool } from '../../src/db/pool';
import { LOOPBACK_CIDRS } from '../../src/egress/address-policy';
import { newEncryptionKeyEntry } from '../../src/secrets/sealing';
import { brokersUnderTest, type BrokerClient } from '../support/brokers';
import { createTopic } from '../support/kafka-topics';
import { freePort } from '../support/services';
import { apiAnswers, gatewayComponent, kafkaComponent, logSays, postgresComponent, temporalComponent, type Component, type Ports } from './components';
import { reconcile, type Accepted, type Receipt, type Reconciliation } from './reconcile';

export interface ChaosOptions {
  /**
   * How long the load runs; faults come every `faultEveryMs` meanwhile (loadMs / faultEveryMs of
   * them, the load going on until the last has healed), each part down for `downMs`.
   */
  loadMs: number;
  faultEveryMs: number;
  downMs: number;
  /** How long the gateway may take to deliver everything once the load stops. */
  drainTimeoutMs: number;
  /** Events a second from HTTP ingest, inbound webhooks, Kafka, and each other broker. */
  rates: { http: number; inbound: number; kafka: number; broker: number };
  /** Where the other brokers are (REDIS_URL, NATS_URL, SQS_ENDPOINT, RABBITMQ_URL, PUBSUB_ENDPOINT); those absent are left out. */
  env: NodeJS.ProcessEnv;
  /** Progress lines, for a person watching. */
  say?: (line: string) => void;
}

export interface ChaosReport extends Reconciliation {
  sources: string[];
  faults: { component: string; at: number }[];
  /** Deliveries not succeeded once the drain ended, by status. */
  stuck: Record<string, number>;
  /** From the end of the load (and of the last fault) to every accepted event delivered; null: the drain timed out. */
  drainMs: number | null;
  /** A few of the deliveries not succeeded, with why, and their endpoints' health as the API shows it: what to look at first. */
  stuckSample: { endpoint: string; status: string; reason: string | null; health: unknown }[];
}

const ENDPOINTS = 20;
/** Event types: endpoint i takes chaos.(i mod 10), so each event goes to two endpoints. */
const TYPES = 10;
const FLAKY_SHARE = 0.3;
/** The order parts are killed in, round and round. */
const FAULT_ORDER = ['api', 'worker', 'consumers', 'temporal', 'postgres', 'kafka'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const endpointsFor = (n: number) => [`/ep-${n % TYPES}`, `/ep-${(n % TYPES) + TYPES}`];

/**
 * Endpoints 3, 7, 11, 15, 19 answer 500 to three requests in ten; every 2xx is a receipt. (A 500,
 * not a 503: a 503 asks the gateway to slow down, and the adaptive rate would pace those
 * endpoints instead, which is not what this run is about.)
 */
async function startReceivers(receipts: Receipt[]): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const endpoint = req.url ?? '/';
      const index = Number(endpoint.slice('/ep-'.length));
      if (index % 4 === 3 && Math.random() < FLAKY_SHARE) {
        res.writeHead(500).end();
        return;
      }
      const key = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { key?: string }).key;
      if (key) receipts.push({ key, endpoint, at: Date.now() });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A JSON request to the gateway that retries nothing: undefined when no answer came. */
async function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: unknown }) {
  try {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
  } catch {
    return undefined;
  }
}

/** Retries `send` every half second until it says accepted, then records the event; gives up once the run is `over`. */
async function untilAccepted(key: string, n: number, accepted: Accepted[], send: () => Promise<boolean>, over: () => boolean): Promise<void> {
  while (!over()) {
    if (await send().catch(() => false)) {
      accepted.push({ key, at: Date.now(), endpoints: endpointsFor(n) });
      return;
    }
    await sleep(500);
  }
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const say = options.say ?? (() => undefined);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-chaos-'));
  fs.chmodSync(dir, 0o755);
  const ports: Ports = {
    postgres: await freePort(),
    temporal: await freePort(),
    temporalUi: await freePort(),
    kafka: await freePort(),
    kafkaController: await freePort(),
    api: await freePort(),
  };
  const databaseUrl = `postgres://postgres@127.0.0.1:${ports.postgres}/postgres`;
  const adminKey = `admin_${crypto.randomBytes(24).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`,
    TEMPORAL_TASK_QUEUE: 'chaos',
    KAFKA_BROKERS: `127.0.0.1:${ports.kafka}`,
    PORT: String(ports.api),
    METRICS_PORT: '0',
    CONSUMERS_IN_WORKER: 'false',
    SWITCHYARD_ADMIN_KEY: adminKey,
    SWITCHYARD_EGRESS_ALLOW: LOOPBACK_CIDRS.join(','),
    SWITCHYARD_ENCRYPTION_KEYS: options.env.SWITCHYARD_ENCRYPTION_KEYS ?? process.env.SWITCHYARD_ENCRYPTION_KEYS ?? newEncryptionKeyEntry('chaos'),
    LOG_FORMAT: 'json',
  };
  const config = loadConfig(env);
  const parts: Record<string, Component> = {
    postgres: postgresComponent(dir, ports.postgres),
    temporal: temporalComponent(config, dir, ports),
    kafka: kafkaComponent(config, dir, ports),
    api: gatewayComponent('api', dir, env, apiAnswers(ports.api)),
    worker: gatewayComponent('worker', dir, env, logSays('worker polling')),
    consumers: gatewayComponent('consumers', dir, env, logSays('broker consumers running')),
  };
  const receipts: Receipt[] = [];
  const accepted: Accepted[] = [];
  const faults: ChaosReport['faults'] = [];
  const clients: BrokerClient[] = [];
  const receivers = await startReceivers(receipts);
  const db = createPool(databaseUrl);
  const kafka = new Kafka({ clientId: 'chaos-producer', brokers: [env.KAFKA_BROKERS!], logLevel: logLevel.NOTHING, retry: { retries: 2 } });
  const producer = kafka.producer();
  // Set when the run ends, early (a failure) or not: producers still retrying stop.
  let over = false;

  try {
    say(`starting PostgreSQL, Temporal and Kafka in ${dir}`);
    await Promise.all([parts.postgres!.start(), parts.temporal!.start(), parts.kafka!.start()]);
    await runMigrations(config);
    say('starting the API, the worker and the consumers');
    await Promise.all([parts.api!.start(), parts.worker!.start(), parts.consumers!.start()]);

    // The project, its 20 endpoints, and a source of each kind.
    const api = `http://127.0.0.1:${ports.api}`;
    const admin = { authorization: `Bearer ${adminKey}` };
    const project = (await call(`${api}/v1/projects`, { method: 'POST', headers: admin, body: { name: 'chaos' } }))!.body;
    const brokers = brokersUnderTest.filter((under) => !under.skip && options.env[under.urlVariable]);
    const prefixes = Object.fromEntries(['kafka', ...brokers.map((under) => under.broker)].map((broker) => [broker, ['']]));
    await call(`${api}/v1/projects/${project.id}`, { method: 'PATCH', headers: admin, body: { brokerPrefixes: prefixes } });
    const auth = { authorization: `Bearer ${project.apiKey}` };
    const endpointIds: string[] = [];
    for (let i = 0; i < ENDPOINTS; i++) {
      const made = await call(`${api}/v1/endpoints`, {
        method: 'POST',
        headers: auth,
        body: { url: `${receivers.url}/ep-${i}`, eventTypes: [`chaos.${i % TYPES}`], retrySchedule: ['1s', '2s', '5s', '10s', '20s', '30s', '60s', '60s', '60s', '60s'] },
      });
      endpointIds.push(made!.body.id);
    }
    const secret = crypto.randomBytes(16).toString('hex');
    // Inbound webhooks go to the endpoints of chaos.0 and chaos.10's pair: n is always a multiple of ten.
    const source = (await call(`${api}/v1/sources`, { method: 'POST', headers: auth, body: { name: 'github', provider: 'github', secrets: [secret], routes: [{ match: {}, endpointIds: [endpointIds[0], endpointIds[10]] }] } }))!.body;
    const topic = `chaos-${crypto.randomBytes(4).toString('hex')}`;
    await createTopic(kafka, topic, 2);
    await call(`${api}/v1/broker-sources`, { method: 'POST', headers: auth, body: { broker: 'kafka', topic, format: 'envelope' } });
    const streams: { broker: string; client: BrokerClient; stream: string }[] = [];
    for (const under of brokers) {
      const client = await under.client(options.env[under.urlVariable]!);
      clients.push(client);
      const stream = await client.newStream('chaos');
      const made = await call(`${api}/v1/broker-sources`, { method: 'POST', headers: auth, body: { broker: under.broker, [under.addressField]: stream, format: 'envelope' } });
      if (made?.status !== 201) throw new Error(`the ${under.broker} source was refused: ${JSON.stringify(made?.body)}`);
      streams.push({ broker: under.broker, client, stream });
    }
    await producer.connect();
    const sources = ['http', 'inbound', 'kafka', ...streams.map((s) => s.broker)];
    say(`load from ${sources.join(', ')} to ${ENDPOINTS} endpoints for ${Math.round(options.loadMs / 1000)} s, a fault every ${Math.round(options.faultEveryMs / 1000)} s`);

    // The producers: each ticks at its rate and never waits for an earlier event to be accepted.
    const sending = new Set<Promise<void>>();
    const envelope = (key: string, n: number) => JSON.stringify({ eventType: `chaos.${n % TYPES}`, payload: { key } });
    const producers: { name: string; rate: number; send: (key: string, n: number) => Promise<boolean>; step?: number }[] = [
      {
        name: 'http',
        rate: options.rates.http,
        send: async (key, n) => (await call(`${api}/v1/events`, { method: 'POST', headers: auth, body: { eventType: `chaos.${n % TYPES}`, payload: { key }, idempotencyKey: key } }))?.status === 202,
      },
      {
        name: 'inbound',
        rate: options.rates.inbound,
        step: TYPES,
        send: async (key) => {
          const body = JSON.stringify({ key, zen: 'chaos' });
          const signature = `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
          const answer = await call(`${api}/in/${source.id}`, { method: 'POST', headers: { 'x-github-event': 'push', 'x-github-delivery': key, 'x-hub-signature-256': signature }, body });
          return answer !== undefined && answer.status >= 200 && answer.status < 300;
        },
      },
      {
        name: 'kafka',
        rate: options.rates.kafka,
        send: async (key, n) => {
          await producer.send({ topic, acks: -1, messages: [{ key, value: envelope(key, n) }] });
          return true;
        },
      },
      ...streams.map(({ broker, client, stream }) => ({
        name: broker,
        rate: options.rates.broker,
        send: async (key: string, n: number) => {
          await client.publishOnce(stream, n, envelope(key, n));
          return true;
        },
      })),
    ];
    const loadEnds = Date.now() + options.loadMs;
    const faultCount = Math.max(1, Math.floor(options.loadMs / options.faultEveryMs));
    let faultsDone = false;
    // The load lasts its time, and at least until the last fault has healed.
    const loading = () => !over && (Date.now() < loadEnds || !faultsDone);
    const load = producers.map(async ({ name, rate, send, step = 1 }) => {
      for (let n = 0; loading(); n += step) {
        const key = `${name}:${n}`;
        const sent = untilAccepted(key, n, accepted, () => send(key, n), () => over).finally(() => sending.delete(sent));
        sending.add(sent);
        await sleep(1000 / rate);
      }
    });

    // The faults, meanwhile: one part after another, killed and brought back.
    const chaos = (async () => {
      for (let i = 0; i < faultCount && !over; i++) {
        await sleep(options.faultEveryMs - options.downMs);
        const part = parts[FAULT_ORDER[i % FAULT_ORDER.length]!]!;
        say(`killing ${part.name} (SIGKILL)`);
        faults.push({ component: part.name, at: Date.now() });
        await part.kill();
        await sleep(options.downMs);
        await part.start();
        say(`${part.name} is back`);
      }
      faultsDone = true;
    })();
    await Promise.all([...load, chaos]);
    say(`load over: ${accepted.length} events accepted so far, ${sending.size} still being retried by their producers`);
    await Promise.all(sending);

    // The drain: every accepted event at each of its endpoints, and no delivery left unfinished.
    const drainStarted = Date.now();
    let drainMs: number | null = null;
    while (Date.now() - drainStarted < options.drainTimeoutMs) {
      const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM deliveries WHERE status IN ('pending', 'retrying', 'held')`).catch(() => ({ rows: [{ n: '1' }] }));
      if (reconcile(accepted, receipts).lost.length === 0 && rows[0]!.n === '0') {
        drainMs = Date.now() - drainStarted;
        break;
      }
      await sleep(1_000);
    }
    const { rows: statuses } = await db.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM deliveries WHERE status <> 'succeeded' GROUP BY status`);
    const { rows: sample } = await db.query<{ endpoint_id: string; status: string; status_reason: string | null }>(
      `SELECT DISTINCT ON (endpoint_id) endpoint_id, status, status_reason FROM deliveries WHERE status <> 'succeeded' ORDER BY endpoint_id LIMIT 5`,
    );
    const stuckSample = await Promise.all(
      sample.map(async (row) => ({
        endpoint: `/ep-${endpointIds.indexOf(row.endpoint_id)}`,
        status: row.status,
        reason: row.status_reason,
        health: (await call(`${api}/v1/endpoints/${row.endpoint_id}/health`, { headers: auth }))?.body,
      })),
    );
    return { ...reconcile(accepted, receipts), sources, faults, stuck: Object.fromEntries(statuses.map((row) => [row.status, Number(row.n)])), drainMs, stuckSample };
  } finally {
    over = true;
    await producer.disconnect().catch(() => undefined);
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await db.end();
    for (const name of ['consumers', 'api', 'worker', 'kafka', 'temporal', 'postgres']) await parts[name]!.stop().catch(() => undefined);
    await receivers.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures a run prints, one per line. */
export function describeReport(report: ChaosReport): string[] {
  const byPart = report.faults.reduce<Record<string, number>>((counts, fault) => ({ ...counts, [fault.component]: (counts[fault.component] ?? 0) + 1 }), {});
  return [
    `events accepted: ${report.events} (${Object.entries(report.bySource).map(([source, n]) => `${source} ${n}`).join(', ')})`,
    `deliveries expected: ${report.expected}, delivered: ${report.delivered}`,
    `faults injected: ${report.faults.length} (${Object.entries(byPart).map(([part, n]) => `${part} ${n}`).join(', ')})`,
    `lost: ${report.lost.length}${report.lost.length ? ` (first: ${report.lost.slice(0, 5).map((l) => `${l.key} at ${l.endpoint}`).join(', ')})` : ''}`,
    `duplicates: ${report.duplicates} (${(report.duplicateRate * 100).toFixed(2)}% of receipts)`,
    `longest delay, accepted to delivered: ${(report.longestDelayMs / 1000).toFixed(1)} s`,
    `drain: ${report.drainMs === null ? 'did not finish' : `${(report.drainMs / 1000).toFixed(1)} s`}`,
    `deliveries not succeeded after the drain: ${Object.keys(report.stuck).length ? JSON.stringify(report.stuck) : 'none'}`,
    ...report.stuckSample.map((stuck) => `  ${stuck.endpoint}: ${stuck.status} (${stuck.reason}); health ${JSON.stringify(stuck.health)}`),
  ];
}
