/**
 * Switchyard's Prometheus metrics: every series the gateway exports is defined here, and the code
 * that moves them calls the few functions of `metrics` below, never prom-client itself.
 *
 * Project and endpoint ids stay out of labels (a project has as many endpoints as customers, and a
 * series per endpoint would swamp Prometheus), except in `switchyard_project_deliveries_total`,
 * kept only for the projects an operator names in SWITCHYARD_METRICS_PROJECTS.
 *
 * With SWITCHYARD_METRICS=false nothing is recorded: the benchmark measures what metrics cost.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Broker } from '../brokers/source-schema';

/** Where events came in: the API, an inbound webhook, Kafka or another broker source, the portal. */
export type IngestSource = 'api' | 'inbound' | Broker | 'portal';
/** accepted: recorded; duplicate: a repeat answered from the first; rejected: bad input (4xx); throttled: 429; failed: our own failure (5xx). */
export type IngestOutcome = 'accepted' | 'duplicate' | 'rejected' | 'throttled' | 'failed';
export type DeliveryEnd = 'succeeded' | 'failed' | 'cancelled';
export type NoticeChannel = 'webhook' | 'email';

/** What an attempt got back, as a label: how the request failed (an answer cut short too), or the status code's class. */
export function statusClass(attempt: { statusCode: number | null; errorClass: string | null }): string {
  if (attempt.errorClass !== null) return attempt.errorClass;
  return attempt.statusCode !== null ? `${Math.floor(attempt.statusCode / 100)}xx` : 'error';
}

/** Seconds, for sub-second figures: attempts and ingest. */
const FAST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** From acceptance to a 2xx: milliseconds when all is well, hours when an endpoint was down. */
const END_TO_END_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600];

export interface Metrics {
  readonly registry: Registry;
  /** Events taken in (or refused) by one request, batch or chunk, and how long it took to answer. */
  ingested(source: IngestSource, outcome: IngestOutcome, events: number, seconds?: number): void;
  /** One attempt of a delivery, and its delivery's end when this attempt ended it. */
  attempted(attempt: {
    statusCode: number | null;
    errorClass: string | null;
    durationMs: number;
    /** The delivery's outcome after this attempt: `retrying`, or how it ended. */
    outcome: 'retrying' | 'succeeded' | 'failed';
    /** On success: milliseconds since the event was accepted. */
    sinceAcceptedMs?: number;
    projectId: string;
  }): void;
  /** A delivery that ended without an attempt of its own (endpoint deleted or disabled, cancelled). */
  cancelled(projectId: string): void;
  notice(channel: NoticeChannel, outcome: 'sent' | 'failed'): void;
  /** Messages produced to a Kafka source's topic and not yet consumed; dropped when it stops. */
  kafkaLag(sourceId: string, lag: number | undefined): void;
}

export interface MetricsOptions {
  enabled: boolean;
  /** Projects that get a series of their own. */
  projects: readonly string[];
}

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  if (!options.enabled) {
    return { registry, ingested() {}, attempted() {}, cancelled() {}, notice() {}, kafkaLag() {} };
  }
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const ingestEvents = new Counter({
    name: 'switchyard_ingest_events_total',
    help: 'Events taken in, by where they came from and what became of them (a refused request with no parsable events counts one).',
    labelNames: ['source', 'outcome'],
    registers,
  });
  const ingestSeconds = new Histogram({
    name: 'switchyard_ingest_duration_seconds',
    help: 'Time to answer an ingest request (an API call, an inbound webhook, a chunk of Kafka or other broker messages).',
    labelNames: ['source'],
    buckets: FAST_BUCKETS,
    registers,
  });
  const attempts = new Counter({
    name: 'switchyard_delivery_attempts_total',
    help: "Delivery attempts, by the answer's class (2xx..5xx, or the error: timeout, connect_refused...) and what the delivery did next.",
    labelNames: ['status_class', 'outcome'],
    registers,
  });
  const attemptSeconds = new Histogram({
    name: 'switchyard_delivery_attempt_duration_seconds',
    help: 'Time from sending an attempt to its answer (or failure).',
    labelNames: ['status_class'],
    buckets: FAST_BUCKETS,
    registers,
  });
  const deliveries = new Counter({
    name: 'switchyard_deliveries_total',
    help: 'Deliveries that ended: succeeded, failed (attempts exhausted or refused for good) or cancelled.',
    labelNames: ['outcome'],
    registers,
  });
  const endToEnd = new Histogram({
    name: 'switchyard_delivery_latency_seconds',
    help: "From the event's acceptance to its endpoint's 2xx, retries included.",
    buckets: END_TO_END_BUCKETS,
    registers,
  });
  const byProject = new Counter({
    name: 'switchyard_project_deliveries_total',
    help: 'Deliveries that ended, for each project named in SWITCHYARD_METRICS_PROJECTS.',
    labelNames: ['project', 'outcome'],
    registers,
  });
  const notices = new Counter({
    name: 'switchyard_notices_total',
    help: 'Operational notices (circuit opened, endpoint disabled, delivery failed) sent, or failed to send (each try counts).',
    labelNames: ['channel', 'outcome'],
    registers,
  });
  const lag = new Gauge({
    name: 'switchyard_kafka_consumer_lag',
    help: "Messages on a Kafka source's topic not yet consumed, as its consumer last saw at a batch.",
    labelNames: ['source'],
    registers,
  });

  const perProject = new Set(options.projects);
  const ended = (projectId: string, outcome: DeliveryEnd) => {
    deliveries.inc({ outcome });
    if (perProject.has(projectId)) byProject.inc({ project: projectId, outcome });
  };

  return {
    registry,
    ingested(source, outcome, events, seconds) {
      ingestEvents.inc({ source, outcome }, events);
      if (seconds !== undefined) ingestSeconds.observe({ source }, seconds);
    },
    attempted(attempt) {
      const status_class = statusClass(attempt);
      attempts.inc({ status_class, outcome: attempt.outcome });
      attemptSeconds.observe({ status_class }, attempt.durationMs / 1000);
      if (attempt.outcome === 'retrying') return;
      ended(attempt.projectId, attempt.outcome);
      if (attempt.sinceAcceptedMs !== undefined) endToEnd.observe(Math.max(0, attempt.sinceAcceptedMs) / 1000);
    },
    cancelled(projectId) {
      ended(projectId, 'cancelled');
    },
    notice(channel, outcome) {
      notices.inc({ channel, outcome });
    },
    kafkaLag(sourceId, messages) {
      if (messages === undefined) lag.remove({ source: sourceId });
      else lag.set({ source: sourceId }, messages);
    },
  };
}

let current: Metrics | undefined;
const off = createMetrics({ enabled: false, projects: [] });

/** The process's metrics; off until installed (a test of one module records nothing). */
export function metrics(): Metrics {
  return current ?? off;
}

/**
 * Called by each part of a process as it starts (API, worker, consumers): the first call decides,
 * so the parts that share a process (`serve`, a test's stack) share one registry.
 */
export function installMetrics(options: MetricsOptions): Metrics {
  current ??= createMetrics(options);
  return current;
}
