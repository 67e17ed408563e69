/**
 * The customer portal and the operator console under /portal: server-rendered pages over the same
 * repositories as the API. A customer's session sees that customer's endpoints and deliveries and
 * nothing else: anything else answers the same 404 as what does not exist.
 */
import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { clientInputError } from '../api/errors';
import type { Db } from '../db/pool';
import { attemptsByHour, attemptsOf, findDelivery, listDeliveries, type DeliveryFilters, type DeliveryStatus } from '../deliveries/repository';
import { countReplayMatches } from '../deliveries/replay';
import { resendDelivery, ResendRefused } from '../deliveries/resend';
import { QueueFull } from '../deliveries/start-window';
import type { DeliveryStarter } from '../deliveries/starter';
import { urlEgressProblem, type EgressPolicy } from '../egress/address-policy';
import { CommandRefused, type EndpointControl } from '../endpoint-health/entity-client';
import { refreshEntity } from '../endpoints/entity-refresh';
import { createEndpoint, deleteEndpoint, endpointById, endpointSnapshot, findEndpoint, listEndpoints, rotateSecret, updateEndpoint, type EndpointWithSecrets } from '../endpoints/repository';
import { createEndpointSchema, updateEndpointSchema } from '../endpoints/schema';
import { listEventTypes } from '../event-types/repository';
import { acceptEvents } from '../events/ingest';
import { findEvent } from '../events/repository';
import { errorMessage, log } from '../log';
import { authenticateApiKey } from '../projects/api-keys-repository';
import { signingKeys } from '../secrets/keyring';
import type { Html } from './html';
import { createOperatorSession, endSession, frameAncestorsOf, openLink } from './sessions-repository';
import { clearSessionCookie, contextOf, crossSite, PortalRefusal, requireSession, setPortalHeaders, setSessionCookie } from './session';
import { newCookieToken, verifyLinkToken } from './tokens';
import { loginPage, openerPage, refusalPage } from './views/access';
import { catalogue } from './views/catalogue';
import { endpointDetail, endpointForm, endpointList, type EndpointFormValues, type FormProblem } from './views/endpoints';
import { DELIVERY_STATUSES, deliveryDetail, messageLog, type MessageFilters } from './views/messages';

export interface PortalDependencies {
  db: Db;
  starter: DeliveryStarter;
  endpoints: EndpointControl;
  egress: EgressPolicy;
}

const OPERATOR_SESSION_MS = 12 * 3_600_000;
const ROTATION_GRACE_MS = 24 * 3_600_000;
const CHART_HOURS = 24;
const PAGE = 50;

/** What a redirect's `done` says on the page it lands on. */
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

const SIGN_IN = { href: '/portal/login', label: 'Operators: sign in to the console' };
const BACK = { href: '/portal/endpoints', label: 'Back to the portal' };

const notFound = () => new PortalRefusal(404, 'Not found', 'There is nothing here, or it is not yours to see.');

const send = (res: Response, page: Html, status = 200) => res.status(status).type('html').send(page.markup);

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** A datetime-local field's value, read as UTC (the portal shows every time in UTC). */
function utcTime(value: string): Date | undefined | 'invalid' {
  if (value === '') return undefined;
  const date = new Date(/[zZ]|[+-]\d{2}:\d{2}$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? 'invalid' : date;
}

/** The form's event types: the boxes ticked and the patterns typed, once each. */
function eventTypesOf(body: Record<string, unknown>): string[] {
  const ticked = ([] as unknown[]).concat(body.eventTypes ?? []).filter((value): value is string => typeof value === 'string');
  const typed = text(body.patterns).split(',').map((pattern) => pattern.trim()).filter(Boolean);
  return [...new Set([...ticked, ...typed])];
}

export function portalRoutes(deps: PortalDependencies): Router {
  const { db } = deps;
  const router = Router();
  router.use((_req, res, next) => {
    setPortalHeaders(res);
    next();
  });
  router.use('/assets', express.static(path.join(__dirname, 'assets'), { index: false, maxAge: '1h' }));

  // The link's page: its script posts the fragment's token to /session. Framed by the project's sites only.
  router.get('/open/:projectId', async (req, res) => {
    setPortalHeaders(res, await frameAncestorsOf(db, req.params.projectId));
    send(res, openerPage());
  });

  router.post('/session', express.json({ limit: '4kb' }), async (req, res) => {
    const refuse = (status: number, code: string, message: string) => res.status(status).json({ error: { code, message } });
    if (crossSite(req)) return refuse(403, 'cross_site', 'Portal links are opened by the portal page itself.');
    const sessionId = verifyLinkToken(signingKeys(), text(req.body?.token));
    if (!sessionId) return refuse(401, 'invalid_link', 'This link is not valid: it may be incomplete. Ask for a new one.');
    const cookie = newCookieToken();
    const session = await openLink(db, sessionId, cookie);
    if (!session) return refuse(401, 'link_expired', 'This link has expired, was revoked, or was opened already. Ask for a new one.');
    setSessionCookie(req, res, cookie, session.expiresAt, session.frameAncestors.length > 0);
    res.status(204).end();
  });

  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }));

  router.get('/login', (_req, res) => send(res, loginPage()));

  // Trades an API key for a console session: the key goes in a form's body, never in a URL.
  router.post('/login', async (req, res) => {
    if (crossSite(req)) throw new PortalRefusal(403, 'Refused', 'Sign in from the sign-in page itself.');
    const caller = await authenticateApiKey(db, text(req.body?.apiKey));
    if (!caller || caller.key.scope === 'ingest') return send(res, loginPage('That key is not a full or read key of any project.'), 401);
    const cookie = newCookieToken();
    const expiresAt = new Date(Date.now() + OPERATOR_SESSION_MS);
    await createOperatorSession(db, { projectId: caller.project.id, apiKeyId: caller.key.id, scope: caller.key.scope, cookie, expiresAt });
    setSessionCookie(req, res, cookie, expiresAt, false);
    res.redirect(303, '/portal/endpoints');
  });

  router.use(requireSession(db));

  router.get('/', (_req, res) => res.redirect(303, '/portal/endpoints'));

  router.post('/logout', async (req, res) => {
    const { session } = contextOf(req);
    await endSession(db, session.id);
    clearSessionCookie(res);
    if (session.customer === null) return res.redirect(303, '/portal/login');
    send(res, refusalPage('Signed out', 'You have signed out. To come back, open the portal again from the dashboard you came from.', session.returnUrl ? { href: session.returnUrl, label: 'Back' } : undefined));
  });

  // --- What a session may see: its customer's, or for the console, the project's. ---

  async function endpointInScope(req: Request, id: string): Promise<EndpointWithSecrets> {
    const { session } = contextOf(req);
    const endpoint = await findEndpoint(db, session.projectId, id);
    if (!endpoint || (session.customer && endpoint.customerId !== session.customer.id)) throw notFound();
    return endpoint;
  }

  async function deliveryInScope(req: Request, id: string) {
    const { session } = contextOf(req);
    const delivery = await findDelivery(db, session.projectId, id);
    const endpoint = delivery && (await endpointById(db, delivery.endpointId));
    if (!delivery || !endpoint || (session.customer && endpoint.customerId !== session.customer.id)) throw notFound();
    return { delivery, endpoint };
  }

  const catalogueOf = (req: Request) => listEventTypes(db, contextOf(req).session.projectId, 100, undefined, false);
  const customerScope = (req: Request, asked?: string) => contextOf(req).session.customer?.id ?? (asked || undefined);
  const done = (req: Request) => DONE[text(req.query.done)];

  // --- Endpoints ---

  router.get('/endpoints', async (req, res) => {
    const endpoints = await listEndpoints(db, contextOf(req).session.projectId, 100, undefined, customerScope(req, text(req.query.customerId)));
    send(res, endpointList(contextOf(req), endpoints, done(req)));
  });

  router.get('/endpoints/new', async (req, res) => {
    if (!contextOf(req).session.customer) throw new PortalRefusal(400, 'Not here', 'Operators add endpoints through the API, for a customer or the project itself.');
    send(res, endpointForm(contextOf(req), await catalogueOf(req), { url: '', description: '', eventTypes: [] }, []));
  });

  /** The form's fields checked by the API's own schema, and the URL by the egress policy. */
  function endpointInput(body: Record<string, unknown>): { values: EndpointFormValues; problems: FormProblem[] } {
    const values = { url: text(body.url), description: text(body.description), eventTypes: eventTypesOf(body) };
    const parsed = createEndpointSchema.safeParse({ ...values, eventTypes: values.eventTypes.length > 0 ? values.eventTypes : undefined });
    const problems: FormProblem[] = parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const blocked = parsed.success ? urlEgressProblem(values.url, deps.egress) : undefined;
    if (blocked) problems.push({ path: 'url', message: `The URL ${blocked}.` });
    return { values, problems };
  }

  router.post('/endpoints', async (req, res) => {
    const { session } = contextOf(req);
    if (!session.customer) throw notFound();
    const { values, problems } = endpointInput(req.body);
    if (problems.length > 0) return send(res, endpointForm(contextOf(req), await catalogueOf(req), values, problems), 400);
    const endpoint = await createEndpoint(db, session.projectId, { ...values, customerId: session.customer.id, eventTypes: values.eventTypes.length > 0 ? values.eventTypes : undefined });
    if (!endpoint) throw signedOutCustomer();
    res.redirect(303, `/portal/endpoints/${endpoint.id}?done=created`);
  });

  router.get('/endpoints/:id', async (req, res) => {
    const { session } = contextOf(req);
    const endpoint = await endpointInScope(req, req.params.id);
    const recoverSince = utcTime(text(req.query.recoverSince));
    const [health, buckets, types, recoverCount] = await Promise.all([
      deps.endpoints.health({ id: endpoint.id, projectId: session.projectId, snapshot: endpointSnapshot(endpoint) }).catch((error) => {
        log.warn('endpoint health unavailable to the portal', { endpointId: endpoint.id, error: errorMessage(error) });
        return null;
      }),
      attemptsByHour(db, endpoint.id, CHART_HOURS),
      catalogueOf(req),
      recoverSince instanceof Date ? countReplayMatches(db, endpoint.id, recoverSince, ['failed']) : undefined,
    ]);
    send(
      res,
      endpointDetail(contextOf(req), {
        endpoint,
        health,
        buckets,
        hours: CHART_HOURS,
        catalogue: types,
        recover: recoverSince instanceof Date ? { since: recoverSince, count: recoverCount ?? 0 } : undefined,
        notice: recoverSince === 'invalid' ? 'That time could not be read.' : done(req),
      }),
    );
  });

  router.get('/endpoints/:id/edit', async (req, res) => {
    const endpoint = await endpointInScope(req, req.params.id);
    send(res, endpointForm(contextOf(req), await catalogueOf(req), { url: endpoint.url, description: endpoint.description, eventTypes: endpoint.eventTypes }, [], endpoint));
  });

  router.post('/endpoints/:id', async (req, res) => {
    const before = await endpointInScope(req, req.params.id);
    const { values, problems } = endpointInput(req.body);
    const change = updateEndpointSchema.safeParse({ url: values.url, description: values.description, eventTypes: values.eventTypes.length > 0 ? values.eventTypes : ['*'] });
    if (problems.length > 0 || !change.success) return send(res, endpointForm(contextOf(req), await catalogueOf(req), values, problems, before), 400);
    const endpoint = await updateEndpoint(db, before.projectId, before.id, change.data);
    if (!endpoint) throw notFound();
    await refreshEntity(deps.endpoints, endpoint);
    res.redirect(303, `/portal/endpoints/${endpoint.id}?done=saved`);
  });

  for (const command of ['pause', 'resume'] as const) {
    router.post(`/endpoints/:id/${command}`, async (req, res) => {
      const endpoint = await endpointInScope(req, req.params.id);
      try {
        await deps.endpoints.command({ id: endpoint.id, projectId: endpoint.projectId, snapshot: endpointSnapshot(endpoint) }, { type: command });
      } catch (error) {
        if (error instanceof CommandRefused) throw new PortalRefusal(409, 'Not done', error.message);
        throw error;
      }
      res.redirect(303, `/portal/endpoints/${endpoint.id}?done=${command}d`);
    });
  }

  router.post('/endpoints/:id/delete', async (req, res) => {
    const endpoint = await endpointInScope(req, req.params.id);
    await deleteEndpoint(db, endpoint.projectId, endpoint.id);
    const deleted = await endpointById(db, endpoint.id);
    if (deleted) await refreshEntity(deps.endpoints, deleted);
    res.redirect(303, '/portal/endpoints?done=deleted');
  });

  // The secret is shown in the answer to a POST only: a page a GET can load (and a cache keep) never holds it.
  const showSecret = async (req: Request, res: Response, endpoint: EndpointWithSecrets, notice?: string) => {
    const [buckets, types] = await Promise.all([attemptsByHour(db, endpoint.id, CHART_HOURS), catalogueOf(req)]);
    const health = await deps.endpoints.health({ id: endpoint.id, projectId: endpoint.projectId, snapshot: endpointSnapshot(endpoint) }).catch(() => null);
    send(res, endpointDetail(contextOf(req), { endpoint, health, buckets, hours: CHART_HOURS, catalogue: types, secret: endpoint.secret, notice }));
  };

  router.post('/endpoints/:id/secret', async (req, res) => showSecret(req, res, await endpointInScope(req, req.params.id)));

  router.post('/endpoints/:id/rotate-secret', async (req, res) => {
    const endpoint = await endpointInScope(req, req.params.id);
    const rotated = await rotateSecret(db, endpoint.projectId, endpoint.id, ROTATION_GRACE_MS);
    if (!rotated) throw notFound();
    await showSecret(req, res, rotated, 'Secret rotated. The previous one keeps signing beside it for 24 hours, so you can switch over without missing a message.');
  });

  router.post('/endpoints/:id/test', async (req, res) => {
    const endpoint = await endpointInScope(req, req.params.id);
    const type = (await catalogueOf(req)).find((candidate) => candidate.name === text(req.body.eventType));
    if (!type || type.example === null || type.example === undefined) throw new PortalRefusal(400, 'No example', 'Choose an event type that has an example.');
    const { starting } = await acceptEvents(db, deps.starter, endpoint.projectId, [
      { eventType: type.name, payload: type.example, endpointIds: [endpoint.id], ...(endpoint.customerId ? { customerId: endpoint.customerId } : {}) },
    ]);
    await starting.catch((error) => log.warn('test event start not recorded; the reconciler will start it', { error: errorMessage(error) }));
    res.redirect(303, `/portal/messages?endpointId=${encodeURIComponent(endpoint.id)}&done=test`);
  });

  router.post('/endpoints/:id/recover', async (req, res) => {
    const endpoint = await endpointInScope(req, req.params.id);
    const since = utcTime(text(req.body.since));
    if (!(since instanceof Date)) throw new PortalRefusal(400, 'Not done', 'Say since when to recover.');
    try {
      await deps.endpoints.command(
        { id: endpoint.id, projectId: endpoint.projectId, snapshot: endpointSnapshot(endpoint) },
        { type: 'replay', since: since.toISOString(), statuses: ['failed'], key: `portal-${Date.now()}` },
      );
    } catch (error) {
      if (error instanceof CommandRefused) throw new PortalRefusal(409, 'Not done', error.message);
      throw error;
    }
    res.redirect(303, `/portal/endpoints/${endpoint.id}?done=recovering`);
  });

  // --- Event types ---

  router.get('/event-types', async (req, res) => send(res, catalogue(contextOf(req), await catalogueOf(req))));

  // --- Messages ---

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
      catalogueOf(req),
    ]);
    const page = rows.slice(0, PAGE);
    const problem = since === 'invalid' || until === 'invalid' ? 'A time could not be read; it was left out of the filter.' : undefined;
    send(res, messageLog(contextOf(req), shown, page, rows.length > PAGE ? page.at(-1)!.id : null, endpoints, types.map((type) => type.name), problem ?? done(req)));
  });

  router.get('/deliveries/:id', async (req, res) => {
    const { delivery, endpoint } = await deliveryInScope(req, req.params.id);
    const [event, attempts] = await Promise.all([findEvent(db, contextOf(req).session.projectId, delivery.eventId), attemptsOf(db, delivery.id)]);
    if (!event) throw notFound();
    send(res, deliveryDetail(contextOf(req), delivery, event, endpoint.deleted ? undefined : endpoint, attempts, done(req)));
  });

  router.post('/deliveries/:id/resend', async (req, res) => {
    const { delivery } = await deliveryInScope(req, req.params.id);
    const resent = await resendDelivery(db, deps.starter, contextOf(req).session.projectId, delivery.id).catch((error) =>
      Promise.reject(error instanceof ResendRefused ? new PortalRefusal(409, 'Not resent', error.message) : error),
    );
    if (!resent) throw notFound();
    res.redirect(303, `/portal/deliveries/${resent.id}?done=resent`);
  });

  router.use(() => {
    throw notFound();
  });
  router.use((error: unknown, req: Request, res: Response, _next: express.NextFunction) => {
    if (error instanceof PortalRefusal) return send(res, refusalPage(error.title, error.message, error.status === 401 ? SIGN_IN : BACK), error.status);
    // What the API answers 4xx for (a malformed form or path, a NUL in a field) is the visitor's mistake here too.
    if (error instanceof QueueFull) return send(res, refusalPage('Busy', 'Too many messages are waiting to be sent right now. Try again in a minute.', BACK), 503);
    const input = clientInputError(error);
    if (input) return send(res, refusalPage('Not understood', input.message, BACK), input.status);
    log.error('unhandled error in a portal request', { method: req.method, path: req.path, error: String((error as Error)?.stack ?? error) });
    send(res, refusalPage('Something went wrong', 'Something went wrong on our side; it has been logged. Try again shortly.', BACK), 500);
  });

  return router;
}

function signedOutCustomer(): PortalRefusal {
  return new PortalRefusal(401, 'Signed out', 'Your customer account is no longer active.');
}
