/** Bearer-key authentication: every /v1 route but the admin ones acts as one project. */
import type { RequestHandler, Request } from 'express';
import type { Db } from '../db/pool';
import { findProjectByApiKey, type Project } from '../projects/repository';
import { unauthorized } from './errors';

const projects = new WeakMap<Request, Project>();

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

export function requireProject(db: Db): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req.headers.authorization);
    const project = token ? await findProjectByApiKey(db, token) : undefined;
    if (!project) throw unauthorized();
    projects.set(req, project);
    next();
  };
}

/** The project `requireProject` authenticated for this request. */
export function projectOf(req: Request): Project {
  const project = projects.get(req);
  if (!project) throw unauthorized();
  return project;
}
