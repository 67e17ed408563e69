/**
 * The customer portal and the operator console under /portal: server-rendered pages over the same
 * repositories as the API. Every response carries the portal's headers (session.ts); past the
 * way in (access-routes.ts), every request needs a session, and sees only what is within its reach
 * (requests.ts): a customer's own endpoints and deliveries, or for the console, the project's.
 */
import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { clientInputError, removedMeanwhile } from '../api/errors';
import type { Db } from '../db/pool';
import { databaseTrouble } from '../db/availability';
import { QueueFull } from '../deliveries/start-window';
import type { DeliveryStarter } from '../deliveries/starter';
import type { EgressPolicy } from '../egress/address-policy';
import type { EndpointControl } from '../endpoint-health/entity-client';
import { log } from '../log';
import { entryRoutes, exitRoutes } from './access-routes';
import { endpointPages } from './endpoint-pages';
import { messagePages } from './message-pages';
import { notFound, send } from './requests';
import { PortalRefusal, requireSession, setPortalHeaders } from './session';
import { refusalPage } from './views/access';

export interface PortalDependencies {
  db: Db;
  starter: DeliveryStarter;
  endpoints: EndpointControl;
  egress: EgressPolicy;
}

const SIGN_IN = { href: '/portal/login', label: 'Operators: sign in to the console' };
const BACK = { href: '/portal/endpoints', label: 'Back to the portal' };

export function portalRoutes(deps: PortalDependencies): Router {
  const router = Router();
  router.use((_req, res, next) => {
    setPortalHeaders(res);
    next();
  });
  router.use('/assets', express.static(path.join(__dirname, 'assets'), { index: false, maxAge: '1h' }));
  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }));
  router.use(entryRoutes(deps.db));

  router.use(requireSession(deps.db));
  router.get('/', (_req, res) => res.redirect(303, '/portal/endpoints'));
  router.use(exitRoutes(deps.db));
  router.use(endpointPages(deps));
  router.use(messagePages(deps));

  router.use(() => {
    throw notFound();
  });
  router.use((error: unknown, req: Request, res: Response, _next: express.NextFunction) => {
    if (error instanceof PortalRefusal) return send(res, refusalPage(error.title, error.message, error.status === 401 ? SIGN_IN : BACK), error.status);
    if (error instanceof QueueFull) return send(res, refusalPage('Busy', 'Too many messages are waiting to be sent right now. Try again in a minute.', BACK), 503);
    if (databaseTrouble(error)) {
      res.set('retry-after', '30');
      return send(res, refusalPage('Unavailable for a moment', 'The service cannot reach its records right now. Nothing was changed; try again in a minute.', BACK), 503);
    }
    // What the API answers 4xx for (a malformed form or path, a NUL in a field) is the visitor's mistake here too.
    const input = clientInputError(error);
    if (input) return send(res, refusalPage('Not understood', input.message, BACK), input.status);
    const removed = removedMeanwhile(error);
    if (removed) return send(res, refusalPage('Changed meanwhile', 'What this page refers to was deleted while it was being saved; nothing was changed.', BACK), removed.status);
    log.error('unhandled error in a portal request', { method: req.method, path: req.path, error: String((error as Error)?.stack ?? error) });
    send(res, refusalPage('Something went wrong', 'Something went wrong on our side; it has been logged. Try again shortly.', BACK), 500);
  });

  return router;
}
