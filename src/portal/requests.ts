/**
 * What every portal page does with its request: reads a form's or query's text, finds what the
 * request names within the session's reach (its customer's, or for the console, the project's),
 * and answers with a page. Anything out of reach answers the same 404 as what does not exist.
 */
import type { Request, Response } from 'express';
import type { Db } from '../db/pool';
import { findDelivery } from '../deliveries/repository';
import { endpointById, findEndpoint, type EndpointWithSecrets } from '../endpoints/repository';
import { listEventTypes } from '../event-types/repository';
import type { Html } from './html';
import { contextOf, PortalRefusal } from './session';

export const notFound = () => new PortalRefusal(404, 'Not found', 'There is nothing here, or it is not yours to see.');

export const send = (res: Response, page: Html, status = 200) => res.status(status).type('html').send(page.markup);

/** A field's text, trimmed; anything but one string (a repeated field, none) reads as empty. */
export const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** A datetime-local field's value, read as UTC (the portal shows every time in UTC). */
export function utcTime(value: string): Date | undefined | 'invalid' {
  if (value === '') return undefined;
  const date = new Date(/[zZ]|[+-]\d{2}:\d{2}$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? 'invalid' : date;
}

/** What a redirect's `?done=` says on the page it lands on. */
const DONE: Record<string, string> = {
  created: 'Endpoint added. Reveal its signing secret below to verify what it receives.',
  saved: 'Saved.',
  paused: 'Paused: messages wait until you resume.',
  resumed: 'Resumed: waiting messages are on their way.',
  deleted: 'Endpoint deleted.',
  test: 'Test event sent. It appears below once delivered.',
  resent: 'Resent as a new delivery.',
  recovering: 'Recovery started: the failed messages are being resent at the endpoint’s pace.',
};

export const doneNotice = (req: Request): string | undefined => DONE[text(req.query.done)];

/** The customer a request's lists are limited to: the session's own, or for the console, the one it asked for. */
export const customerScope = (req: Request, asked?: string): string | undefined => contextOf(req).session.customer?.id ?? (asked || undefined);

export const catalogueOf = (db: Db, req: Request) => listEventTypes(db, contextOf(req).session.projectId, 100, undefined, false);

export async function endpointInScope(db: Db, req: Request, id: string): Promise<EndpointWithSecrets> {
  const { session } = contextOf(req);
  const endpoint = await findEndpoint(db, session.projectId, id);
  if (!endpoint || (session.customer && endpoint.customerId !== session.customer.id)) throw notFound();
  return endpoint;
}

/** A delivery and its endpoint (deleted or not), when the endpoint is the session's customer's. */
export async function deliveryInScope(db: Db, req: Request, id: string) {
  const { session } = contextOf(req);
  const delivery = await findDelivery(db, session.projectId, id);
  const endpoint = delivery && (await endpointById(db, delivery.endpointId));
  if (!delivery || !endpoint || (session.customer && endpoint.customerId !== session.customer.id)) throw notFound();
  return { delivery, endpoint };
}
