/**
 * The ingest path, shared by every way events come in: validate, deduplicate by idempotency key,
 * fan out to the matching endpoints, commit events and deliveries in one transaction, then start
 * the delivery workflows, or leave them queued when the start window is full
 * (deliveries/start-window.ts). A crash after the commit leaves deliveries without a started
 * workflow; the reconciler starts those and the queued ones, so a committed event is always
 * delivered.
 */
import crypto from 'node:crypto';
import type { PoolClient } from 'pg';
import { withTransaction, type Db, type Queryable } from '../db/pool';
import type { DeliveryStarter, DeliveryToStart } from '../deliveries/starter';
import { deliveryWorkflowId } from '../deliveries/workflow-contract';
import { unstartedDeliveriesOf } from '../deliveries/repository';
import { mustQueue, QueueFull, windowStateQuery, type WindowState } from '../deliveries/start-window';
import { candidateEndpointsAlongside, disabledReason, type Candidates, type Subscriber } from '../endpoints/repository';
import { nextId } from '../ids';
import { canonicalJson } from '../json';
import { eventTypeKeys, matchesAnyEventType } from '../routing/event-types';
import { matchesFilter } from '../routing/payload-filter';
import type { EventInput } from './schema';

export interface AcceptedEvent {
  id: string;
  eventType: string;
  deliveries: { id: string; endpointId: string }[];
}

export class IngestError extends Error {
  constructor(
    readonly kind: 'idempotency_conflict' | 'endpoint_not_found' | 'customer_not_found',
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

/** What to look up for these events' fan-out (see candidateEndpointsAlongside). */
export function candidatesFor(inputs: EventInput[]): Candidates {
  const unique = (values: string[]) => [...new Set(values)];
  return {
    eventTypeKeys: unique(inputs.flatMap((input) => (input.endpointIds || input.customerId !== undefined ? [] : eventTypeKeys(input.eventType)))),
    named: unique(inputs.flatMap((input) => input.endpointIds ?? [])),
    customers: unique(inputs.flatMap((input) => (input.customerId === undefined ? [] : [input.customerId]))),
  };
}

/**
 * Which endpoints get an event: only its customer's (`customerId`, resolved), or the provider's
 * own when it has none. Of those, named endpoints get it whatever they subscribe to (the
 * producer chose them); otherwise an endpoint gets it when one of its event-type patterns matches
 * and its payload filter, if any, passes.
 */
export function selectEndpoints(endpoints: Subscriber[], input: EventInput, customerId: string | null = null): Subscriber[] {
  const eligible = endpoints.filter((endpoint) => endpoint.customerId === customerId);
  if (input.endpointIds) return eligible.filter((endpoint) => input.endpointIds!.includes(endpoint.id));
  return eligible.filter(
    (endpoint) => matchesAnyEventType(endpoint.eventTypes, input.eventType) && (!endpoint.filter || matchesFilter(endpoint.filter, input.payload)),
  );
}

/** Each event's customer as its Switchyard id (null: none), from the customers a lookup found; throws for one not found. */
export function resolveCustomers(inputs: EventInput[], found: { id: string; uid: string | null }[]): (string | null)[] {
  const byRef = new Map(found.flatMap((customer) => [[customer.id, customer.id] as const, ...(customer.uid === null ? [] : [[customer.uid, customer.id] as const])]));
  const unknown = [...new Set(inputs.flatMap((input) => (input.customerId === undefined || byRef.has(input.customerId) ? [] : [input.customerId])))];
  if (unknown.length > 0) throw new IngestError('customer_not_found', 'Some customerIds are not customers of this project.', { customerIds: unknown });
  return inputs.map((input) => (input.customerId === undefined ? null : byRef.get(input.customerId)!));
}

interface Earlier {
  event: AcceptedEvent;
  digest: Buffer | null;
}

/** Events of this project already holding these idempotency keys, with their deliveries. */
async function earlierEvents(client: Queryable, projectId: string, keys: string[]): Promise<Map<string, Earlier>> {
  const { rows } = await client.query<{ id: string; event_type: string; idempotency_key: string; request_digest: Buffer | null }>(
    'SELECT id, event_type, idempotency_key, request_digest FROM events WHERE project_id = $1 AND idempotency_key = ANY($2)',
    [projectId, keys],
  );
  const deliveries = await client.query<{ id: string; event_id: string; endpoint_id: string }>(
    'SELECT id, event_id, endpoint_id FROM deliveries WHERE event_id = ANY($1) ORDER BY id',
    [rows.map((row) => row.id)],
  );
  const byEvent = new Map<string, { id: string; endpointId: string }[]>();
  for (const d of deliveries.rows) byEvent.set(d.event_id, [...(byEvent.get(d.event_id) ?? []), { id: d.id, endpointId: d.endpoint_id }]);
  return new Map(
    rows.map((row) => [
      row.idempotency_key,
      { event: { id: row.id, eventType: row.event_type, deliveries: byEvent.get(row.id) ?? [] }, digest: row.request_digest },
    ]),
  );
}

export interface IngestResult {
  /** Each event as the caller should see it, in input order. */
  events: AcceptedEvent[];
  /** Deliveries whose workflow could not be started (Temporal unreachable); the reconciler will. */
  notStarted: string[];
}

/** Committed, and the starts under way: `starting` settles with the deliveries not started. */
export interface Accepted {
  events: AcceptedEvent[];
  starting: Promise<string[]>;
}

/** ingestEvents, waiting for the starts (Kafka commits an offset only once they are done). */
export async function ingestEvents(db: Db, starter: DeliveryStarter, projectId: string, inputs: EventInput[]): Promise<IngestResult> {
  const { events, starting } = await acceptEvents(db, starter, projectId, inputs);
  return { events, notStarted: await starting };
}

/**
 * Accepts events for a project, all or none, and sets their starts going; none at all (QueueFull)
 * while the start queue is full. A repeated idempotency key (from an earlier call or earlier in
 * this one) gets the first answer back and creates nothing; any of that event's deliveries whose
 * start was lost is started now, so a retry after a failure finishes the job.
 *
 * Round trips are what an event costs here, so there are few: one read (the endpoints and the
 * start window together) and one statement that writes the events and their deliveries. Only a
 * call with idempotency keys needs a transaction around them, since a key used for another
 * event must undo the whole call; without keys that one statement is all or none by itself.
 */
export async function acceptEvents(db: Db, starter: DeliveryStarter, projectId: string, inputs: EventInput[]): Promise<Accepted> {
  if (await starter.queueFull(projectId)) throw new QueueFull();
  const keyed = inputs.some((input) => input.idempotencyKey !== undefined);
  const { events, toStart } = keyed
    ? await withTransaction(db, (client) => record(client, starter.window, projectId, inputs))
    : await record(db, starter.window, projectId, inputs);
  // Committed: from here the reconciler guarantees the starts even if this process dies.
  return { events, starting: starter.start(toStart) };
}

/** acceptEvents' writes, on a transaction's client when `inputs` carry idempotency keys. */
async function record(db: Queryable, window: number, projectId: string, inputs: EventInput[]): Promise<{ events: AcceptedEvent[]; toStart: DeliveryToStart[] }> {
  const { endpoints, customers, alongside: windowNow } = await candidateEndpointsAlongside<WindowState>(db, projectId, candidatesFor(inputs), windowStateQuery);
  const customerIds = resolveCustomers(inputs, customers);
  // A named endpoint must be one of the event's customer's (or the provider's own, for none).
  const owners = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint.customerId]));
  const unknown = [...new Set(inputs.flatMap((input, i) => (input.endpointIds ?? []).filter((id) => owners.get(id) !== customerIds[i])))];
  if (unknown.length > 0) {
    throw new IngestError('endpoint_not_found', "Some endpointIds are not endpoints of this project (or of the event's customer).", { endpointIds: unknown });
  }

  // Every event's deliveries are planned before the write; those of a key already taken are
  // not written (that event is not new) and its earlier answer is looked up below.
  const candidates = inputs.map((input, i) => {
    const id = nextId('evt');
    const plan = planDeliveries(projectId, id, input.eventType, selectEndpoints(endpoints, input, customerIds[i]));
    return { input, id, customerId: customerIds[i] ?? null, digest: input.idempotencyKey ? requestDigest(input) : null, plan };
  });
  const planned = candidates.flatMap((c) => c.plan.toStart);
  // A full start window queues this call's deliveries for the reconciler instead.
  const queued = mustQueue(windowNow, planned.length, window);
  const inserted = await db.query<{ id: string }>(
    `WITH new_events AS (
       INSERT INTO events (id, project_id, event_type, body, idempotency_key, request_digest, customer_id)
       SELECT id, $1, event_type, body, key, digest, customer_id
         FROM unnest($2::text[], $3::text[], $4::bytea[], $5::text[], $6::bytea[], $15::text[]) AS u (id, event_type, body, key, digest, customer_id)
       ON CONFLICT (project_id, idempotency_key) DO NOTHING RETURNING id
     ), new_deliveries AS (
       INSERT INTO deliveries (id, project_id, event_id, endpoint_id, workflow_id, status, status_reason, start_queued)
       SELECT d.*, $14::boolean FROM unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
         AS d (id, project_id, event_id, endpoint_id, workflow_id, status, status_reason)
       WHERE d.event_id IN (SELECT id FROM new_events)
     )
     SELECT id FROM new_events`,
    [
      projectId,
      candidates.map((c) => c.id),
      candidates.map((c) => c.input.eventType),
      candidates.map((c) => Buffer.from(JSON.stringify(c.input.payload))),
      candidates.map((c) => c.input.idempotencyKey ?? null),
      candidates.map((c) => c.digest),
      ...columnsOf(candidates.flatMap((c) => c.plan.rows), 7),
      queued,
      candidates.map((c) => c.customerId),
    ],
  );
  const isNew = new Set(inserted.rows.map((row) => row.id));
  const events: AcceptedEvent[] = [];
  const toStart: DeliveryToStart[] = [];
  candidates.forEach(({ input, id, plan }, index) => {
    if (!isNew.has(id)) return;
    events[index] = { id, eventType: input.eventType, deliveries: plan.deliveries };
    if (!queued) toStart.push(...plan.toStart);
  });

  const repeats = candidates.flatMap((c, index) => (isNew.has(c.id) ? [] : [{ ...c, index, key: c.input.idempotencyKey! }]));
  if (repeats.length > 0) {
    const earlier = await earlierEvents(db, projectId, [...new Set(repeats.map((r) => r.key))]);
    for (const repeat of repeats) {
      const first = earlier.get(repeat.key)!;
      if (!first.digest?.equals(repeat.digest!)) {
        throw new IngestError('idempotency_conflict', 'This idempotencyKey was already used for a different event.', {
          index: repeat.index,
          idempotencyKey: repeat.key,
          eventId: first.event.id,
        });
      }
      events[repeat.index] = first.event;
    }
    // An earlier call's deliveries whose start was lost (not this call's own: those start anyway).
    const earlierIds = new Set(repeats.map((r) => earlier.get(r.key)!.event.id).filter((id) => !isNew.has(id)));
    if (earlierIds.size > 0) toStart.push(...(await unstartedDeliveriesOf(db, [...earlierIds])));
  }
  return { events, toStart };
}

/**
 * The deliveries of one event to the endpoints chosen for it: their rows, and the workflows to
 * start after the commit. A disabled endpoint's delivery is on record, cancelled, never started.
 */
export function planDeliveries(projectId: string, eventId: string, eventType: string, endpoints: Subscriber[]) {
  const rows: unknown[][] = [];
  const toStart: DeliveryToStart[] = [];
  const deliveries = endpoints.map((endpoint) => {
    const deliveryId = nextId('dlv');
    const workflowId = deliveryWorkflowId(eventId, endpoint.id);
    const disabled = endpoint.status === 'disabled';
    const reason = disabled ? disabledReason(endpoint.statusReason) : null;
    rows.push([deliveryId, projectId, eventId, endpoint.id, workflowId, disabled ? 'cancelled' : 'pending', reason]);
    if (!disabled) toStart.push({ deliveryId, eventId, endpointId: endpoint.id, projectId, workflowId, eventType, endpointUrl: endpoint.url, region: endpoint.region });
    return { id: deliveryId, endpointId: endpoint.id };
  });
  return { rows, toStart, deliveries };
}

/** planDeliveries' rows, in one statement; `queued` leaves their starts to the reconciler. */
export async function insertDeliveries(client: PoolClient, rows: unknown[][], queued = false): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO deliveries (id, project_id, event_id, endpoint_id, workflow_id, status, status_reason, start_queued)
     SELECT *, $8::boolean FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    [...columnsOf(rows, 7), queued],
  );
}

/** Rows to columns, for a multi-row insert through unnest(). */
function columnsOf(rows: unknown[][], width: number): unknown[][] {
  return Array.from({ length: width }, (_, column) => rows.map((row) => row[column]));
}
