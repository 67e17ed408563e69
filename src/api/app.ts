/** The Express application: routes, authentication and error mapping, with I/O injected. */
import express from 'express';
import type { Db } from '../db/pool';
import { projectOf, requireProject } from './auth';
import { errorHandler, notFoundHandler } from './errors';
import { healthRoutes, type ReadinessChecks } from './health';

export interface ApiDependencies {
  db: Db;
  readiness: ReadinessChecks;
}

export function createApp(deps: ApiDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(healthRoutes(deps.readiness));

  const v1 = express.Router();
  // Authenticate before parsing: a caller without a key gets its 401 without us reading the body.
  v1.use(requireProject(deps.db));
  v1.use(express.json({ limit: '1mb' }));
  v1.get('/project', (req, res) => {
    const project = projectOf(req);
    res.json({ id: project.id, name: project.name, createdAt: project.createdAt.toISOString() });
  });
  app.use('/v1', v1);

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
