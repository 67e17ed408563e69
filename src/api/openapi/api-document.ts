/** Switchyard's API as one OpenAPI document: every resource's operations. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openApiDocument, type OpenApiDocument } from './document';
import type { Operation } from './operation';
import { apiKeyOperations } from './paths/api-keys';
import { brokerSourceOperations } from './paths/broker-sources';
import { customerOperations } from './paths/customers';
import { deliveryOperations } from './paths/deliveries';
import { endpointOperations } from './paths/endpoints';
import { eventOperations } from './paths/events';
import { eventTypeOperations } from './paths/event-types';
import { inboundOperations } from './paths/inbound';
import { projectOperations } from './paths/projects';
import { serviceOperations } from './paths/service';
import { sourceOperations } from './paths/sources';

const tags = [
  { name: 'Events', description: 'Publishing events, and reading what became of them.' },
  { name: 'Deliveries', description: 'One event to one endpoint: its attempts, and resending it.' },
  { name: 'Endpoints', description: 'Where events go: URLs with their subscriptions, signing secrets, retry, rate and circuit settings, health, and commands.' },
  { name: 'Event types', description: "The project's catalogue of event types, with optional JSON Schemas for their payloads." },
  { name: 'Customers', description: "The provider's customers, who own endpoints and manage them in the portal." },
  { name: 'Inbound', description: 'Sources that receive third-party webhooks, verify them and route them to endpoints.' },
  { name: 'Broker sources', description: 'Topics, streams and queues of message brokers (Kafka, Redis Streams, NATS JetStream, SQS, RabbitMQ, Google Pub/Sub) consumed as events.' },
  { name: 'Project', description: "The calling project's settings and API keys." },
  { name: 'Projects (admin)', description: "The operator's routes, with the admin key: creating projects and setting their limits." },
  { name: 'Service', description: 'Health, metrics, and this document.' },
];

export const operations: Operation[] = [
  ...eventOperations,
  ...deliveryOperations,
  ...endpointOperations,
  ...eventTypeOperations,
  ...customerOperations,
  ...sourceOperations,
  ...inboundOperations,
  ...brokerSourceOperations,
  ...projectOperations,
  ...apiKeyOperations,
  ...serviceOperations,
];

const { version } = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { version: string };

let built: OpenApiDocument | undefined;

/** Built once, on first use: the schemas do not change while the process runs. */
export function apiDocument(): OpenApiDocument {
  built ??= openApiDocument(operations, version, tags);
  return built;
}
