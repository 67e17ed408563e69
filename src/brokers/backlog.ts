/**
 * How far behind a broker source is, from its broker: the API asks this for GET
 * /v1/broker-sources/:id.
 */
import { connectRedis, fieldsOf } from './redis/channel';
import type { BrokerConnections } from './supervisor';
import type { BrokerSource } from './sources-repository';

/** A Redis stream's backlog for the source's group. */
export interface RedisBacklog {
  /** Entries in the stream. */
  length: number;
  /** Read by a consumer and not yet acknowledged. */
  pending: number;
  /** Not yet read by the group; null when Redis cannot tell (after entries were deleted). */
  lag: number | null;
  /** null until the group exists (its consumer has not started yet). */
  lastDeliveredId: string | null;
}

export interface BrokerBacklogs {
  /** Throws when the broker does not answer. */
  backlog(source: BrokerSource): Promise<RedisBacklog>;
}

/** From XLEN and XINFO GROUPS (RESP2: each group a flat list of names and values). */
export function redisBacklogOf(length: number, groups: readonly unknown[][], group: string): RedisBacklog {
  const info = groups.map((flat) => fieldsOf(flat.map((value) => (value === null ? '' : String(value))))).find((fields) => fields.name === group);
  if (!info) return { length, pending: 0, lag: length, lastDeliveredId: null };
  const lag = info.lag === undefined || info.lag === '' ? null : Number(info.lag);
  return { length, pending: Number(info.pending), lag: Number.isFinite(lag) ? lag : null, lastDeliveredId: info['last-delivered-id'] ?? null };
}

/**
 * A connection per question: GET of a source is rare, and a fresh connection cannot be one left
 * broken by a Redis restart.
 */
export function createBrokerBacklogs(connections: BrokerConnections): BrokerBacklogs {
  return {
    async backlog(source) {
      const client = await connectRedis(connections.redisUrl, 'switchyard-api', { failFast: true });
      try {
        const [length, groups] = await Promise.all([
          client.sendCommand(['XLEN', source.address]) as Promise<number>,
          (client.sendCommand(['XINFO', 'GROUPS', source.address]) as Promise<unknown[][]>).catch((error: Error) => {
            // No such key: the stream does not exist yet.
            if (/no such key/i.test(error.message)) return [];
            throw error;
          }),
        ]);
        return redisBacklogOf(Number(length), groups, source.group);
      } finally {
        client.destroy();
      }
    },
  };
}
