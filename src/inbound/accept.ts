/**
 * Accepting a verified inbound webhook, durably: drop it if the same provider delivery was
 * accepted within the source's window, else record the event (original bytes, provider id,
 * verification, headers) and one delivery per routed endpoint in one transaction, then start
 * the delivery workflows (or queue them when the start window is full). Only then does the
 * provider get its 2xx; the reconciler covers a crash between the commit and the starts, and
 * the queue, as for every event.
 */
import { withTransaction, type Db } from '../db/pool';
import { parseDurationUpTo } from '../durations';
import { mustQueue, QueueFull, windowState } from '../deliveries/start-window';
import type { DeliveryStarter } from '../deliveries/starter';
import { subscribableEndpoints } from '../endpoints/repository';
import { insertDeliveries, planDeliveries } from '../events/ingest';
import { nextId } from '../ids';
import { forwardedHeaders, inboundEventType, recordedHeaders, routableBody } from './request-facts';
import { routeTargets } from './routing';
import { MAX_DEDUPE_WINDOW } from './source-schema';
import type { SourceWithSecrets } from './sources-repository';

export interface VerifiedRequest {
  body: Buffer;
  headers: Record<string, string | undefined>;
  /** The provider's delivery id, or the body's digest when it has none. */
  dedupeKey: string;
  providerEventId: string | undefined;
}

export type Acceptance = { duplicate: false; eventId: string; deliveries: number } | { duplicate: true; eventId: string };

export async function acceptInbound(db: Db, starter: DeliveryStarter, source: SourceWithSecrets, request: VerifiedRequest): Promise<Acceptance> {
  const contentType = request.headers['content-type'];
  const body = routableBody(request.body, contentType);
  const eventType = inboundEventType(source.provider, request.headers, body);
  const windowMs = parseDurationUpTo(source.dedupeWindow, MAX_DEDUPE_WINDOW) ?? 7 * 86_400_000;
  const eventId = nextId('evt');
  if (await starter.queueFull(source.projectId)) throw new QueueFull();

  const outcome = await withTransaction(db, async (client) => {
    // The event row first (the receipt refers to it); a duplicate rolls both back.
    const isJson = body !== undefined && !/x-www-form-urlencoded/i.test(contentType ?? '');
    await client.query(
      `INSERT INTO events (id, project_id, event_type, body, source_id, provider_event_id, verification, original_headers, forward_headers, content_type)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        eventId,
        source.projectId,
        eventType,
        request.body,
        source.id,
        request.providerEventId ?? null,
        { provider: source.provider, verified: true, dedupeKey: request.dedupeKey },
        recordedHeaders(request.headers, [source.apiKey?.header, source.hmac?.header].filter((name): name is string => name !== undefined)),
        forwardedHeaders(request.headers),
        isJson ? null : (contentType ?? 'application/octet-stream'),
      ],
    );
    // A receipt older than the window is taken over: that delivery id is new again.
    const receipt = await client.query<{ event_id: string }>(
      `INSERT INTO inbound_receipts (source_id, dedupe_key, event_id) VALUES ($1, $2, $3)
       ON CONFLICT (source_id, dedupe_key) DO UPDATE SET event_id = EXCLUDED.event_id, received_at = now()
         WHERE inbound_receipts.received_at < now() - make_interval(secs => $4::double precision / 1000)
       RETURNING event_id`,
      [source.id, request.dedupeKey, eventId, windowMs],
    );
    if (receipt.rows.length === 0) throw new Duplicate();

    const wanted = routeTargets(source.routes, request.headers, body);
    const endpoints = wanted.length === 0 ? [] : await subscribableEndpoints(client, source.projectId, wanted);
    const planned = planDeliveries(source.projectId, eventId, eventType, endpoints);
    const queued = mustQueue(await windowState(client, source.projectId), planned.toStart.length, starter.window);
    await insertDeliveries(client, planned.rows, queued);
    return { ...planned, toStart: queued ? [] : planned.toStart };
  }).catch((error) => {
    if (error instanceof Duplicate) return undefined;
    throw error;
  });

  if (!outcome) {
    const { rows } = await db.query<{ event_id: string }>('SELECT event_id FROM inbound_receipts WHERE source_id = $1 AND dedupe_key = $2', [
      source.id,
      request.dedupeKey,
    ]);
    return { duplicate: true, eventId: rows[0]?.event_id ?? '' };
  }
  await starter.start(outcome.toStart);
  return { duplicate: false, eventId, deliveries: outcome.deliveries.length };
}

/** Thrown inside the transaction to roll the new event back. */
class Duplicate extends Error {}
