/**
 * /v1/projects: the operator's routes, authenticated by SWITCHYARD_ADMIN_KEY. Projects are made
 * and deleted here, and given what a project cannot set for itself: its ingest rate and its
 * broker names.
 */
import crypto from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import { updateOperatorSettingsSchema } from '../../projects/operator-settings';
import { markProjectDeleted, type StartProjectDeletion } from '../../projects/deletion';
import { createProject, findProject, listProjects, updateOperatorSettings, type AdminProject } from '../../projects/repository';
import { bearerToken } from '../auth';
import { ApiError, unauthorized } from '../errors';
import { pageOf, pageQuery } from '../pagination';
import { parseBody, parseQuery } from '../validation';

export const createProjectSchema = z.object({ name: z.string().trim().min(1).max(200) }).strict();

export const listProjectsQuery = z.object(pageQuery);

const projectNotFound = (id: string) => new ApiError(404, 'project_not_found', `No project ${id}.`);

/** Constant-time comparison of the bearer token with the admin key (digests even out lengths). */
function requireAdmin(adminKey: string | undefined): RequestHandler {
  const expected = adminKey && crypto.createHash('sha256').update(adminKey).digest();
  return (req, _res, next) => {
    if (!expected) throw new ApiError(403, 'admin_disabled', 'The admin routes are off: set SWITCHYARD_ADMIN_KEY to enable them.');
    const token = bearerToken(req.headers.authorization);
    const given = crypto.createHash('sha256').update(token ?? '').digest();
    if (!token || !crypto.timingSafeEqual(given, expected)) throw unauthorized();
    next();
  };
}

const view = (project: AdminProject) => ({
  id: project.id,
  name: project.name,
  createdAt: project.createdAt.toISOString(),
  ingestRateLimit: project.ingestRateLimit,
  brokerPrefixes: project.brokerPrefixes,
  egressProxy: project.egressProxy,
  deletedAt: project.deletedAt?.toISOString() ?? null,
});

export function projectRoutes(db: Db, adminKey: string | undefined, startDeletion: StartProjectDeletion): { authenticate: RequestHandler; router: Router } {
  const router = Router();

  router.post('/', async (req, res) => {
    const { name } = parseBody(createProjectSchema, req.body);
    const { project, apiKey } = await createProject(db, name);
    res.status(201).json({ id: project.id, name: project.name, apiKey, createdAt: project.createdAt.toISOString() });
  });

  router.get('/', async (req, res) => {
    const { limit, cursor } = parseQuery(listProjectsQuery, req.query);
    const page = pageOf(await listProjects(db, limit + 1, cursor), limit);
    res.json({ ...page, data: page.data.map(view) });
  });

  router.get('/:id', async (req, res) => {
    const project = await findProject(db, req.params.id);
    if (!project) throw projectNotFound(req.params.id);
    res.json(view(project));
  });

  router.patch('/:id', async (req, res) => {
    const change = parseBody(updateOperatorSettingsSchema, req.body);
    const project = await updateOperatorSettings(db, req.params.id, change);
    if (!project) throw projectNotFound(req.params.id);
    res.json(view(project));
  });

  // At once the project is shut (keys revoked, endpoints and sources deleted); its data is then
  // removed in the background. Sent again, it starts the removal again if it could not be.
  router.delete('/:id', async (req, res) => {
    const project = await markProjectDeleted(db, req.params.id);
    if (!project) throw projectNotFound(req.params.id);
    try {
      await startDeletion(project.id);
    } catch {
      throw new ApiError(503, 'temporal_unavailable', 'The project is deleted and shut, but the removal of its data could not be started: send the DELETE again.');
    }
    res.status(202).json(view(project));
  });

  return { authenticate: requireAdmin(adminKey), router };
}
