/**
 * A broker source's channel to an SQS queue.
 *
 * Messages are received with long polling; a chunk is deleted (DeleteMessageBatch) only after its
 * events are committed and their deliveries started, and its refused messages sent first to the
 * dead-letter queue with the reason. A received message is invisible to other consumers for
 * `visibilityMs`; while its chunk waits on a slow dependency the consumer holds it and the
 * visibility is extended. A consumer killed mid-chunk leaves its messages to come back once the
 * visibility ends. A message received more than MAX_DELIVERIES times is dead-lettered instead
 * of being tried again (SQS's own redrive policy, when the queue has one, does the same).
 *
 * A message is its body and its message attributes (String and Number ones); its MessageId,
 * the same on every receive, is its identity.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
  type Message,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import type { SqsConnection } from '../../config';
import { refusalAfter, type BrokerChannel, type Received } from '../source-consumer';
import type { BrokerSource } from '../sources-repository';

/** SQS hands out at most 10 messages per receive and takes at most 10 entries per batch. */
const SQS_BATCH = 10;
/** Receives per chunk, at most: a chunk is committed in one transaction. */
const RECEIVES_PER_CHUNK = 10;
/** How long a receive waits for a message (long polling), in whole seconds as SQS counts. */
const WAIT_SECONDS = 2;
/** The longest visibility timeout SQS takes. */
const MAX_VISIBILITY_SECONDS = 43_200;
/** SQS allows 10 attributes a message: a dead letter keeps this many of its original's, then adds its own 4. */
const ORIGINAL_ATTRIBUTES_KEPT = 6;

export interface SqsReceived extends Received {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, MessageAttributeValue>;
  /** When its visibility was last set: a hold extends it again only once a third of it has passed. */
  visibleFrom: number;
}

/**
 * The SDK waits for ever by default: a request the server took and never answered (one cut off
 * by its restart) would stop the source for good. A receive's long poll is far shorter.
 */
const REQUEST_TIMEOUTS = { connectionTimeout: 5_000, requestTimeout: 30_000, throwOnRequestTimeout: true };

export function sqsClient(connection: SqsConnection): SQSClient {
  return new SQSClient({
    endpoint: connection.endpoint,
    region: connection.region,
    requestHandler: REQUEST_TIMEOUTS,
    ...(connection.placeholderCredentials ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}

/** A message as a broker message: its body, its String and Number attributes, its MessageId as identity. */
export function receivedOf(queue: string, message: Message, nowMs: number): SqsReceived {
  const attributes = message.MessageAttributes ?? {};
  const refusal = refusalAfter(Number(message.Attributes?.ApproximateReceiveCount ?? '1'));
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes,
    visibleFrom: nowMs,
    message: {
      body: message.Body ? Buffer.from(message.Body, 'utf8') : null,
      attribute: (name) => attributes[name]?.StringValue,
      identity: `sqs:${queue}:${message.MessageId}`,
    },
    ...(refusal === undefined ? {} : { refusal }),
    origin: { 'switchyard-original-queue': queue, 'switchyard-original-id': message.MessageId! },
  };
}

/** The attributes a dead letter carries: some of the original's, then why and where it came from. */
export function deadLetterAttributes(received: SqsReceived, reason: string, sourceId: string): Record<string, MessageAttributeValue> {
  const original = Object.entries(received.attributes)
    .filter(([name]) => !name.startsWith('switchyard-'))
    .slice(0, ORIGINAL_ATTRIBUTES_KEPT);
  const facts = { 'switchyard-dlq-reason': reason.slice(0, 1000), 'switchyard-source-id': sourceId, ...received.origin };
  return {
    ...Object.fromEntries(original),
    ...Object.fromEntries(Object.entries(facts).map(([name, value]) => [name, { DataType: 'String', StringValue: value }])),
  };
}

/** The queue's URL, the queue made when missing (a FIFO one for a name ending .fifo). */
async function ensureQueue(client: SQSClient, name: string): Promise<string> {
  try {
    return (await client.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
  } catch (error) {
    if (!(error instanceof QueueDoesNotExist)) throw error;
    const fifo = name.endsWith('.fifo') ? { Attributes: { FifoQueue: 'true' } } : {};
    return (await client.send(new CreateQueueCommand({ QueueName: name, ...fifo }))).QueueUrl!;
  }
}

/**
 * Every entry of a batch, in batches of ten; an entry SQS refused fails the whole call, unless
 * its error code is one of `tolerated`.
 */
async function inBatches<T>(
  items: readonly T[],
  send: (batch: T[], offset: number) => Promise<{ Failed?: { Id?: string; Code?: string; Message?: string }[] }>,
  tolerated: readonly string[] = [],
): Promise<void> {
  for (let offset = 0; offset < items.length; offset += SQS_BATCH) {
    const { Failed = [] } = await send(items.slice(offset, offset + SQS_BATCH), offset);
    const failed = Failed.filter((entry) => !tolerated.includes(entry.Code ?? ''));
    if (failed.length > 0) throw new Error(`SQS refused ${failed.length} of a batch: ${failed[0]!.Message ?? 'no reason given'}`);
  }
}

/**
 * A receipt handle SQS no longer takes: the message became visible and was received again, by
 * this consumer or another, whose own receipt now settles it (its event is already made).
 */
const STALE_RECEIPT = ['ReceiptHandleIsInvalid', 'InvalidParameterValue'];

export async function openSqsChannel(connection: SqsConnection, source: BrokerSource, visibilityMs: number): Promise<BrokerChannel<SqsReceived>> {
  const client = sqsClient(connection);
  // SQS allows 1 s to 12 hours.
  const visibility = Math.min(MAX_VISIBILITY_SECONDS, Math.max(1, Math.ceil(visibilityMs / 1000)));
  let queueUrl: string;
  const deadLetterUrls = new Map<string, string>();
  const deadLetterUrl = async (name: string) => {
    if (!deadLetterUrls.has(name)) deadLetterUrls.set(name, await ensureQueue(client, name));
    return deadLetterUrls.get(name)!;
  };
  try {
    queueUrl = await ensureQueue(client, source.address);
    await deadLetterUrl(source.deadLetter);
  } catch (error) {
    client.destroy();
    throw error;
  }
  const aborts = new AbortController();

  const receiveOnce = async (waitSeconds: number) =>
    (
      await client.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: SQS_BATCH,
          WaitTimeSeconds: waitSeconds,
          VisibilityTimeout: visibility,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
        { abortSignal: aborts.signal },
      )
    ).Messages ?? [];

  return {
    async receive(max) {
      // One long poll, then what else is ready right away, up to a chunk.
      const messages = await receiveOnce(WAIT_SECONDS);
      for (let round = 1; round < RECEIVES_PER_CHUNK && messages.length >= round * SQS_BATCH && messages.length < max; round++) {
        messages.push(...(await receiveOnce(0)));
      }
      const now = Date.now();
      return messages.map((message) => receivedOf(source.address, message, now));
    },
    async settle(chunk, refused, current) {
      if (refused.length > 0) {
        const url = await deadLetterUrl(current.deadLetter);
        const fifo = current.deadLetter.endsWith('.fifo');
        await inBatches(refused, (batch, offset) =>
          client.send(
            new SendMessageBatchCommand({
              QueueUrl: url,
              Entries: batch.map(({ message, reason }, i) => ({
                Id: String(offset + i),
                MessageBody: message.body,
                MessageAttributes: deadLetterAttributes(message, reason, current.id),
                // A FIFO queue wants a group and a deduplication id: the original's id makes a second
                // dead letter of the same message (a retried settle) one.
                ...(fifo ? { MessageGroupId: current.id, MessageDeduplicationId: message.messageId } : {}),
              })),
            }),
          ),
        );
      }
      await inBatches(
        chunk,
        (batch, offset) =>
          client.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((received, i) => ({ Id: String(offset + i), ReceiptHandle: received.receiptHandle })) })),
        STALE_RECEIPT,
      );
    },
    async hold(chunk) {
      const now = Date.now();
      const due = chunk.filter((received) => now - received.visibleFrom >= (visibility * 1000) / 3);
      await inBatches(
        due,
        (batch, offset) =>
          client.send(
            new ChangeMessageVisibilityBatchCommand({
              QueueUrl: queueUrl,
              Entries: batch.map((received, i) => ({ Id: String(offset + i), ReceiptHandle: received.receiptHandle, VisibilityTimeout: visibility })),
            }),
          ),
        STALE_RECEIPT,
      );
      for (const received of due) received.visibleFrom = now;
    },
    async close() {
      aborts.abort();
      client.destroy();
    },
  };
}

/** What GET of a source shows of its queue: SQS counts messages waiting and in flight, nothing more. */
export async function sqsBacklog(connection: SqsConnection, source: Pick<BrokerSource, 'address'>) {
  const client = sqsClient(connection);
  try {
    const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: source.address }));
    const { Attributes = {} } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    const waiting = Number(Attributes.ApproximateNumberOfMessages ?? 0);
    const inFlight = Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
    return { length: waiting + inFlight, pending: inFlight, lag: waiting, lastDelivered: null };
  } finally {
    client.destroy();
  }
}
