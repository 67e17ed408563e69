/** Bearer-key authentication: every /v1 route but the admin ones acts as one project, within its key's scope. */
import type { RequestHandler, Request } from 'express';
import type { Db } from '../db/pool';
import { log } from '../log';
import { scopeAllows } from '../projects/api-keys';
import { authenticateApiKey, touchApiKey, type Caller } from '../projects/api-keys-repository';
import { ApiError, unauthorized } from './errors';

/** A key's last-used time is written at most this often, so authenticating stays a read. */
const TOUCH_EVERY_MS = 60_000;

const callers = new WeakMap<Request, Caller>();

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

export function requireProject(db: Db): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req.headers.authorization);
    const caller = token ? await authenticateApiKey(db, token) : undefined;
    if (!caller) throw unauthorized();
    if (!scopeAllows(caller.key.scope, req.method, req.path)) {
      throw new ApiError(403, 'insufficient_scope', `This API key's scope (${caller.key.scope}) does not allow ${req.method} ${req.baseUrl}${req.path}.`);
    }
    const { lastUsedAt } = caller.key;
    if (!lastUsedAt || Date.now() - lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      // Best effort: a lost write only makes the shown time older; the request does not wait.
      touchApiKey(db, caller.key.id).catch((error) => log.debug('could not record an API key use', { error: String(error) }));
    }
    callers.set(req, caller);
    next();
  };
}

/** Who `requireProject` authenticated for this request. */
export function callerOf(req: Request): Caller {
  const caller = callers.get(req);
  if (!caller) throw unauthorized();
  return caller;
}

/** The project `requireProject` authenticated for this request. */
export function projectOf(req: Request): Caller['project'] {
  return callerOf(req).project;
}
