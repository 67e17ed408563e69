/** Events in PostgreSQL: read side. */
import { customerByRef } from '../customers/ref';
import type { Db } from '../db/pool';

/** The payload as it is sent. Events never change, so callers may cache it forever. */
export interface StoredEventBody {
  eventType: string;
  body: Buffer;
  /** The body's media type; application/json unless an inbound webhook came as something else. */
  contentType: string;
  /** Headers an inbound webhook carries on to every delivery (e.g. X-GitHub-Event). */
  forwardHeaders: Record<string, string>;
}

/** The columns of `events` a StoredEventBody is made from, for queries that join them in. */
export interface EventBodyRow {
  event_type: string;
  body: Buffer;
  content_type: string | null;
  forward_headers: Record<string, string> | null;
}

export function storedEventBody(row: EventBodyRow): StoredEventBody {
  return { eventType: row.event_type, body: row.body, contentType: row.content_type ?? 'application/json', forwardHeaders: row.forward_headers ?? {} };
}

export interface EventView {
  id: string;
  eventType: string;
  /** The customer whose endpoints it went to; null: the provider's own. */
  customerId: string | null;
  /** JSON as JSON; an inbound body in another format (a form post) as its text. */
  payload: unknown;
  idempotencyKey: string | null;
  createdAt: Date;
  /** Inbound webhooks only: where and how it came in. */
  inbound?: {
    sourceId: string | null;
    providerEventId: string | null;
    verification: unknown;
    headers: Record<string, string>;
    contentType: string;
  };
}

interface EventRow {
  id: string;
  event_type: string;
  customer_id: string | null;
  body: Buffer;
  idempotency_key: string | null;
  created_at: Date;
  source_id: string | null;
  provider_event_id: string | null;
  verification: unknown;
  original_headers: Record<string, string> | null;
  content_type: string | null;
}

const eventColumns = 'id, event_type, customer_id, body, idempotency_key, created_at, source_id, provider_event_id, verification, original_headers, content_type';

function payloadOf(row: EventRow): unknown {
  const text = row.body.toString('utf8');
  if (row.content_type !== null) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function eventView(row: EventRow): EventView {
  return {
    id: row.id,
    eventType: row.event_type,
    customerId: row.customer_id,
    payload: payloadOf(row),
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at,
    ...(row.verification !== null && {
      inbound: {
        sourceId: row.source_id,
        providerEventId: row.provider_event_id,
        verification: row.verification,
        headers: row.original_headers ?? {},
        contentType: row.content_type ?? 'application/json',
      },
    }),
  };
}

export async function findEvent(db: Db, projectId: string, id: string): Promise<EventView | undefined> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${eventColumns} FROM events WHERE project_id = $1 AND id = $2`,
    [projectId, id],
  );
  return rows[0] && eventView(rows[0]);
}

export interface EventFilters {
  eventType?: string;
  since?: Date;
  until?: Date;
  /** A customer's events, by its id or uid. */
  customerId?: string;
}

/** Newest first; `after` is the last id of the previous page. */
export async function listEvents(db: Db, projectId: string, filters: EventFilters, limit: number, after?: string): Promise<EventView[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${eventColumns} FROM events
      WHERE project_id = $1 AND ($2::text IS NULL OR event_type = $2)
        AND ($3::timestamptz IS NULL OR created_at >= $3) AND ($4::timestamptz IS NULL OR created_at < $4)
        AND ($5::text IS NULL OR id < $5)
        AND ($7::text IS NULL OR customer_id IN (${customerByRef(1, 7)}))
      ORDER BY id DESC LIMIT $6`,
    [projectId, filters.eventType ?? null, filters.since ?? null, filters.until ?? null, after ?? null, limit, filters.customerId ?? null],
  );
  return rows.map(eventView);
}
