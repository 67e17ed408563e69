/** The event-type catalogue in PostgreSQL; an event type is found by its name or its id. */
import { DatabaseError } from 'pg';
import { withTransaction, type Db, type Queryable } from '../db/pool';
import { nextId } from '../ids';
import type { CreateEventType, UpdateEventType } from './schema';

export interface EventType {
  id: string;
  name: string;
  description: string;
  schema: Record<string, unknown> | null;
  example: unknown;
  deprecated: boolean;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
}

interface Row {
  id: string;
  name: string;
  description: string;
  schema: Record<string, unknown> | null;
  example: unknown;
  deprecated: boolean;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const columns = 'id, name, description, schema, example, deprecated, archived_at, created_at, updated_at';

function fromRow(row: Row): EventType {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    schema: row.schema,
    example: row.example,
    deprecated: row.deprecated,
    archived: row.archived_at !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The project already has an event type of this name (archived ones keep theirs). */
export class EventTypeExists extends Error {
  constructor(readonly eventType: string) {
    super(`This project already has an event type ${eventType}.`);
    this.name = 'EventTypeExists';
  }
}

/** A JSON value as a jsonb parameter (JSON text, so that a string example is stored as a JSON string); null for none. */
const asJson = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

export async function createEventType(db: Db, projectId: string, input: CreateEventType): Promise<EventType> {
  const { rows } = await db
    .query<Row>(
      `INSERT INTO event_types (id, project_id, name, description, schema, example, deprecated)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7) RETURNING ${columns}`,
      [nextId('et'), projectId, input.name, input.description ?? '', asJson(input.schema), asJson(input.example), input.deprecated ?? false],
    )
    .catch((error) => Promise.reject(error instanceof DatabaseError && error.code === '23505' ? new EventTypeExists(input.name) : error));
  return fromRow(rows[0]!);
}

const byRef = 'project_id = $1 AND (id = $2 OR name = $2)';

export async function findEventType(db: Db, projectId: string, ref: string): Promise<EventType | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${columns} FROM event_types WHERE ${byRef}`, [projectId, ref]);
  return rows[0] && fromRow(rows[0]);
}

/** Newest first; archived ones only when asked. */
export async function listEventTypes(db: Db, projectId: string, limit: number, after: string | undefined, includeArchived: boolean): Promise<EventType[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${columns} FROM event_types
      WHERE project_id = $1 AND ($2::text IS NULL OR id < $2) AND ($4 OR archived_at IS NULL)
      ORDER BY id DESC LIMIT $3`,
    [projectId, after ?? null, limit, includeArchived],
  );
  return rows.map(fromRow);
}

/**
 * Applies a change; a new schema or example is checked against the other's stored value by the
 * caller first (`check`), under the row's lock, so two changes cannot leave an example its
 * schema refuses.
 */
export async function updateEventType(
  db: Db,
  projectId: string,
  ref: string,
  input: UpdateEventType & { archived?: boolean },
  check: (current: EventType) => void = () => undefined,
): Promise<EventType | undefined> {
  return withTransaction(db, async (client) => {
    const { rows } = await client.query<Row>(`SELECT ${columns} FROM event_types WHERE ${byRef} FOR UPDATE`, [projectId, ref]);
    if (!rows[0]) return undefined;
    check(fromRow(rows[0]));
    const updated = await client.query<Row>(
      `UPDATE event_types SET
         description = coalesce($3, description),
         schema = CASE WHEN $4 THEN $5::jsonb ELSE schema END,
         example = CASE WHEN $6 THEN $7::jsonb ELSE example END,
         deprecated = coalesce($8, deprecated),
         archived_at = CASE WHEN $9::boolean IS NULL THEN archived_at WHEN $9 THEN coalesce(archived_at, now()) ELSE NULL END,
         updated_at = now()
       WHERE id = $2 AND project_id = $1 RETURNING ${columns}`,
      [
        projectId,
        rows[0].id,
        input.description ?? null,
        input.schema !== undefined,
        asJson(input.schema),
        input.example !== undefined,
        asJson(input.example),
        input.deprecated ?? null,
        input.archived ?? null,
      ],
    );
    return fromRow(updated.rows[0]!);
  });
}

/** The schemas of these (not archived) event types that have one, with a key that changes with each. */
export async function payloadSchemasOf(db: Queryable, projectId: string, names: string[]): Promise<Map<string, { key: string; schema: Record<string, unknown> }>> {
  const { rows } = await db.query<{ id: string; name: string; updated_at: Date; schema: Record<string, unknown> }>(
    `SELECT id, name, updated_at, schema FROM event_types
      WHERE project_id = $1 AND name = ANY($2) AND archived_at IS NULL AND schema IS NOT NULL`,
    [projectId, names],
  );
  return new Map(rows.map((row) => [row.name, { key: `${row.id}@${row.updated_at.toISOString()}`, schema: row.schema }]));
}
