/** POST /v1/projects: the one admin route, authenticated by SWITCHYARD_ADMIN_KEY. */
import crypto from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import { createProject } from '../../projects/repository';
import { bearerToken } from '../auth';
import { ApiError, unauthorized } from '../errors';
import { parseBody } from '../validation';

const createProjectSchema = z.object({ name: z.string().trim().min(1).max(200) }).strict();

/** Constant-time comparison of the bearer token with the admin key (digests even out lengths). */
function requireAdmin(adminKey: string | undefined): RequestHandler {
  const expected = adminKey && crypto.createHash('sha256').update(adminKey).digest();
  return (req, _res, next) => {
    if (!expected) throw new ApiError(403, 'admin_disabled', 'Project creation is off: set SWITCHYARD_ADMIN_KEY to enable it.');
    const token = bearerToken(req.headers.authorization);
    const given = crypto.createHash('sha256').update(token ?? '').digest();
    if (!token || !crypto.timingSafeEqual(given, expected)) throw unauthorized();
    next();
  };
}

export function projectRoutes(db: Db, adminKey: string | undefined): { authenticate: RequestHandler; router: Router } {
  const router = Router();
  router.post('/', async (req, res) => {
    const { name } = parseBody(createProjectSchema, req.body);
    const { project, apiKey } = await createProject(db, name);
    res.status(201).json({ id: project.id, name: project.name, apiKey, createdAt: project.createdAt.toISOString() });
  });
  return { authenticate: requireAdmin(adminKey), router };
}
