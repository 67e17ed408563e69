/**
 * One broker source's consumer, the same for every broker that hands out messages to be
 * acknowledged one by one (Redis Streams, ...): it receives a chunk, turns each message into an
 * event through the same ingest path as `POST /v1/events`, dead-letters the messages that cannot
 * be events, and only then acknowledges the chunk. The broker's own part (receiving, dead-letter
 * writes, acknowledgements, its backlog) is a `BrokerChannel`.
 *
 * When PostgreSQL or Temporal fails (down, or slower than INGEST_TIMEOUT_MS), or the broker does,
 * the consumer keeps the chunk unacknowledged, rests (see pauseAfter) and tries it again: the
 * events' idempotency keys come from the messages, so a second try (or a second read, by another
 * consumer after this one died) makes no second event.
 */
import { wakeableWait } from '../background-loop';
import type { Db } from '../db/pool';
import type { DeliveryStarter } from '../deliveries/starter';
import { errorMessage, log } from '../log';
import { metrics } from '../metrics/metrics';
import { SpanKind, traced } from '../tracing/tracing';
import { CHUNK_SIZE, ingestChunk, pauseAfter, timeout } from './ingest-chunk';
import { decodeBrokerMessage, MESSAGE_TERMS, type BrokerMessage } from './messages';
import type { Broker } from './source-schema';
import type { BrokerConsumerReport, BrokerSource } from './sources-repository';
import { Throughput } from './throughput';

/** A chunk's ingest taking longer than this counts as a failure: the consumer pauses. */
const INGEST_TIMEOUT_MS = 30_000;
/** While a chunk is ingested, its channel is told this often that it is still being worked on. */
const HOLD_EVERY_MS = 1_000;
/** How long a stop waits for a receive to end by itself: longer than any channel's long poll. */
const STOP_GRACE_MS = 5_000;

/** Deliveries of one message, at most, before it is dead-lettered (its consumers died holding it each time). */
export const MAX_DELIVERIES = 5;

/** Why a message delivered `deliveries` times is refused, if it is (for a broker that counts deliveries). */
export function refusalAfter(deliveries: number): string | undefined {
  return deliveries > MAX_DELIVERIES ? `delivered ${deliveries} times without being acknowledged` : undefined;
}

/** A message as a channel hands it out: what it says, and where it came from (for its dead letter). */
export interface Received {
  message: BrokerMessage;
  /** Why the channel refuses it before it is read (delivered too many times): it goes to the dead letters. */
  refusal?: string;
  /** Facts about its origin that its dead letter carries (the id the broker gave it, ...). */
  origin: Record<string, string>;
}

/** One source's connection to its broker. */
export interface BrokerChannel<R extends Received = Received> {
  /** Up to `max` messages, waiting a while (the broker's long poll) when none are ready. */
  receive(max: number): Promise<R[]>;
  /** Writes each refused message to the dead-letter destination with its reason, then acknowledges the whole chunk. */
  settle(chunk: R[], refused: { message: R; reason: string }[], source: BrokerSource): Promise<void>;
  /** The chunk could not be ingested yet: keep it from going to another consumer while this one rests and tries again. */
  hold(chunk: R[]): Promise<void>;
  /** Closes the connection at once: a receive waiting on the broker (or for it to come back) fails. Idempotent. */
  close(): Promise<void>;
}

export interface ConsumerDependencies {
  db: Db;
  starter: DeliveryStarter;
}

export interface BrokerSourceConsumer {
  /** Format and dead-letter changes apply to the next chunk. */
  update(source: BrokerSource): void;
  report(nowMs: number): BrokerConsumerReport;
  /** Finishes the chunk in hand (acknowledging it), and closes the channel. */
  stop(): Promise<void>;
  /** Resolves if the consumer gives up for good (a Kafka group member kafkajs will not restart): the supervisor starts another. */
  readonly crashed?: Promise<void>;
}


export function startBrokerSourceConsumer<R extends Received>(deps: ConsumerDependencies, initial: BrokerSource, channel: BrokerChannel<R>): BrokerSourceConsumer {
  let source = initial;
  let running = true;
  const throughput = new Throughput(Date.now());
  const totals = { ingested: 0, deadLettered: 0 };
  let paused: string | undefined;
  let receiving = false;
  /** Waits `ms`, or less if the consumer stops. */
  const { wait: rest, wake } = wakeableWait();

  async function handle(chunk: R[]): Promise<void> {
    const started = performance.now();
    const current = source;
    const decoded = chunk.map((received) => ({
      received,
      result: received.refusal !== undefined ? ({ ok: false, reason: received.refusal } as const) : decodeBrokerMessage(current, received.message, MESSAGE_TERMS[current.broker]),
    }));
    const good = decoded.flatMap(({ received, result }) => (result.ok ? [{ message: received, input: result.input }] : []));
    const position = new Map(chunk.map((received, index) => [received, index]));
    // Dead letters in the order of their originals.
    const refused = [
      ...decoded.flatMap(({ received, result }) => (result.ok ? [] : [{ message: received, reason: result.reason }])),
      ...(await traced(
        `ingest ${current.broker}`,
        SpanKind.CONSUMER,
        { 'messaging.system': current.broker, 'messaging.destination.name': current.address, 'messaging.batch.message_count': good.length },
        () => ingestChunk(deps.db, deps.starter, current.projectId, good),
      )),
    ].sort((a, b) => position.get(a.message)! - position.get(b.message)!);
    await channel.settle(chunk, refused, current);
    if (refused.length > 0) {
      log.warn('broker messages dead-lettered', { source: current.id, broker: current.broker, count: refused.length, firstReason: refused[0]!.reason });
    }
    metrics().ingested(current.broker, 'accepted', chunk.length - refused.length, (performance.now() - started) / 1000);
    if (refused.length > 0) metrics().ingested(current.broker, 'rejected', refused.length);
    totals.ingested += chunk.length - refused.length;
    totals.deadLettered += refused.length;
    throughput.add(chunk.length, Date.now());
  }

  const loop = (async () => {
    let failures = 0;
    /** A chunk that failed: tried again after the rest, rather than received anew. */
    let held: R[] = [];
    while (running) {
      let chunk = held;
      try {
        if (chunk.length === 0) {
          receiving = true;
          chunk = await channel.receive(CHUNK_SIZE).finally(() => (receiving = false));
          if (chunk.length === 0) continue;
        }
        // Kept ours while it takes its time (a slow PostgreSQL), as Kafka's consumer heartbeats.
        const holding = chunk;
        const beat = setInterval(() => channel.hold(holding).catch(() => undefined), HOLD_EVERY_MS);
        try {
          await timeout(handle(chunk), INGEST_TIMEOUT_MS, 'ingesting a chunk');
        } finally {
          clearInterval(beat);
        }
        held = [];
      } catch (error) {
        if (!running) break;
        failures += 1;
        paused = errorMessage(error);
        held = chunk;
        const ms = pauseAfter(failures);
        log.warn('broker source paused: a dependency failed', { source: source.id, broker: source.broker, resumeInMs: ms, error: paused });
        if (chunk.length > 0) metrics().ingested(source.broker, 'failed', chunk.length);
        // Held through the rest too: a rest may outlast the broker's hold (SQS's visibility, Redis's idle time).
        const holding = chunk;
        const beat = setInterval(() => channel.hold(holding).catch(() => undefined), HOLD_EVERY_MS);
        await channel.hold(chunk).catch(() => undefined);
        await rest(ms).finally(() => clearInterval(beat));
        continue;
      }
      if (failures > 0) log.info('broker source resumed', { source: source.id, broker: source.broker });
      failures = 0;
      paused = undefined;
    }
  })();

  log.info('broker source consuming', { source: source.id, broker: source.broker, address: source.address, group: source.group });

  return {
    update(next) {
      source = next;
    },
    report(nowMs) {
      return {
        state: paused === undefined ? 'running' : 'paused',
        ...(paused === undefined ? {} : { reason: paused }),
        ingested: totals.ingested,
        deadLettered: totals.deadLettered,
        messagesPerSecond: throughput.perSecond(nowMs),
      };
    },
    async stop() {
      running = false;
      wake();
      // A receive's long poll ends within a few seconds, with what it got handled and
      // acknowledged; one still waiting after that waits for the broker to come back: cut it
      // (what it would have received stays with the broker).
      let grace: NodeJS.Timeout | undefined;
      const polled = await Promise.race([loop.then(() => true), new Promise<boolean>((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS, false)))]);
      clearTimeout(grace);
      if (!polled && receiving) await channel.close();
      await loop;
      await channel.close();
      log.info('broker source stopped', { source: source.id, broker: source.broker });
    },
  };
}
