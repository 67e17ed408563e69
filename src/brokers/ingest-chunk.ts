/**
 * A chunk of a broker's messages into events, through the same ingest path as `POST /v1/events`:
 * the one step every broker source's consumer shares between decoding its messages and
 * acknowledging them.
 */
import type { Db } from '../db/pool';
import type { DeliveryStarter } from '../deliveries/starter';
import { IngestError, ingestEvents } from '../events/ingest';
import type { EventInput } from '../events/schema';

/** Events per ingest transaction: large enough for throughput, small enough to commit often. */
export const CHUNK_SIZE = 500;

/**
 * PostgreSQL or Temporal failed, or took too long: nothing of the chunk may be acknowledged, and
 * the consumer reads it again after a pause. (Any other error means the same.)
 */
export class DependencyFailed extends Error {}

/** `work`, or a DependencyFailed once it has taken longer than `ms`. */
export function timeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DependencyFailed(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/**
 * How long a consumer (or a Kafka partition) stays paused after `failuresInARow` failed chunks
 * (PostgreSQL, Temporal or the broker down or too slow): 1 s, doubling, at most 30 s, so a short
 * blip costs a second and a long outage costs a query every 30 s.
 */
export function pauseAfter(failuresInARow: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, failuresInARow - 1));
}

/**
 * Ingests the decoded messages of a chunk for the source's project, and returns those that
 * cannot be events, with why (an unknown project, an idempotency key reused for another event):
 * [] when every one is an event with its deliveries started. Throws when a dependency fails.
 */
export async function ingestChunk<M>(
  db: Db,
  starter: DeliveryStarter,
  projectId: string,
  decoded: { message: M; input: EventInput }[],
): Promise<{ message: M; reason: string }[]> {
  if (decoded.length === 0) return [];
  const project = await db.query('SELECT 1 FROM projects WHERE id = $1', [projectId]);
  if (project.rowCount === 0) return decoded.map(({ message }) => ({ message, reason: `unknown project ${projectId}` }));

  const tryIngest = async (batch: EventInput[]) => {
    try {
      const { notStarted } = await ingestEvents(db, starter, projectId, batch);
      if (notStarted.length > 0) throw new DependencyFailed(`Temporal did not start ${notStarted.length} deliveries`);
      return undefined;
    } catch (error) {
      if (error instanceof IngestError) return `${error.kind}: ${error.message}`;
      throw error;
    }
  };
  if ((await tryIngest(decoded.map(({ input }) => input))) === undefined) return [];
  // The ingest is all or none and one message spoiled it: find which, one by one.
  const refused: { message: M; reason: string }[] = [];
  for (const { message, input } of decoded) {
    const reason = await tryIngest([input]);
    if (reason !== undefined) refused.push({ message, reason });
  }
  return refused;
}
