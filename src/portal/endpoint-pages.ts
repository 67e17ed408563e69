/**
 * A session's endpoints: the list, adding and editing through forms checked as the API checks
 * them, pause and resume, delete, the secret revealed or rotated, a test event from the
 * catalogue, and "recover failed since".
 */
import { Router, type Request, type Response } from 'express';
import { observeIngest } from '../api/ingest-observation';
import type { Db } from '../db/pool';
import { attemptsByHour } from '../deliveries/repository';
import { countReplayMatches } from '../deliveries/replay';
import type { DeliveryStarter } from '../deliveries/starter';
import { urlEgressProblem, type EgressPolicy } from '../egress/address-policy';
import type { Command } from '../endpoint-health/commands';
import { CommandRefused, type EndpointControl } from '../endpoint-health/entity-client';
import { entityRef, refreshEntity } from '../endpoints/entity';
import { createEndpoint, deleteEndpoint, endpointById, listEndpoints, publicEndpoint, rotateSecret, updateEndpoint, type EndpointWithSecrets } from '../endpoints/repository';
import { createEndpointSchema, updateEndpointSchema } from '../endpoints/schema';
import { acceptEvents } from '../events/ingest';
import { errorMessage, log } from '../log';
import { catalogueOf, customerScope, doneNotice, endpointInScope, notFound, send, text, utcTime } from './requests';
import { contextOf, PortalRefusal } from './session';
import { endpointDetail, endpointForm, endpointList, type EndpointFormValues, type FormProblem } from './views/endpoints';

const ROTATION_GRACE_MS = 24 * 3_600_000;
const CHART_HOURS = 24;

/** The form's event types: the boxes ticked and the patterns typed, once each. */
function eventTypesOf(body: Record<string, unknown>): string[] {
  const ticked = ([] as unknown[]).concat(body.eventTypes ?? []).filter((value): value is string => typeof value === 'string');
  const typed = text(body.patterns).split(',').map((pattern) => pattern.trim()).filter(Boolean);
  return [...new Set([...ticked, ...typed])];
}

export function endpointPages(deps: { db: Db; starter: DeliveryStarter; endpoints: EndpointControl; egress: EgressPolicy }): Router {
  const { db } = deps;
  const router = Router();
  const inScope = (req: Request<{ id: string }>) => endpointInScope(db, req, req.params.id);

  /** The form's fields checked by the API's own schema, and the URL by the egress policy. */
  function endpointInput(body: Record<string, unknown>): { values: EndpointFormValues; problems: FormProblem[] } {
    const values = { url: text(body.url), description: text(body.description), eventTypes: eventTypesOf(body) };
    const parsed = createEndpointSchema.safeParse({ ...values, eventTypes: values.eventTypes.length > 0 ? values.eventTypes : undefined });
    const problems: FormProblem[] = parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const blocked = parsed.success ? urlEgressProblem(values.url, deps.egress) : undefined;
    if (blocked) problems.push({ path: 'url', message: `The URL ${blocked}.` });
    return { values, problems };
  }

  /** The endpoint's page; with `secret`, the answer to a POST that reveals or rotates it. */
  async function detail(req: Request, res: Response, endpoint: EndpointWithSecrets, extra: { secret?: string; notice?: string } = {}) {
    const recoverSince = extra.secret ? undefined : utcTime(text(req.query.recoverSince));
    const [health, buckets, catalogue, recoverCount] = await Promise.all([
      deps.endpoints.health(entityRef(endpoint)).catch((error) => {
        log.warn('endpoint health unavailable to the portal', { endpointId: endpoint.id, error: errorMessage(error) });
        return null;
      }),
      attemptsByHour(db, endpoint.id, CHART_HOURS),
      catalogueOf(db, req),
      recoverSince instanceof Date ? countReplayMatches(db, endpoint.id, recoverSince, ['failed']) : undefined,
    ]);
    const recover = recoverSince instanceof Date ? { since: recoverSince, count: recoverCount ?? 0 } : undefined;
    const notice = extra.notice ?? (recoverSince === 'invalid' ? 'That time could not be read.' : doneNotice(req));
    send(res, endpointDetail(contextOf(req), { endpoint: publicEndpoint(endpoint), health, buckets, hours: CHART_HOURS, catalogue, recover, secret: extra.secret, notice }));
  }

  /** A command to the endpoint's entity; one it refuses (e.g. for a disabled endpoint) is said on a page. */
  async function command(endpoint: EndpointWithSecrets, c: Command): Promise<void> {
    try {
      await deps.endpoints.command(entityRef(endpoint), c);
    } catch (error) {
      if (error instanceof CommandRefused) throw new PortalRefusal(409, 'Not done', error.message);
      throw error;
    }
  }

  router.get('/endpoints', async (req, res) => {
    const endpoints = await listEndpoints(db, contextOf(req).session.projectId, 100, undefined, customerScope(req, text(req.query.customerId)));
    send(res, endpointList(contextOf(req), endpoints, doneNotice(req)));
  });

  router.get('/endpoints/new', async (req, res) => {
    if (!contextOf(req).session.customer) throw new PortalRefusal(400, 'Not here', 'Operators add endpoints through the API, for a customer or the project itself.');
    send(res, endpointForm(contextOf(req), await catalogueOf(db, req), { url: '', description: '', eventTypes: [] }, []));
  });

  router.post('/endpoints', async (req, res) => {
    const { session } = contextOf(req);
    if (!session.customer) throw notFound();
    const { values, problems } = endpointInput(req.body);
    if (problems.length > 0) return send(res, endpointForm(contextOf(req), await catalogueOf(db, req), values, problems), 400);
    const endpoint = await createEndpoint(db, session.projectId, { ...values, customerId: session.customer.id, eventTypes: values.eventTypes.length > 0 ? values.eventTypes : undefined });
    if (!endpoint) throw new PortalRefusal(401, 'Signed out', 'Your customer account is no longer active.');
    res.redirect(303, `/portal/endpoints/${endpoint.id}?done=created`);
  });

  router.get('/endpoints/:id', async (req, res) => detail(req, res, await inScope(req)));

  router.get('/endpoints/:id/edit', async (req, res) => {
    const endpoint = await inScope(req);
    send(res, endpointForm(contextOf(req), await catalogueOf(db, req), { url: endpoint.url, description: endpoint.description, eventTypes: endpoint.eventTypes }, [], endpoint));
  });

  router.post('/endpoints/:id', async (req, res) => {
    const before = await inScope(req);
    const { values, problems } = endpointInput(req.body);
    const change = updateEndpointSchema.safeParse({ url: values.url, description: values.description, eventTypes: values.eventTypes.length > 0 ? values.eventTypes : ['*'] });
    if (problems.length > 0 || !change.success) return send(res, endpointForm(contextOf(req), await catalogueOf(db, req), values, problems, before), 400);
    const endpoint = await updateEndpoint(db, before.projectId, before.id, change.data);
    if (!endpoint) throw notFound();
    await refreshEntity(deps.endpoints, endpoint);
    res.redirect(303, `/portal/endpoints/${endpoint.id}?done=saved`);
  });

  for (const type of ['pause', 'resume'] as const) {
    router.post(`/endpoints/:id/${type}`, async (req, res) => {
      const endpoint = await inScope(req);
      await command(endpoint, { type });
      res.redirect(303, `/portal/endpoints/${endpoint.id}?done=${type}d`);
    });
  }

  router.post('/endpoints/:id/delete', async (req, res) => {
    const endpoint = await inScope(req);
    await deleteEndpoint(db, endpoint.projectId, endpoint.id);
    const deleted = await endpointById(db, endpoint.id);
    if (deleted) await refreshEntity(deps.endpoints, deleted);
    res.redirect(303, '/portal/endpoints?done=deleted');
  });

  // The secret is shown in the answer to a POST only: a page a GET can load (and a cache keep) never holds it.
  router.post('/endpoints/:id/secret', async (req, res) => {
    const endpoint = await inScope(req);
    await detail(req, res, endpoint, { secret: endpoint.secret });
  });

  router.post('/endpoints/:id/rotate-secret', async (req, res) => {
    const endpoint = await inScope(req);
    const rotated = await rotateSecret(db, endpoint.projectId, endpoint.id, ROTATION_GRACE_MS);
    if (!rotated) throw notFound();
    await detail(req, res, rotated, {
      secret: rotated.secret,
      notice: 'Secret rotated. The previous one keeps signing beside it for 24 hours, so you can switch over without missing a message.',
    });
  });

  // The catalogue's example, to this endpoint alone, as an event of the endpoint's customer.
  router.post('/endpoints/:id/test', observeIngest('portal'), async (req, res) => {
    const endpoint = await inScope(req);
    const type = (await catalogueOf(db, req)).find((candidate) => candidate.name === text(req.body.eventType));
    if (!type || type.example === null || type.example === undefined) throw new PortalRefusal(400, 'No example', 'Choose an event type that has an example.');
    const { starting } = await acceptEvents(db, deps.starter, endpoint.projectId, [
      { eventType: type.name, payload: type.example, endpointIds: [endpoint.id], ...(endpoint.customerId ? { customerId: endpoint.customerId } : {}) },
    ]);
    await starting.catch((error) => log.warn('test event start not recorded; the reconciler will start it', { error: errorMessage(error) }));
    res.redirect(303, `/portal/messages?endpointId=${encodeURIComponent(endpoint.id)}&done=test`);
  });

  // Confirmed on the endpoint's page after the count: a replay of the failed, at the endpoint's pace.
  router.post('/endpoints/:id/recover', async (req, res) => {
    const endpoint = await inScope(req);
    const since = utcTime(text(req.body.since));
    if (!(since instanceof Date)) throw new PortalRefusal(400, 'Not done', 'Say since when to recover.');
    await command(endpoint, { type: 'replay', since: since.toISOString(), statuses: ['failed'], key: `portal-${Date.now()}` });
    res.redirect(303, `/portal/endpoints/${endpoint.id}?done=recovering`);
  });

  return router;
}
