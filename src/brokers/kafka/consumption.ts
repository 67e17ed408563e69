/**
 * The arithmetic of consuming a partition, pure: how a fetched batch is cut into ingest chunks,
 * which offset a finished chunk commits, and how far a group lags behind its topic.
 */
import { CHUNK_SIZE } from '../ingest-chunk';

export function chunksOf<T>(items: readonly T[], size = CHUNK_SIZE): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Kafka commits the offset of the next message to read, not of the last one read. */
export function offsetAfter(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

/** Messages of a partition still to read once `offset` is done, given its high watermark (both as kafkajs gives them). */
export function behindAfter(highWatermark: string, offset: string): number {
  const behind = BigInt(highWatermark) - BigInt(offsetAfter(offset));
  return behind > 0n ? Number(behind) : 0;
}

export interface PartitionLag {
  partition: number;
  /** The next offset the group will read; null until it commits one. */
  committedOffset: string | null;
  /** The offset the next produced message will get. */
  highWatermark: string;
  /** Messages between the two: produced, not yet committed by the group. */
  lag: string;
}

/**
 * Lag per partition from the group's committed offsets and the topic's watermarks (both as the
 * admin API gives them: strings, "-1" for nothing committed). A group that has committed nothing
 * lags by everything still retained (high minus low).
 */
export function lagOf(
  committed: readonly { partition: number; offset: string }[],
  watermarks: readonly { partition: number; high: string; low: string }[],
): PartitionLag[] {
  return [...watermarks]
    .sort((a, b) => a.partition - b.partition)
    .map(({ partition, high, low }) => {
      const offset = committed.find((c) => c.partition === partition)?.offset;
      const from = offset === undefined || BigInt(offset) < 0n ? null : offset;
      const start = from === null ? BigInt(low) : BigInt(from);
      const lag = BigInt(high) > start ? BigInt(high) - start : 0n;
      return { partition, committedOffset: from, highWatermark: high, lag: lag.toString() };
    });
}
