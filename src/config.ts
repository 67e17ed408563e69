/**
 * The one place that reads the environment. Every process calls `loadConfig()` once at start-up
 * and passes the result down; nothing else touches `process.env`.
 *
 * Each variable is documented in README.md ("Configuration"); test/unit/readme.test.ts keeps the
 * table and this schema in step, and test/unit/compose.test.ts keeps docker-compose.yml in step.
 */
import path from 'node:path';
import { z } from 'zod';
import { parseCidr } from './cidrs';
import { LOOPBACK_CIDRS } from './egress/address-policy';
import { parseProxyUrl, type EgressProxy } from './egress/proxy';
import { regionName } from './regions';
import { withIngestBurst, type IngestRateLimit } from './projects/ingest-rate';
import { parseEncryptionKeys, type EncryptionKey } from './secrets/sealing';
import type { TracingSettings } from './tracing/tracing';

/** The repository root: src/ lives directly under it. */
export const repoRoot = path.resolve(__dirname, '..');

const cidrList = z
  .string()
  .optional()
  .transform((value) => value?.split(',').map((entry) => entry.trim()).filter(Boolean))
  .pipe(z.array(z.string().refine((entry) => parseCidr(entry) !== undefined, 'expected a comma-separated list of CIDRs, e.g. 127.0.0.0/8,::1/128')).optional());

const port = z.coerce.number().int().min(1).max(65535);
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

export const envSchema = z.object({
  // 0 asks the OS for a free port (tests run several APIs side by side).
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  // json: one object per line (pino); pretty: readable lines. Unset: pretty for `dev` and the test
  // and benchmark runners, json for the rest.
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).optional(),
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  LOCAL_PG_PORT: port.default(55432),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^:\s]+:\d+$/, 'expected host:port')
    .default('127.0.0.1:7233'),
  // Which Temporal `dev` and the tests start when none answers: the CLI's dev server, or the
  // real server (built from Go modules) on SQLite files or on the local PostgreSQL.
  TEMPORAL_SERVER: z.enum(['dev', 'sqlite', 'postgres'], { error: 'must be dev, sqlite or postgres' }).default('dev'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('switchyard'),
  // A worker of one region: it polls <TEMPORAL_TASK_QUEUE>-<region> and delivers only to endpoints of that region.
  SWITCHYARD_REGION: optionalString.pipe(regionName.optional()),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_CLI: optionalString,
  // Off only to measure what eager starts save (npm run bench); see src/deliveries/starter.ts.
  TEMPORAL_EAGER_START: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'expected host:port')).min(1)),
  // Where the broker sources' Redis streams live (src/brokers/redis/channel.ts).
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).default('redis://127.0.0.1:6379'),
  // Where the broker sources' NATS JetStream streams live (src/brokers/nats/channel.ts).
  NATS_URL: z.url({ protocol: /^(nats|tls)$/, error: 'must be a nats:// or tls:// URL' }).default('nats://127.0.0.1:4222'),
  // Where the broker sources' SQS queues live (src/brokers/sqs/channel.ts): the local ElasticMQ
  // unless set; https://sqs.<region>.amazonaws.com for AWS, its credentials from the environment
  // (any other host is an SQS-compatible server, given placeholder credentials).
  SQS_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).default('http://127.0.0.1:9324'),
  SQS_REGION: z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be an AWS region name, such as us-east-1').default('us-east-1'),
  // Where the broker sources' Pub/Sub subscriptions live (src/brokers/pubsub/channel.ts): the
  // local emulator unless set; pubsub.googleapis.com for Google Cloud, its credentials found as
  // Google's client libraries find them (any other host is an emulator).
  PUBSUB_ENDPOINT: z.string().regex(/^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:]+\](:\d+)?$/, 'must be host or host:port').default('127.0.0.1:8085'),
  PUBSUB_PROJECT: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'must be a Google Cloud project id').default('switchyard-local'),
  // Where the broker sources' RabbitMQ queues live (src/brokers/rabbitmq/channel.ts).
  RABBITMQ_URL: z.url({ protocol: /^amqps?$/, error: 'must be an amqp:// or amqps:// URL' }).default('amqp://guest:guest@127.0.0.1:5672'),
  // How long a broker consumer's unacknowledged messages sit before another consumer takes them
  // over (a consumer killed mid-chunk): longer than a chunk ever takes.
  BROKER_CLAIM_IDLE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  // Off when the Kafka and broker consumers run in processes of their own (`switchyard consumers`).
  CONSUMERS_IN_WORKER: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
  // Deliveries started and not yet begun, at most; see src/deliveries/start-window.ts.
  DELIVERY_START_WINDOW: z.coerce.number().int().min(1).max(100_000).default(200),
  DELIVERY_QUEUE_LIMIT: z.coerce.number().int().min(1).max(100_000_000).default(10_000),
  // Attempts in flight to one endpoint, at most, in each worker; see src/endpoint-health/in-flight-limit.ts.
  DELIVERY_ENDPOINT_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(50),
  // Events a second each project may publish through the API, unless the operator set its own.
  SWITCHYARD_INGEST_PER_SECOND: z.coerce.number().gt(0).max(100_000).default(1000),
  SWITCHYARD_ADMIN_KEY: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  SWITCHYARD_HOME: optionalString,
  // The Chromium the browser tests launch; unset: Debian's, which `setup` installs.
  SWITCHYARD_CHROMIUM: optionalString,
  // Secrets at rest are sealed under these: id:base64key entries, the first one current.
  SWITCHYARD_ENCRYPTION_KEYS: optionalString.transform((value, ctx) => {
    if (value === undefined) return undefined;
    const parsed = parseEncryptionKeys(value);
    if ('error' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed;
  }),
  // CIDRs (or single addresses) that deliveries and notices may reach although they are not public:
  // loopback, private ranges... Unset: only public addresses. `dev` and `npm test` open loopback.
  SWITCHYARD_EGRESS_ALLOW: cidrList,
  // A forward proxy every delivery and notice leaves through (a static egress IP): http://[user:pass@]host:port.
  SWITCHYARD_EGRESS_PROXY: optionalString.transform((value, ctx) => {
    if (value === undefined) return undefined;
    const parsed = parseProxyUrl(value);
    if ('error' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed;
  }),
  // Proxies in front of the API whose X-Forwarded-For is believed (CIDRs): inbound sources'
  // allowedIps then judge the client's address, not the proxy's. Unset: none.
  SWITCHYARD_TRUSTED_PROXIES: cidrList,
  // Credentials may ride in the URL (smtps://user:pass@host:465); send errors are scrubbed of them.
  // Where browsers reach the API, for the portal links it makes (https://webhooks.example.com).
  // Unset: the origin each request came in at.
  SWITCHYARD_PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  // Prometheus metrics (src/metrics/metrics.ts). Off only to measure what they cost (npm run bench).
  SWITCHYARD_METRICS: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
  // Who may read the API's GET /metrics (CIDRs). Unset: loopback only.
  SWITCHYARD_METRICS_ALLOW: cidrList,
  // Projects whose deliveries get a series of their own (project ids, comma-separated). Unset: none.
  SWITCHYARD_METRICS_PROJECTS: z
    .string()
    .optional()
    .transform((value) => value?.split(',').map((id) => id.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^proj_[0-9A-Z]{26}$/, 'expected project ids (proj_...)')).optional()),
  // Where `switchyard worker` serves GET /metrics (the API serves its own on PORT). 0: any free port.
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  // OpenTelemetry traces (src/tracing/tracing.ts), by the standard variables; off unless an endpoint is set.
  OTEL_SDK_DISABLED: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none'], { error: 'must be otlp or none' }).default('otlp'),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/json'], { error: 'only http/json is supported' }).optional(),
  // Sent with every export (credentials, often): name=value pairs, comma-separated, values URL-encoded.
  OTEL_EXPORTER_OTLP_HEADERS: optionalString.pipe(z.string().regex(/^[^=,\s]+=[^,]*(,\s*[^=,\s]+=[^,]*)*$/, 'expected name=value pairs, comma-separated').optional()),
  OTEL_SERVICE_NAME: z.string().min(1).default('switchyard'),
  SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional()),
  NOTICE_EMAIL_FROM: z
    .string()
    .trim()
    .regex(/^[^\r\n]*@[^\r\n]*$/, 'must be an address, optionally with a name: Name <user@example.com>')
    .default('Switchyard <switchyard@localhost>'),
});

/** The names of every environment variable Switchyard reads. */
export const configVariableNames = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];

/**
 * SQS's endpoint and region. An endpoint that is not AWS's (ElasticMQ, on loopback or beside the
 * gateway in Docker) takes any credentials: it gets placeholders rather than the AWS SDK's search
 * for real ones, which would ask the network (the instance metadata service). At AWS the SDK
 * finds them as it always does (AWS_ACCESS_KEY_ID, a profile, a role).
 */
export interface SqsConnection {
  endpoint: string;
  region: string;
  placeholderCredentials: boolean;
}

/** Google Pub/Sub's endpoint and project; an endpoint that is not Google's is the emulator, which takes no credentials. */
export interface PubsubConnection {
  endpoint: string;
  project: string;
  emulator: boolean;
}

export interface Config {
  http: { host: string; port: number };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Unset: each command's own default (pretty where a person watches). */
  logFormat: 'json' | 'pretty' | undefined;
  /** Set only when the operator points at a database; otherwise dev/test provision a local one. */
  databaseUrl: string | undefined;
  localPostgresPort: number;
  temporal: {
    address: string;
    /** The Temporal the local stack starts: `dev` (the CLI's dev server), `sqlite` or `postgres` (the real server). */
    server: 'dev' | 'sqlite' | 'postgres';
    namespace: string;
    taskQueue: string;
    uiPort: number;
    cli: string | undefined;
    /** Start deliveries eagerly where the process also runs the delivery worker. */
    eagerStart: boolean;
  };
  /** Where the brokers are, and how their consumers take over each other's messages. */
  brokers: { kafkaBrokers: string[]; redisUrl: string; natsUrl: string; sqs: SqsConnection; pubsub: PubsubConnection; rabbitmqUrl: string; claimIdleMs: number };
  /** Whether `switchyard worker` also runs the broker sources' consumers. */
  consumersInWorker: boolean;
  /**
   * window: how many deliveries may be started and not yet begun their first attempt (the rest
   * queue); queueLimit: how many may queue before ingest refuses new events; perEndpoint: attempts
   * in flight to one endpoint in a worker, at most.
   */
  deliveryPacing: { window: number; queueLimit: number; perEndpoint: number };
  /**
   * CIDRs outbound requests may reach beyond public addresses (src/egress/address-policy.ts).
   * Unset: none, except that `dev` opens loopback.
   */
  egressAllow: string[] | undefined;
  /** The forward proxy outbound requests leave through (src/egress/proxy.ts); unset: straight out. */
  egressProxy: EgressProxy | undefined;
  /** The region this worker delivers for (src/deliveries/regions.ts); unset: the default queue. */
  region: string | undefined;
  /**
   * Keys for secrets at rest (src/secrets/sealing.ts), the first one current. Required by the API,
   * the worker and migrations; `dev` makes one when unset.
   */
  encryptionKeys: EncryptionKey[] | undefined;
  /** Proxies whose X-Forwarded-For the API believes for a client's address; none when empty. */
  trustedProxies: string[];
  /** A project's ingest rate through the API when the operator set none (src/projects/ingest-rate.ts). */
  ingestRateLimit: IngestRateLimit;
  /** Creates projects (POST /v1/projects). Unset: no admin routes, unless `dev` made one. */
  adminKey: string | undefined;
  /** Where browsers reach the API (portal links); unset: each request's own origin. */
  publicUrl: string | undefined;
  /** Operational notices by email; unset (no SMTP_URL): notices go to the operational webhook only. */
  smtp: { url: string; from: string } | undefined;
  /**
   * enabled: record and serve metrics; allow: CIDRs that may read the API's /metrics; projects:
   * those with series of their own; host, port: the worker's own /metrics listener.
   */
  metrics: { enabled: boolean; allow: string[]; projects: string[]; host: string; port: number };
  /** Where traces go (OTLP over HTTP, JSON); unset: no tracing. */
  tracing: TracingSettings | undefined;
  /** Chromium for the browser tests (src/stack/chromium.ts); unset: Debian's /usr/bin/chromium. */
  chromium: string | undefined;
  /** Git-ignored home of local state: data/ (databases, logs) and tools/ (built binaries, jars). */
  paths: { home: string; data: string; tools: string };
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // Name the variable, never echo its value: it may be a secret.
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const home = path.resolve(repoRoot, e.SWITCHYARD_HOME ?? '.switchyard');
  return Object.freeze({
    http: { host: e.HOST, port: e.PORT },
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    databaseUrl: e.DATABASE_URL,
    localPostgresPort: e.LOCAL_PG_PORT,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      server: e.TEMPORAL_SERVER,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      uiPort: e.TEMPORAL_UI_PORT,
      cli: e.TEMPORAL_CLI,
      eagerStart: e.TEMPORAL_EAGER_START === 'true',
    },
    brokers: {
      kafkaBrokers: e.KAFKA_BROKERS,
      redisUrl: e.REDIS_URL,
      natsUrl: e.NATS_URL,
      sqs: { endpoint: e.SQS_ENDPOINT, region: e.SQS_REGION, placeholderCredentials: !/\.amazonaws\.com(\.cn)?$/.test(new URL(e.SQS_ENDPOINT).hostname) },
      pubsub: { endpoint: e.PUBSUB_ENDPOINT, project: e.PUBSUB_PROJECT, emulator: !/(^|\.)googleapis\.com$/.test(new URL(`http://${e.PUBSUB_ENDPOINT}`).hostname) },
      rabbitmqUrl: e.RABBITMQ_URL,
      claimIdleMs: e.BROKER_CLAIM_IDLE_SECONDS * 1000,
    },
    consumersInWorker: e.CONSUMERS_IN_WORKER === 'true',
    deliveryPacing: { window: e.DELIVERY_START_WINDOW, queueLimit: e.DELIVERY_QUEUE_LIMIT, perEndpoint: e.DELIVERY_ENDPOINT_CONCURRENCY },
    egressAllow: e.SWITCHYARD_EGRESS_ALLOW,
    egressProxy: e.SWITCHYARD_EGRESS_PROXY,
    region: e.SWITCHYARD_REGION,
    encryptionKeys: e.SWITCHYARD_ENCRYPTION_KEYS,
    trustedProxies: e.SWITCHYARD_TRUSTED_PROXIES ?? [],
    ingestRateLimit: withIngestBurst({ perSecond: e.SWITCHYARD_INGEST_PER_SECOND }),
    adminKey: e.SWITCHYARD_ADMIN_KEY,
    publicUrl: e.SWITCHYARD_PUBLIC_URL?.replace(/\/+$/, ''),
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.NOTICE_EMAIL_FROM } : undefined,
    metrics: {
      enabled: e.SWITCHYARD_METRICS === 'true',
      allow: e.SWITCHYARD_METRICS_ALLOW ?? LOOPBACK_CIDRS,
      projects: e.SWITCHYARD_METRICS_PROJECTS ?? [],
      host: e.METRICS_HOST,
      port: e.METRICS_PORT,
    },
    tracing: tracingSettings(e),
    chromium: e.SWITCHYARD_CHROMIUM,
    paths: { home, data: path.join(home, 'data'), tools: path.join(home, 'tools') },
  });
}

/** The OTLP traces endpoint, as the OpenTelemetry specification reads the variables; none: tracing off. */
function tracingSettings(e: z.infer<typeof envSchema>): TracingSettings | undefined {
  if (e.OTEL_SDK_DISABLED === 'true' || e.OTEL_TRACES_EXPORTER === 'none') return undefined;
  const url = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (e.OTEL_EXPORTER_OTLP_ENDPOINT && `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`);
  if (!url) return undefined;
  const headers = Object.fromEntries(
    (e.OTEL_EXPORTER_OTLP_HEADERS ?? '')
      .split(',')
      .filter((pair) => pair.trim() !== '')
      .map((pair) => {
        const at = pair.indexOf('=');
        const value = pair.slice(at + 1).trim();
        try {
          return [pair.slice(0, at).trim(), decodeURIComponent(value)];
        } catch {
          return [pair.slice(0, at).trim(), value]; // not percent-encoded after all: as written
        }
      }),
  );
  return { url, headers, serviceName: e.OTEL_SERVICE_NAME };
}

/** The URL of the private cluster that `dev` and the tests start when DATABASE_URL is unset. */
export function localDatabaseUrl(config: Config, database = 'switchyard'): string {
  return `postgres://postgres@127.0.0.1:${config.localPostgresPort}/${database}`;
}

/** The database every process talks to: the configured one, else the local cluster. */
export function databaseUrlOf(config: Config): string {
  return config.databaseUrl ?? localDatabaseUrl(config);
}
