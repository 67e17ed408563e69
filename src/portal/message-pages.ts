/** A session's message log, each delivery with its attempts and a resend, and the event-type catalogue. */
import { Router } from 'express';
import type { Db } from '../db/pool';
import { attemptsOf, listDeliveries, type DeliveryFilters, type DeliveryStatus } from '../deliveries/repository';
import { resendDelivery, ResendRefused } from '../deliveries/resend';
import type { DeliveryStarter } from '../deliveries/starter';
import { listEndpoints } from '../endpoints/repository';
import { findEvent } from '../events/repository';
import { catalogueOf, customerScope, deliveryInScope, doneNotice, notFound, send, text, utcTime } from './requests';
import { contextOf, PortalRefusal } from './session';
import { catalogue } from './views/catalogue';
import { DELIVERY_STATUSES, deliveryDetail, messageLog, type MessageFilters } from './views/messages';

const PAGE = 50;

export function messagePages(deps: { db: Db; starter: DeliveryStarter }): Router {
  const { db } = deps;
  const router = Router();

  router.get('/event-types', async (req, res) => send(res, catalogue(contextOf(req), await catalogueOf(db, req))));

  // Filters as typed are shown back; those that do not read (an unknown status, a bad time) are left out.
  // Only the console may pick a customer or search payloads.
  router.get('/messages', async (req, res) => {
    const { session } = contextOf(req);
    const shown: MessageFilters = {
      eventType: text(req.query.eventType),
      status: text(req.query.status),
      endpointId: text(req.query.endpointId),
      since: text(req.query.since),
      until: text(req.query.until),
      customerId: session.customer ? undefined : text(req.query.customerId),
      q: session.customer ? undefined : text(req.query.q),
    };
    const since = utcTime(shown.since!);
    const until = utcTime(shown.until!);
    const filters: DeliveryFilters = {
      eventType: shown.eventType || undefined,
      status: DELIVERY_STATUSES.includes(shown.status as DeliveryStatus) ? (shown.status as DeliveryStatus) : undefined,
      endpointId: shown.endpointId || undefined,
      since: since instanceof Date ? since : undefined,
      until: until instanceof Date ? until : undefined,
      customerId: customerScope(req, shown.customerId),
      payloadContains: shown.q ? shown.q.slice(0, 200) : undefined,
    };
    const cursor = text(req.query.cursor).slice(0, 64) || undefined;
    const [rows, endpoints, types] = await Promise.all([
      listDeliveries(db, session.projectId, filters, PAGE + 1, cursor),
      listEndpoints(db, session.projectId, 100, undefined, filters.customerId),
      catalogueOf(db, req),
    ]);
    const page = rows.slice(0, PAGE);
    const problem = since === 'invalid' || until === 'invalid' ? 'A time could not be read; it was left out of the filter.' : undefined;
    const nextCursor = rows.length > PAGE ? page.at(-1)!.id : null;
    send(res, messageLog(contextOf(req), shown, page, nextCursor, endpoints, types.map((type) => type.name), problem ?? doneNotice(req)));
  });

  router.get('/deliveries/:id', async (req, res) => {
    const { delivery, endpoint } = await deliveryInScope(db, req, req.params.id);
    const [event, attempts] = await Promise.all([findEvent(db, contextOf(req).session.projectId, delivery.eventId), attemptsOf(db, delivery.id)]);
    if (!event) throw notFound();
    send(res, deliveryDetail(contextOf(req), delivery, event, endpoint.deleted ? undefined : endpoint, attempts, doneNotice(req)));
  });

  router.post('/deliveries/:id/resend', async (req, res) => {
    const { delivery } = await deliveryInScope(db, req, req.params.id);
    const resent = await resendDelivery(db, deps.starter, contextOf(req).session.projectId, delivery.id).catch((error) =>
      Promise.reject(error instanceof ResendRefused ? new PortalRefusal(409, 'Not resent', error.message) : error),
    );
    if (!resent) throw notFound();
    res.redirect(303, `/portal/deliveries/${resent.id}?done=resent`);
  });

  return router;
}
