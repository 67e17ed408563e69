/**
 * A broker source's channel to a Google Pub/Sub subscription.
 *
 * The subscription is read with a streaming pull, its flow control bounded; a chunk is
 * acknowledged only after its events are committed and their deliveries started, and its refused
 * messages published first (each publish confirmed by the server) to the dead-letter topic with
 * the reason. While a message waits, the client library extends its ack deadline; a consumer
 * killed mid-chunk lets the deadline pass and Pub/Sub delivers the message again, as it does one
 * nacked on a clean stop. A chunk received on a stream that has since failed is not acknowledged
 * (its messages come again, and make no second event). A subscription with a dead-letter policy
 * counts deliveries: more than MAX_DELIVERIES and the message is dead-lettered here.
 *
 * A message is its data and its attributes; its id, the same on every delivery, is its identity.
 */
import { PubSub, type Message, type Subscription } from '@google-cloud/pubsub';
import type { PubsubConnection } from '../../config';
import { errorMessage, log } from '../../log';
import { Inbox } from '../inbox';
import { refusalAfter, type BrokerChannel, type Received } from '../source-consumer';
import type { BrokerSource } from '../sources-repository';

/** Messages handed to this consumer and not yet acknowledged, at most. */
export const MAX_OUTSTANDING = 256;
/** How long a receive waits for a message before the consumer loop looks around again. */
const WAIT_MS = 2_000;

export interface PubsubReceived extends Received {
  msg: Pick<Message, 'id' | 'data' | 'attributes' | 'deliveryAttempt' | 'ack'>;
  /** Which subscriber stream it came on (counted from 1): a failed stream's messages come again. */
  stream: number;
}

/**
 * A client for the operator's Pub/Sub: the emulator on loopback, Google Cloud elsewhere. For the
 * emulator the universe is named outright: otherwise the client looks for Google credentials to
 * learn it, asking the network (the cloud metadata server) for them.
 */
export function pubsubClient(connection: PubsubConnection): PubSub {
  return new PubSub({
    projectId: connection.project,
    apiEndpoint: connection.endpoint,
    ...(connection.emulator ? { emulatorMode: true, universeDomain: 'googleapis.com' } : {}),
  });
}

/** A message as a broker message: its data, its attributes, its id as identity. */
export function receivedOf(subscription: string, msg: PubsubReceived['msg'], stream: number): PubsubReceived {
  // 0 without a dead-letter policy on the subscription: Pub/Sub then counts nothing.
  const refusal = msg.deliveryAttempt > 0 ? refusalAfter(msg.deliveryAttempt) : undefined;
  return {
    msg,
    stream,
    message: {
      body: msg.data.length === 0 ? null : msg.data,
      attribute: (name) => msg.attributes[name],
      identity: `pubsub:${subscription}:${msg.id}`,
    },
    ...(refusal === undefined ? {} : { refusal }),
    origin: { 'switchyard-original-subscription': subscription, 'switchyard-original-id': msg.id },
  };
}

/** The attributes a dead letter carries: the original's, then why and where it came from. */
export function deadLetterAttributes(received: PubsubReceived, reason: string, sourceId: string): Record<string, string> {
  return { ...received.msg.attributes, 'switchyard-dlq-reason': reason.slice(0, 1000), 'switchyard-source-id': sourceId, ...received.origin };
}

/** The dead-letter topic, made when missing with a subscription of the same name, so its letters are kept. */
async function ensureDeadLetterTopic(pubsub: PubSub, name: string): Promise<void> {
  const topic = pubsub.topic(name);
  const [exists] = await topic.exists();
  if (exists) return;
  await topic.create().catch((error: { code?: number }) => {
    if (error.code !== 6) throw error; // ALREADY_EXISTS: made meanwhile
  });
  await topic.createSubscription(name).catch((error: { code?: number }) => {
    if (error.code !== 6) throw error;
  });
}

export async function openPubsubChannel(connection: PubsubConnection, source: BrokerSource): Promise<BrokerChannel<PubsubReceived>> {
  const name = source.address;
  const pubsub = pubsubClient(connection);
  try {
    const [exists] = await pubsub.subscription(name).exists();
    if (!exists) throw new Error(`the Pub/Sub subscription ${name} does not exist`);
    await ensureDeadLetterTopic(pubsub, source.deadLetter);
  } catch (error) {
    await pubsub.close().catch(() => undefined);
    throw error;
  }
  let deadLetterReady = source.deadLetter;
  const inbox = new Inbox<PubsubReceived>();
  let streams = 0;
  let current: { subscription: Subscription; number: number; failure?: Error } | undefined;

  function subscribe() {
    const subscription = pubsub.subscription(name, {
      flowControl: { maxMessages: MAX_OUTSTANDING, allowExcessMessages: false },
      // Stopping hands back what this consumer holds at once, rather than at its deadline.
      closeOptions: { behavior: 'NACK' },
    });
    const state: { subscription: Subscription; number: number; failure?: Error } = { subscription, number: ++streams };
    let interrupted = false;
    subscription.on('message', (msg: Message) => {
      if (current !== state) return;
      interrupted = false;
      inbox.push(receivedOf(name, msg, state.number));
    });
    // The client library reconnects a stream the server ended (a restart, a routine close) by
    // itself; said once until messages flow again.
    subscription.on('debug', (debug: { message: string }) => {
      if (current !== state || interrupted || !/has ended with status/.test(debug.message)) return;
      interrupted = true;
      log.info('Pub/Sub stream ended; the client reconnects', { source: source.id, subscription: name, detail: debug.message });
    });
    subscription.on('error', (error: Error) => {
      if (current !== state) return;
      log.warn('Pub/Sub subscriber failed; opening another', { source: source.id, subscription: name, error: errorMessage(error) });
      state.failure = error;
      inbox.clear();
    });
    current = state;
  }

  return {
    async receive(max) {
      if (!current) subscribe();
      const state = current!;
      if (state.failure) {
        // The next receive opens a fresh stream; this one reports why the last one ended.
        current = undefined;
        await state.subscription.close().catch(() => undefined);
        throw state.failure;
      }
      return inbox.take(max, WAIT_MS);
    },
    async settle(chunk, refused, settling) {
      if (chunk.length === 0) return;
      if (!current || current.failure || chunk.some((received) => received.stream !== current!.number)) {
        log.info('Pub/Sub chunk left to be delivered again (its stream failed)', { source: settling.id, count: chunk.length });
        return;
      }
      if (refused.length > 0) {
        if (settling.deadLetter !== deadLetterReady) {
          await ensureDeadLetterTopic(pubsub, settling.deadLetter);
          deadLetterReady = settling.deadLetter;
        }
        const topic = pubsub.topic(settling.deadLetter);
        // Each resolves once the server has the letter.
        await Promise.all(refused.map(({ message, reason }) => topic.publishMessage({ data: message.msg.data, attributes: deadLetterAttributes(message, reason, settling.id) }))).catch(
          (error: unknown) => {
            // The topic may be gone (an emulator restarted empty): the next try makes sure of it again.
            deadLetterReady = '';
            throw error;
          },
        );
      }
      for (const received of chunk) received.msg.ack();
    },
    async hold() {
      // Nothing to do: the client library extends the ack deadline of what it has handed out.
    },
    async close() {
      inbox.clear();
      await current?.subscription.close().catch(() => undefined);
      current = undefined;
      await pubsub.close().catch(() => undefined);
    },
  };
}

/**
 * What GET of a source shows of its subscription: Pub/Sub's API counts no backlog (Cloud
 * Monitoring's num_undelivered_messages does), so only that the subscription answers.
 */
export async function pubsubBacklog(connection: PubsubConnection, source: Pick<BrokerSource, 'address'>) {
  const pubsub = pubsubClient(connection);
  try {
    const [exists] = await pubsub.subscription(source.address).exists();
    if (!exists) throw new Error(`the subscription ${source.address} does not exist`);
    return { length: null, pending: null, lag: null, lastDelivered: null };
  } finally {
    await pubsub.close().catch(() => undefined);
  }
}
