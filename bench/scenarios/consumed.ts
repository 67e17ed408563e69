/**
 * What the broker scenarios share: runs the consumers (`switchyard consumers`, a process of its
 * own) until every message of a source is an event with its delivery started and arrived, and
 * times it by the database's clock: from the first event's commit to the last event, and to the
 * last workflow start.
 */
import type { BenchEnvironment, Receiver } from '../environment';

export interface Consumed {
  events: number;
  intoEventsPerSecond: number;
  intoStartedDeliveriesPerSecond: number;
}

/** `keyPattern`: a LIKE pattern matching the idempotency keys of the source's events (`kafka:<topic>:%`). */
export async function consumeAndTime(env: BenchEnvironment, receiver: Receiver, keyPattern: string, messages: number, broker: string): Promise<Consumed> {
  const consumer = env.command('consumers');
  try {
    const deadline = Date.now() + 900_000;
    for (;;) {
      const { rows } = await env.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM deliveries d JOIN events e ON e.id = d.event_id
          WHERE e.idempotency_key LIKE $1 AND d.workflow_started_at IS NOT NULL`,
        [keyPattern],
      );
      if (rows[0]!.n >= messages) break;
      if (Date.now() > deadline) throw new Error(`only ${rows[0]!.n} of ${messages} ${broker} deliveries started in 15 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // Delivered too, so that nothing of this scenario is left running into the next.
    while (new Set((await receiver.arrivals()).map((a) => a[1])).size < messages) {
      if (Date.now() > deadline) throw new Error(`the ${broker} deliveries did not all arrive in 15 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    consumer.kill('SIGTERM');
  }
  const { rows } = await env.db.query<{ events: number; intoEvents: number; intoStarts: number }>(
    `SELECT count(*)::int AS events,
            extract(epoch FROM max(e.created_at) - min(e.created_at))::float AS "intoEvents",
            extract(epoch FROM max(d.workflow_started_at) - min(e.created_at))::float AS "intoStarts"
       FROM events e JOIN deliveries d ON d.event_id = e.id WHERE e.idempotency_key LIKE $1`,
    [keyPattern],
  );
  const timing = rows[0]!;
  return { events: timing.events, intoEventsPerSecond: messages / timing.intoEvents, intoStartedDeliveriesPerSecond: messages / timing.intoStarts };
}
