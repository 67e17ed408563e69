/** Events in PostgreSQL: read side. */
import type { Db } from '../db/pool';

export interface StoredEventBody {
  eventType: string;
  body: Buffer;
}

/** The payload as it is sent. Events never change, so callers may cache this forever. */
export async function eventBody(db: Db, eventId: string): Promise<StoredEventBody | undefined> {
  const { rows } = await db.query<{ event_type: string; body: Buffer }>('SELECT event_type, body FROM events WHERE id = $1', [eventId]);
  return rows[0] && { eventType: rows[0].event_type, body: rows[0].body };
}

export interface EventView {
  id: string;
  eventType: string;
  payload: unknown;
  idempotencyKey: string | null;
  createdAt: Date;
}

interface EventRow {
  id: string;
  event_type: string;
  body: Buffer;
  idempotency_key: string | null;
  created_at: Date;
}

function eventView(row: EventRow): EventView {
  return {
    id: row.id,
    eventType: row.event_type,
    payload: JSON.parse(row.body.toString('utf8')),
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at,
  };
}

export async function findEvent(db: Db, projectId: string, id: string): Promise<EventView | undefined> {
  const { rows } = await db.query<EventRow>(
    'SELECT id, event_type, body, idempotency_key, created_at FROM events WHERE project_id = $1 AND id = $2',
    [projectId, id],
  );
  return rows[0] && eventView(rows[0]);
}

export interface EventFilters {
  eventType?: string;
  since?: Date;
  until?: Date;
}

/** Newest first; `after` is the last id of the previous page. */
export async function listEvents(db: Db, projectId: string, filters: EventFilters, limit: number, after?: string): Promise<EventView[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT id, event_type, body, idempotency_key, created_at FROM events
      WHERE project_id = $1 AND ($2::text IS NULL OR event_type = $2)
        AND ($3::timestamptz IS NULL OR created_at >= $3) AND ($4::timestamptz IS NULL OR created_at < $4)
        AND ($5::text IS NULL OR id < $5)
      ORDER BY id DESC LIMIT $6`,
    [projectId, filters.eventType ?? null, filters.since ?? null, filters.until ?? null, after ?? null, limit],
  );
  return rows.map(eventView);
}
