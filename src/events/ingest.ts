/**
 * The ingest path, shared by every way events come in: validate, deduplicate by idempotency key,
 * fan out to the matching endpoints, commit events and deliveries in one transaction, then start
 * the delivery workflows. A crash after the commit leaves deliveries without a started workflow;
 * the reconciler starts those, so a committed event is always delivered.
 */
import crypto from 'node:crypto';
import type { PoolClient } from 'pg';
import { withTransaction, type Db } from '../db/pool';
import { deliveryWorkflowId, type DeliveryStarter, type DeliveryToStart } from '../deliveries/starter';
import { disabledReason, subscribableEndpoints, type EndpointWithSecrets } from '../endpoints/repository';
import { nextId } from '../ids';
import { canonicalJson } from '../json';
import { matchesAnyEventType } from '../routing/event-types';
import { matchesFilter } from '../routing/payload-filter';
import type { EventInput } from './schema';

export interface AcceptedEvent {
  id: string;
  eventType: string;
  deliveries: { id: string; endpointId: string }[];
}

export class IngestError extends Error {
  constructor(
    readonly kind: 'idempotency_conflict' | 'endpoint_not_found',
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'IngestError';
  }
}

function requestDigest(input: EventInput): Buffer {
  const { idempotencyKey: _key, ...rest } = input;
  return crypto.createHash('sha256').update(canonicalJson(rest)).digest();
}

/**
 * Which endpoints get an event. Named endpoints get it whatever they subscribe to (the producer
 * chose them); otherwise an endpoint gets it when one of its event-type patterns matches and its
 * payload filter, if any, passes.
 */
export function selectEndpoints(endpoints: EndpointWithSecrets[], input: EventInput): EndpointWithSecrets[] {
  if (input.endpointIds) return endpoints.filter((endpoint) => input.endpointIds!.includes(endpoint.id));
  return endpoints.filter(
    (endpoint) => matchesAnyEventType(endpoint.eventTypes, input.eventType) && (!endpoint.filter || matchesFilter(endpoint.filter, input.payload)),
  );
}

async function existingEvent(client: PoolClient, projectId: string, key: string): Promise<{ event: AcceptedEvent; digest: Buffer | null }> {
  const { rows } = await client.query<{ id: string; event_type: string; request_digest: Buffer | null }>(
    'SELECT id, event_type, request_digest FROM events WHERE project_id = $1 AND idempotency_key = $2',
    [projectId, key],
  );
  const row = rows[0]!;
  const deliveries = await client.query<{ id: string; endpoint_id: string }>(
    'SELECT id, endpoint_id FROM deliveries WHERE event_id = $1 ORDER BY id',
    [row.id],
  );
  return {
    event: { id: row.id, eventType: row.event_type, deliveries: deliveries.rows.map((d) => ({ id: d.id, endpointId: d.endpoint_id })) },
    digest: row.request_digest,
  };
}

/**
 * Accepts events for a project, all or none. Returns each event as the caller should see it: a
 * repeated idempotency key gets the first answer back and creates nothing.
 */
export async function ingestEvents(db: Db, starter: DeliveryStarter, projectId: string, inputs: EventInput[]): Promise<AcceptedEvent[]> {
  const named = [...new Set(inputs.flatMap((input) => input.endpointIds ?? []))];
  const { accepted, toStart } = await withTransaction(db, async (client) => {
    const endpoints = await subscribableEndpoints(client, projectId);
    const known = new Set(endpoints.map((endpoint) => endpoint.id));
    const unknown = named.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new IngestError('endpoint_not_found', 'Some endpointIds are not endpoints of this project.', { endpointIds: unknown });
    }

    const accepted: AcceptedEvent[] = [];
    const toStart: DeliveryToStart[] = [];
    const eventRows: unknown[][] = [];
    const deliveryRows: unknown[][] = [];
    for (const [index, input] of inputs.entries()) {
      const digest = requestDigest(input);
      const id = nextId('evt');
      const body = Buffer.from(JSON.stringify(input.payload));
      if (input.idempotencyKey) {
        const inserted = await client.query(
          `INSERT INTO events (id, project_id, event_type, body, idempotency_key, request_digest) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (project_id, idempotency_key) DO NOTHING`,
          [id, projectId, input.eventType, body, input.idempotencyKey, digest],
        );
        if (inserted.rowCount === 0) {
          const existing = await existingEvent(client, projectId, input.idempotencyKey);
          if (!existing.digest?.equals(digest)) {
            throw new IngestError('idempotency_conflict', 'This idempotencyKey was already used for a different event.', {
              index,
              idempotencyKey: input.idempotencyKey,
              eventId: existing.event.id,
            });
          }
          accepted.push(existing.event);
          continue;
        }
      } else {
        eventRows.push([id, projectId, input.eventType, body]);
      }
      const planned = planDeliveries(projectId, id, input.eventType, selectEndpoints(endpoints, input));
      deliveryRows.push(...planned.rows);
      toStart.push(...planned.toStart);
      accepted.push({ id, eventType: input.eventType, deliveries: planned.deliveries });
    }

    // Events without a key, and then every new delivery, in one statement each.
    if (eventRows.length > 0) {
      await client.query(
        `INSERT INTO events (id, project_id, event_type, body)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[])`,
        columnsOf(eventRows, 4),
      );
    }
    await insertDeliveries(client, deliveryRows);
    return { accepted, toStart };
  });
  // Committed: from here the reconciler guarantees the starts even if this process dies.
  await starter.start(toStart);
  return accepted;
}

/**
 * The deliveries of one event to the endpoints chosen for it: their rows, and the workflows to
 * start after the commit. A disabled endpoint's delivery is on record, cancelled, never started.
 */
export function planDeliveries(projectId: string, eventId: string, eventType: string, endpoints: EndpointWithSecrets[]) {
  const rows: unknown[][] = [];
  const toStart: DeliveryToStart[] = [];
  const deliveries = endpoints.map((endpoint) => {
    const deliveryId = nextId('dlv');
    const workflowId = deliveryWorkflowId(eventId, endpoint.id);
    const disabled = endpoint.status === 'disabled';
    const reason = disabled ? disabledReason(endpoint.statusReason) : null;
    rows.push([deliveryId, projectId, eventId, endpoint.id, workflowId, disabled ? 'cancelled' : 'pending', reason]);
    if (!disabled) toStart.push({ deliveryId, eventId, endpointId: endpoint.id, projectId, workflowId, eventType, endpointUrl: endpoint.url });
    return { id: deliveryId, endpointId: endpoint.id };
  });
  return { rows, toStart, deliveries };
}

/** planDeliveries' rows, in one statement. */
export async function insertDeliveries(client: PoolClient, rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO deliveries (id, project_id, event_id, endpoint_id, workflow_id, status, status_reason)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    columnsOf(rows, 7),
  );
}

/** Rows to columns, for a multi-row insert through unnest(). */
function columnsOf(rows: unknown[][], width: number): unknown[][] {
  return Array.from({ length: width }, (_, column) => rows.map((row) => row[column]));
}
