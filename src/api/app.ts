/** The Express application: routes, authentication and error mapping, with I/O injected. */
import express from 'express';
import type { Db } from '../db/pool';
import type { EgressPolicy } from '../egress/address-policy';
import { requireProject } from './auth';
import { errorHandler, notFoundHandler } from './errors';
import { healthRoutes, type ReadinessChecks } from './health';
import { metricsRoutes } from './metrics';
import { openApiRoutes } from './openapi/routes';
import { metrics } from '../metrics/metrics';
import type { DeliveryStarter } from '../deliveries/starter';
import type { EndpointControl } from '../endpoint-health/entity-client';
import type { BrokerBacklogs } from '../brokers/backlog';
import type { IngestRateLimit } from '../projects/ingest-rate';
import { apiKeyRoutes } from './routes/api-keys';
import { customerRoutes } from './routes/customers';
import { eventTypeRoutes } from './routes/event-types';
import { deliveryRoutes } from './routes/deliveries';
import { endpointRoutes } from './routes/endpoints';
import { inboundRoutes } from './routes/inbound';
import { brokerSourceRoutes } from './routes/broker-sources';
import { sourceRoutes } from './routes/sources';
import { eventRoutes } from './routes/events';
import { projectSettingsRoutes } from './routes/project';
import { projectRoutes } from './routes/projects';
import type { StartProjectDeletion } from '../projects/deletion';
import { requireJsonBody } from './validation';
import { portalRoutes } from '../portal/routes';
import { portalSessionRoutes } from './routes/portal-sessions';

export interface ApiDependencies {
  db: Db;
  /** Starts delivery workflows for accepted events. */
  starter: DeliveryStarter;
  /** Commands to and health from the endpoints' entity workflows. */
  endpoints: EndpointControl;
  /** Brokers' backlogs (a Kafka group's lag, a Redis stream's pending), for GET /v1/broker-sources/:id. */
  brokerBacklogs: BrokerBacklogs;
  readiness: ReadinessChecks;
  /** What endpoint and operational webhook URLs may point at, as far as the URL alone says. */
  egress: EgressPolicy;
  /** A project's ingest rate through POST /v1/events when the operator set none for it. */
  ingestRateLimit: IngestRateLimit;
  /** Proxies whose X-Forwarded-For is believed for the client's address (inbound allow-lists). */
  trustedProxies?: string[];
  /** Starts the removal of a deleted project's data (DELETE /v1/projects/{id}). */
  startProjectDeletion: StartProjectDeletion;
  /** Unset: POST /v1/projects answers 403. */
  adminKey: string | undefined;
  /** Where browsers reach the API, for portal links; unset: the origin each request came in at. */
  publicUrl?: string;
  /** CIDRs whose callers may read GET /metrics; unset: no /metrics (metrics off). */
  metricsAllow?: readonly string[];
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
}

export function createApp(deps: ApiDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', deps.trustedProxies?.length ? deps.trustedProxies : false);
  app.use(healthRoutes(deps.readiness));
  if (deps.metricsAllow) app.use(metricsRoutes(metrics(), deps.metricsAllow));
  app.use(openApiRoutes());
  // Third parties post here, authenticated by their signatures rather than an API key.
  app.use('/in', inboundRoutes(deps.db, deps.starter, deps.bodyLimit ?? 1024 * 1024));

  // Authenticate, then check the media type, then parse: a caller without a key gets its 401
  // without us reading the body.
  // The customer portal and operator console: pages with sessions of their own, not API keys.
  app.use('/portal', portalRoutes({ db: deps.db, starter: deps.starter, endpoints: deps.endpoints, egress: deps.egress }));

  const json = [requireJsonBody, express.json({ limit: deps.bodyLimit ?? 1024 * 1024 })];
  const v1 = express.Router();
  const projects = projectRoutes(deps.db, deps.adminKey, deps.startProjectDeletion);
  v1.use('/projects', projects.authenticate, ...json, projects.router);
  v1.use(requireProject(deps.db), ...json);
  v1.use('/api-keys', apiKeyRoutes(deps.db));
  v1.use('/project', projectSettingsRoutes(deps.db, deps.egress));
  v1.use('/customers/:id/portal-sessions', portalSessionRoutes(deps.db, deps.publicUrl));
  v1.use('/customers', customerRoutes(deps.db, deps.endpoints));
  v1.use('/endpoints', endpointRoutes(deps.db, deps.endpoints, deps.egress));
  v1.use('/sources', sourceRoutes(deps.db));
  v1.use('/broker-sources', brokerSourceRoutes(deps.db, deps.brokerBacklogs));
  v1.use('/event-types', eventTypeRoutes(deps.db));
  v1.use('/events', eventRoutes(deps.db, deps.starter, deps.ingestRateLimit));
  v1.use('/deliveries', deliveryRoutes(deps.db, deps.starter));
  app.use('/v1', v1);

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
