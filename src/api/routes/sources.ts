/** /v1/sources: where third parties post webhooks in, how they are checked, and where they go. */
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import { subscribableEndpoints } from '../../endpoints/repository';
import { createSourceSchema, updateSourceSchema, verifierConfigOf, verifierConfigProblems } from '../../inbound/source-schema';
import {
  applyUpdate,
  createSource,
  deleteSource,
  findSource,
  listSources,
  publicSource,
  recentFailures,
  saveSource,
  type SourceWithSecrets,
} from '../../inbound/sources-repository';
import type { SourceRoute } from '../../inbound/routing';
import { projectOf } from '../auth';
import { ApiError, found, notFound, type ResourceKind } from '../errors';
import { pageOf, pageQuery } from '../pagination';
import { parseBody, parseQuery } from '../validation';

const SOURCE: ResourceKind = { code: 'source_not_found', noun: 'source' };

export const listSourcesQuery = z.object(pageQuery);
export const sourceFailuresQuery = z.object({ limit: pageQuery.limit });

/** The source as the API shows it: no secrets, and the URL providers post to. */
function view(req: Request, source: SourceWithSecrets) {
  return { ...publicSource(source), ingestUrl: `${req.protocol}://${req.get('host')}/in/${source.id}` };
}

export function sourceRoutes(db: Db): Router {
  const router = Router();

  /** Secrets the provider preset cannot use, and routes to endpoints this project does not have. */
  async function check(projectId: string, source: Parameters<typeof verifierConfigOf>[0] & { routes?: SourceRoute[] }): Promise<void> {
    const problems = verifierConfigProblems(verifierConfigOf(source));
    if (problems.length > 0) {
      throw new ApiError(400, 'invalid_request', 'The source cannot verify requests as configured; see details.', problems.map((message: string) => ({ message })));
    }
    const named = [...new Set((source.routes ?? []).flatMap((route) => route.endpointIds))];
    if (named.length === 0) return;
    const known = new Set((await subscribableEndpoints(db, projectId, named)).map((endpoint) => endpoint.id));
    const unknown = named.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new ApiError(404, 'endpoint_not_found', 'Some routes name endpoints this project does not have.', { endpointIds: unknown });
  }

  router.post('/', async (req, res) => {
    const input = parseBody(createSourceSchema, req.body);
    await check(projectOf(req).id, input);
    res.status(201).json(view(req, await createSource(db, projectOf(req).id, input)));
  });

  router.get('/', async (req, res) => {
    const { limit, cursor } = parseQuery(listSourcesQuery, req.query);
    const page = pageOf(await listSources(db, projectOf(req).id, limit + 1, cursor), limit);
    res.json({ data: page.data.map((source) => view(req, source)), nextCursor: page.nextCursor });
  });

  router.get('/:id', async (req, res) => {
    res.json(view(req, found(await findSource(db, projectOf(req).id, req.params.id), SOURCE, req.params.id)));
  });

  router.patch('/:id', async (req, res) => {
    const input = parseBody(updateSourceSchema, req.body ?? {});
    const merged = applyUpdate(found(await findSource(db, projectOf(req).id, req.params.id), SOURCE, req.params.id), input);
    await check(projectOf(req).id, merged);
    res.json(view(req, found(await saveSource(db, merged), SOURCE, req.params.id)));
  });

  router.delete('/:id', async (req, res) => {
    if (!(await deleteSource(db, projectOf(req).id, req.params.id))) throw notFound(SOURCE, req.params.id);
    res.status(204).end();
  });

  /** Why requests were refused: the provider only ever hears a generic 401. */
  router.get('/:id/failures', async (req, res) => {
    const { limit } = parseQuery(sourceFailuresQuery, req.query);
    const source = found(await findSource(db, projectOf(req).id, req.params.id), SOURCE, req.params.id);
    res.json({ data: await recentFailures(db, source.id, limit) });
  });

  return router;
}
