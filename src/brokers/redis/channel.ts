/**
 * A broker source's channel to a Redis stream, read by a consumer group.
 *
 * Entries are read with XREADGROUP; a chunk is acknowledged (XACK) only after its events are
 * committed and their deliveries started, in one MULTI with the dead-letter entries (XADD), so a
 * refused message is never acknowledged without its dead letter. Unacknowledged entries stay in
 * the group's pending list: this consumer reads its own first when it starts, claims again (and so
 * keeps fresh) a chunk it holds through a failure, and takes over (XAUTOCLAIM) the entries another
 * consumer has left idle for longer than `claimIdleMs`, as when its process was killed. An entry
 * the group has handed out more than MAX_DELIVERIES times (its consumers died holding it each
 * time) is dead-lettered instead of being tried again.
 *
 * A message is an entry: its `body` field holds the JSON, every other field is an attribute.
 */
import { createClient } from 'redis';
import { errorMessage, log } from '../../log';
import { timeout } from '../ingest-chunk';
import { refusalAfter, type BrokerChannel, type Received } from '../source-consumer';
import type { BrokerSource } from '../sources-repository';

/** The entry field that holds a message's body. */
export const BODY_FIELD = 'body';
/** How long a blocking read waits for new entries before the consumer loop looks around again. */
const BLOCK_MS = 2_000;


/** An entry as RESP2 gives it: its id and its fields and values, flat; null once the entry is deleted. */
type RawEntry = [id: string, fields: string[] | null];

export interface RedisReceived extends Received {
  id: string;
  fields: Record<string, string>;
}

/**
 * A consumer's client reconnects by itself (with backoff) and reports its failures to the log, not
 * as crashes; commands wait for the reconnection. With `failFast` (an API request waits on it) a
 * command fails at once while Redis is away. Either way the first connection gives up after 5 s.
 */
export async function connectRedis(url: string, name: string, options: { failFast?: boolean } = {}) {
  const client = createClient({
    url,
    name,
    // RESP2: replies as flat lists, the shapes the parsing below reads.
    RESP: 2,
    disableOfflineQueue: options.failFast ?? false,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: options.failFast ? false : (retries: number) => Math.min(200 * 2 ** retries, 5_000),
    },
  });
  let warned = false;
  client.on('error', (error: unknown) => {
    // Every reconnect attempt fails while Redis is down: say it once, then again once it was back.
    if (!warned) log.warn('Redis connection failed; reconnecting', { error: errorMessage(error) });
    warned = true;
  });
  client.on('ready', () => (warned = false));
  try {
    await timeout(client.connect(), 5_000, `connecting to Redis at ${new URL(url).host}`);
  } catch (error) {
    client.destroy();
    throw error;
  }
  return client;
}

export function fieldsOf(flat: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return fields;
}

/**
 * An entry as a broker message: its body field, its other fields as attributes, its place in the
 * stream as identity. `deliveries`, when known (an entry read again from a pending list), refuses
 * one handed out too often.
 */
export function receivedOf(stream: string, [id, flat]: RawEntry, deliveries = 1): RedisReceived {
  const fields = fieldsOf(flat ?? []);
  const body = fields[BODY_FIELD];
  const refusal = refusalAfter(deliveries);
  return {
    id,
    fields,
    message: {
      body: body === undefined ? null : Buffer.from(body, 'utf8'),
      attribute: (name) => (name === BODY_FIELD ? undefined : fields[name]),
      identity: `redis:${stream}:${id}`,
    },
    ...(refusal === undefined ? {} : { refusal }),
    origin: { 'switchyard-original-stream': stream, 'switchyard-original-id': id },
  };
}

/** The fields a dead-lettered entry carries: the original's, then why and where it came from. */
export function deadLetterFields(received: RedisReceived, reason: string, sourceId: string): Record<string, string> {
  return { ...received.fields, 'switchyard-dlq-reason': reason.slice(0, 1000), 'switchyard-source-id': sourceId, ...received.origin };
}

function entriesOfRead(reply: unknown): RawEntry[] {
  // [[stream, [[id, fields], ...]]], or null when nothing came within the block.
  if (!Array.isArray(reply) || reply.length === 0) return [];
  return ((reply[0] as [string, RawEntry[]])[1] ?? []) as RawEntry[];
}

export async function openRedisChannel(url: string, source: BrokerSource, consumer: string, claimIdleMs: number): Promise<BrokerChannel<RedisReceived>> {
  const stream = source.address;
  const group = source.group;
  const client = await connectRedis(url, `switchyard-${source.id}`);
  try {
    // From the stream's start: a source reads what was published before it was created, as Kafka sources do.
    await client.sendCommand(['XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM']);
  } catch (error) {
    if (!errorMessage(error).startsWith('BUSYGROUP')) {
      await client.quit().catch(() => undefined);
      throw error;
    }
  }

  // Own pending entries first: after a start under a name used before.
  let ownPendingFirst = true;
  let lastClaim = 0;
  /** Entries read again from the pending list, with how often the group has handed each out (XPENDING counts it). */
  const again = async (entries: RawEntry[]) => {
    const counts = await Promise.all(
      entries.map(async ([id]) => {
        const [detail] = (await client.sendCommand(['XPENDING', stream, group, id, id, '1'])) as [string, string, number, number][];
        return detail ? Number(detail[3]) : 1;
      }),
    );
    return entries.map((entry, i) => receivedOf(stream, entry, counts[i]));
  };
  const read = async (id: string, max: number, block?: number) =>
    entriesOfRead(
      await client.sendCommand(['XREADGROUP', 'GROUP', group, consumer, 'COUNT', String(max), ...(block === undefined ? [] : ['BLOCK', String(block)]), 'STREAMS', stream, id]),
    );

  return {
    async receive(max) {
      if (ownPendingFirst) {
        const pending = await read('0', max);
        if (pending.length > 0) return again(pending);
        ownPendingFirst = false;
      }
      if (Date.now() - lastClaim >= claimIdleMs / 2) {
        lastClaim = Date.now();
        const reply = (await client.sendCommand(['XAUTOCLAIM', stream, group, consumer, String(claimIdleMs), '0-0', 'COUNT', String(max)])) as [string, RawEntry[], string[]?];
        const claimed = (reply[1] ?? []).filter(([, fields]) => fields !== null);
        if (claimed.length > 0) {
          log.info('Redis entries taken over from an idle consumer', { source: source.id, stream, count: claimed.length });
          // More may be left: look again at the next receive.
          lastClaim = 0;
          return again(claimed);
        }
      }
      return (await read('>', max, BLOCK_MS)).map((entry) => receivedOf(stream, entry));
    },
    async settle(chunk, refused, current) {
      if (chunk.length === 0) return;
      const multi = client.multi();
      for (const { message, reason } of refused) {
        multi.addCommand(['XADD', current.deadLetter, '*', ...Object.entries(deadLetterFields(message, reason, current.id)).flat()]);
      }
      multi.addCommand(['XACK', stream, group, ...chunk.map((received) => received.id)]);
      await multi.exec();
    },
    async hold(chunk) {
      // Claimed by itself, an entry's idle time starts again: no other consumer takes it over.
      if (chunk.length > 0) await client.sendCommand(['XCLAIM', stream, group, consumer, '0', ...chunk.map((received) => received.id), 'JUSTID']);
    },
    async close() {
      if (client.isOpen) client.destroy();
    },
  };
}
