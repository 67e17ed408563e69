/**
 * A broker source's channel to a RabbitMQ queue.
 *
 * The queue is consumed with manual acknowledgements and a bounded prefetch; a chunk is
 * acknowledged only after its events are committed and their deliveries started, and its refused
 * messages published first (waiting for the broker's publisher confirms) to the dead-letter
 * exchange with the reason in a header. A message published there that no queue takes comes back
 * (mandatory), and the chunk is not acknowledged: a dead letter is never dropped.
 *
 * Unacknowledged messages stay with this consumer until its connection closes, then go back to
 * the queue: a consumer killed mid-chunk, or cut off by a broker restart, leaves them to the next
 * one. The connection comes back by itself, with backoff; a chunk received on a connection that
 * is gone is not acknowledged on the new one (its messages come again, and make no second event).
 * A quorum queue counts deliveries (x-delivery-count): more than MAX_DELIVERIES and the message is
 * dead-lettered; a classic queue counts none.
 *
 * A message is its body and its headers; its message_id property, which only its publisher can
 * give it, is its identity.
 */
import { connect, type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import { errorMessage, log } from '../../log';
import { Inbox } from '../inbox';
import { refusalAfter, type BrokerChannel, type Received } from '../source-consumer';
import type { BrokerSource } from '../sources-repository';

/** Messages handed to this consumer and not yet acknowledged, at most. */
export const PREFETCH = 256;
/** How long a receive waits for a message before the consumer loop looks around again. */
const WAIT_MS = 2_000;

export interface RabbitmqReceived extends Received {
  msg: Pick<ConsumeMessage, 'content' | 'properties' | 'fields'>;
  /** Which channel it came on (counted from 1): only that channel can acknowledge it. */
  channel: number;
}

/** A header's value as text: AMQP tables carry numbers, booleans and bytes too. */
function headerText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A delivery as a broker message: its content, its headers as attributes, its message_id as identity. */
export function receivedOf(queue: string, msg: RabbitmqReceived['msg'], channel: number): RabbitmqReceived {
  const headers = (msg.properties.headers ?? {}) as Record<string, unknown>;
  const messageId = msg.properties.messageId as string | undefined;
  const refusal = refusalAfter(Number(headers['x-delivery-count'] ?? 0) + 1);
  return {
    msg,
    channel,
    message: {
      body: msg.content.length === 0 ? null : msg.content,
      attribute: (name) => headerText(headers[name]),
      identity: messageId ? `rabbitmq:${queue}:${messageId}` : undefined,
    },
    ...(refusal === undefined ? {} : { refusal }),
    origin: { 'switchyard-original-queue': queue, ...(messageId ? { 'switchyard-original-message-id': messageId } : {}) },
  };
}

/** The headers a dead letter carries: the original's, then why and where it came from. */
export function deadLetterHeaders(received: RabbitmqReceived, reason: string, sourceId: string): Record<string, unknown> {
  return { ...(received.msg.properties.headers ?? {}), 'switchyard-dlq-reason': reason.slice(0, 1000), 'switchyard-source-id': sourceId, ...received.origin };
}

/** RabbitMQ's answer that a queue or exchange does not exist (it closes the channel that asked). */
function isNotFound(error: unknown): boolean {
  return (error as { code?: number }).code === 404;
}

/** Whether `check` finds it, on a channel of its own (a 404 closes the channel). */
async function exists(model: ChannelModel, check: (channel: Channel) => Promise<unknown>): Promise<boolean> {
  const channel = await model.createChannel();
  channel.on('error', () => undefined);
  try {
    await check(channel);
    await channel.close();
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    await channel.close().catch(() => undefined);
    throw error;
  }
}

/**
 * The queue, made (durable) when missing; the dead-letter exchange, made when missing as a
 * durable fanout exchange with a durable queue of its own name bound to it, so its letters land
 * somewhere. What exists is used as it is.
 */
async function ensureTopology(model: ChannelModel, queue: string, deadLetter: string): Promise<void> {
  const queueExists = await exists(model, (channel) => channel.checkQueue(queue));
  const exchangeExists = await exists(model, (channel) => channel.checkExchange(deadLetter));
  if (queueExists && exchangeExists) return;
  const channel = await model.createChannel();
  try {
    if (!queueExists) await channel.assertQueue(queue, { durable: true });
    if (!exchangeExists) {
      await channel.assertExchange(deadLetter, 'fanout', { durable: true });
      await channel.assertQueue(deadLetter, { durable: true });
      await channel.bindQueue(deadLetter, deadLetter, '');
    }
  } finally {
    await channel.close().catch(() => undefined);
  }
}

/** A URL as logs may show it: without its password. */
function hostOf(url: string): string {
  return new URL(url).host;
}

export async function openRabbitmqChannel(url: string, source: BrokerSource): Promise<BrokerChannel<RabbitmqReceived>> {
  const queue = source.address;
  /** The live connection; none while reconnecting. */
  let live: ChannelModel | undefined;
  /** The channels consuming and publishing dead letters, on the live connection; none until a receive opens them. */
  let consuming: { channel: Channel; publisher: ConfirmChannel; number: number; returned: string[] } | undefined;
  let channels = 0;
  let deadLetterReady = '';
  const inbox = new Inbox<RabbitmqReceived>();

  const connection = await connect(url, {
    timeout: 5_000,
    recovery: {
      initialDelay: 200,
      maxDelay: 5_000,
      // A source that cannot start is retried by the supervisor's next round.
      initialMaxRetries: 0,
      async setup(model: ChannelModel) {
        live = model;
      },
    },
  });
  connection.on('disconnect', (error: Error) => {
    log.warn('RabbitMQ connection lost; reconnecting', { source: source.id, host: hostOf(url), error: errorMessage(error) });
    live = undefined;
    consuming = undefined;
    // What was handed out on it goes back to the queue: none of it can be acknowledged now.
    inbox.clear();
  });
  connection.on('error', () => undefined);

  async function startConsuming(model: ChannelModel) {
    await ensureTopology(model, queue, source.deadLetter);
    deadLetterReady = source.deadLetter;
    const channel = await model.createChannel();
    const publisher = await model.createConfirmChannel();
    const state = { channel, publisher, number: ++channels, returned: [] as string[] };
    const lost = (error?: Error) => {
      if (consuming !== state) return;
      log.warn('RabbitMQ channel closed; opening another', { source: source.id, error: error ? errorMessage(error) : 'closed' });
      consuming = undefined;
      inbox.clear();
      // Both closed, so what the consuming one holds goes back to the queue now.
      void channel.close().catch(() => undefined);
      void publisher.close().catch(() => undefined);
    };
    for (const ch of [channel, publisher]) {
      ch.on('error', lost);
      ch.on('close', () => lost());
    }
    publisher.on('return', (msg: ConsumeMessage) => state.returned.push(msg.fields.exchange));
    await channel.prefetch(PREFETCH);
    // Current before the consume is confirmed: the first deliveries can come before its answer.
    consuming = state;
    try {
      await channel.consume(
        queue,
        (msg) => {
          if (msg === null) return lost(new Error(`the queue ${queue} was deleted`));
          if (consuming !== state) return;
          inbox.push(receivedOf(queue, msg, state.number));
        },
        { noAck: false },
      );
    } catch (error) {
      lost(error as Error);
      throw error;
    }
  }

  return {
    async receive(max) {
      if (!consuming) {
        if (!live) throw new Error(`RabbitMQ at ${hostOf(url)} is not connected; reconnecting`);
        await startConsuming(live);
      }
      return inbox.take(max, WAIT_MS);
    },
    async settle(chunk, refused, current) {
      const state = consuming;
      if (chunk.length === 0) return;
      if (!state || chunk.some((received) => received.channel !== state.number)) {
        // Received on a channel that is gone: RabbitMQ hands these out again.
        log.info('RabbitMQ chunk left to be delivered again (its channel is gone)', { source: current.id, count: chunk.length });
        return;
      }
      if (refused.length > 0) {
        if (current.deadLetter !== deadLetterReady && live) {
          await ensureTopology(live, queue, current.deadLetter);
          deadLetterReady = current.deadLetter;
        }
        state.returned.length = 0;
        for (const { message, reason } of refused) {
          const { properties } = message.msg;
          state.publisher.publish(current.deadLetter, message.msg.fields.routingKey, message.msg.content, {
            headers: deadLetterHeaders(message, reason, current.id),
            persistent: true,
            mandatory: true,
            ...(properties.messageId ? { messageId: properties.messageId as string } : {}),
            ...(properties.contentType ? { contentType: properties.contentType as string } : {}),
          });
        }
        await state.publisher.waitForConfirms();
        if (state.returned.length > 0) throw new Error(`the dead-letter exchange ${current.deadLetter} routes to no queue: its letters would be lost`);
      }
      // The chunk is the oldest of what this channel holds: one acknowledgement covers it.
      state.channel.ack(chunk[chunk.length - 1]!.msg as ConsumeMessage, true);
    },
    async hold() {
      // Nothing to do: RabbitMQ keeps a message with its consumer until acknowledged or the connection ends.
    },
    async close() {
      inbox.clear();
      await connection.close().catch(() => undefined);
    },
  };
}

/**
 * What GET of a source shows of its queue: RabbitMQ tells messages ready (not yet handed out);
 * those handed out and not yet acknowledged only its management plugin counts.
 */
export async function rabbitmqBacklog(url: string, source: Pick<BrokerSource, 'address'>) {
  const model = await connect(url, { timeout: 2_000 });
  model.on('error', () => undefined);
  try {
    const channel = await model.createChannel();
    const { messageCount } = await channel.checkQueue(source.address);
    return { length: messageCount, pending: null, lag: messageCount, lastDelivered: null };
  } finally {
    await model.close().catch(() => undefined);
  }
}
