/**
 * A broker source's channel to a NATS JetStream stream, read by a durable pull consumer with
 * explicit acknowledgements.
 *
 * Messages are fetched in batches; a chunk is acknowledged (waiting for the server's
 * confirmation) only after its events are committed and their deliveries started, and its
 * refused messages published (with JetStream's confirmation) to the dead-letter subject first.
 * A message the server has not seen acknowledged within `ackWaitMs` goes to another consumer,
 * or again to this one: as when its process was killed. A message delivered more than
 * MAX_DELIVERIES times (its consumers died holding it each time) is dead-lettered instead of
 * being tried again.
 *
 * A message is the data (the body) and its headers (the attributes).
 */
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, nanos, type NatsConnection } from '@nats-io/transport-node';
import { errorMessage, log } from '../../log';
import { refusalAfter, type BrokerChannel, type Received } from '../source-consumer';
import type { BrokerSource } from '../sources-repository';

/** How long a fetch waits for messages before the consumer loop looks around again (at most). */
const FETCH_EXPIRES_MS = 2_000;
/** JetStream's shortest fetch. */
const MIN_FETCH_EXPIRES_MS = 1_000;
/** The server hands out at most this many messages per pull. */
const MAX_BATCH = 256;

export interface NatsReceived extends Received {
  msg: Pick<JsMsg, 'data' | 'headers' | 'seq' | 'subject' | 'info' | 'ackAck' | 'working'>;
}

/** A message as a broker message: its data, its headers as attributes, its place in the stream as identity. */
export function receivedOf(stream: string, msg: NatsReceived['msg']): NatsReceived {
  const refusal = refusalAfter(msg.info.deliveryCount);
  return {
    msg,
    message: {
      body: msg.data.length === 0 ? null : Buffer.from(msg.data),
      attribute: (name) => (msg.headers?.has(name) ? msg.headers.get(name) : undefined),
      identity: `nats:${stream}:${msg.seq}`,
    },
    ...(refusal === undefined ? {} : { refusal }),
    origin: { 'switchyard-original-stream': stream, 'switchyard-original-subject': msg.subject, 'switchyard-original-sequence': String(msg.seq) },
  };
}

/** The headers a dead letter carries: the original's, then why and where it came from (one line each). */
export function deadLetterHeaders(received: NatsReceived, reason: string, sourceId: string): [string, string][] {
  const original = received.msg.headers ? [...received.msg.headers.keys()].flatMap((key) => received.msg.headers!.values(key).map((value) => [key, value] as [string, string])) : [];
  const facts: Record<string, string> = { 'switchyard-dlq-reason': reason.replace(/[\r\n]+/g, ' ').slice(0, 1000), 'switchyard-source-id': sourceId, ...received.origin };
  return [...original, ...Object.entries(facts)];
}

/** A client that reconnects by itself, for ever, and says so in the log; the first connection gives up after 5 s. */
export async function connectNats(servers: string, name: string): Promise<NatsConnection> {
  const nc = await connect({ servers, name, timeout: 5_000, maxReconnectAttempts: -1, reconnectTimeWait: 1_000 });
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') log.warn('NATS connection lost; reconnecting', { name });
      if (status.type === 'reconnect') log.info('NATS connection back', { name });
    }
  })().catch(() => undefined);
  return nc;
}

/** JetStream's answer that a stream or consumer does not exist (StreamNotFoundError, ConsumerNotFoundError). */
function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error.name.endsWith('NotFoundError') || /not found|no stream matches/i.test(error.message));
}

/** The durable consumer, made (from the stream's start) when missing, its acknowledgement wait kept as configured. */
async function ensureConsumer(jsm: JetStreamManager, stream: string, group: string, ackWaitMs: number): Promise<void> {
  try {
    const info = await jsm.consumers.info(stream, group);
    if (info.config.ack_wait !== nanos(ackWaitMs)) await jsm.consumers.update(stream, group, { ack_wait: nanos(ackWaitMs) });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.consumers.add(stream, { durable_name: group, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ack_wait: nanos(ackWaitMs) });
  }
}

/**
 * The dead-letter subject must land in a stream, or its messages would be published to nobody:
 * when no stream takes it, one is made for it (`<stream>_dlq`), as Kafka's dead-letter topic is.
 */
async function ensureDeadLetterStream(jsm: JetStreamManager, source: BrokerSource): Promise<void> {
  try {
    await jsm.streams.find(source.deadLetter);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.streams.add({ name: `${source.address}_dlq`.slice(0, 255), subjects: [source.deadLetter] });
  }
}

export async function openNatsChannel(servers: string, source: BrokerSource, ackWaitMs: number): Promise<BrokerChannel<NatsReceived>> {
  const stream = source.address;
  const nc = await connectNats(servers, `switchyard-${source.id}`);
  try {
    const jsm = await jetstreamManager(nc);
    await ensureConsumer(jsm, stream, source.group, ackWaitMs);
    await ensureDeadLetterStream(jsm, source);
  } catch (error) {
    await nc.close().catch(() => undefined);
    throw error;
  }
  const js = jetstream(nc);
  const consumer = await js.consumers.get(stream, source.group);
  let deadLetterReady = source.deadLetter;
  // A fetch that is not filled lasts until it expires, and its first messages' acknowledgement
  // wait runs all that time: it must end well inside that wait, or they would be handed out again.
  const expires = Math.min(FETCH_EXPIRES_MS, Math.max(MIN_FETCH_EXPIRES_MS, Math.floor(ackWaitMs / 2)));

  return {
    async receive(max) {
      const started = Date.now();
      const batch = await consumer.fetch({ max_messages: Math.min(max, MAX_BATCH), expires });
      const received: NatsReceived[] = [];
      for await (const msg of batch) received.push(receivedOf(stream, msg));
      // Those that waited for the rest start their acknowledgement wait again.
      if (Date.now() - started > ackWaitMs / 4) for (const { msg } of received) msg.working();
      return received;
    },
    async settle(chunk, refused, current) {
      if (refused.length > 0 && current.deadLetter !== deadLetterReady) {
        await ensureDeadLetterStream(await jetstreamManager(nc), current);
        deadLetterReady = current.deadLetter;
      }
      for (const { message, reason } of refused) {
        const headers = natsHeaders();
        for (const [key, value] of deadLetterHeaders(message, reason, current.id)) headers.append(key, value);
        await js.publish(current.deadLetter, message.msg.data, { headers });
      }
      await Promise.all(chunk.map((received) => received.msg.ackAck()));
    },
    async hold(chunk) {
      for (const received of chunk) received.msg.working();
    },
    async close() {
      if (!nc.isClosed()) await nc.close();
    },
  };
}

/** What GET of a source shows of its stream, from the durable consumer's info. */
export async function natsBacklog(servers: string, source: Pick<BrokerSource, 'address' | 'group'>) {
  const nc = await connect({ servers, name: 'switchyard-api', timeout: 2_000, maxReconnectAttempts: 0 });
  try {
    const jsm = await jetstreamManager(nc);
    const streamInfo = await jsm.streams.info(source.address);
    const info = await jsm.consumers.info(source.address, source.group).catch((error) => {
      if (isNotFound(error)) return undefined;
      throw error;
    });
    return {
      length: streamInfo.state.messages,
      pending: info?.num_ack_pending ?? 0,
      lag: info ? info.num_pending : streamInfo.state.messages,
      lastDelivered: info && info.delivered.stream_seq > 0 ? String(info.delivered.stream_seq) : null,
    };
  } finally {
    await nc.close().catch(() => undefined);
  }
}
