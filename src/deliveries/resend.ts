/** Resending: a new delivery of a delivery's event to its endpoint, with its own workflow and attempts. */
import type { Db } from '../db/pool';
import { endpointById } from '../endpoints/repository';
import { findEvent } from '../events/repository';
import { nextId } from '../ids';
import { findDelivery, type DeliveryView } from './repository';
import type { DeliveryStarter } from './starter';
import { deliveryWorkflowId } from './workflow-contract';

/** Why a delivery cannot be resent: its endpoint is deleted, or disabled. */
export class ResendRefused extends Error {
  constructor(
    readonly code: 'endpoint_gone' | 'endpoint_disabled',
    message: string,
  ) {
    super(message);
    this.name = 'ResendRefused';
  }
}

/** The new delivery, recorded and started; undefined when there is no such delivery in the project. */
export async function resendDelivery(db: Db, starter: DeliveryStarter, projectId: string, deliveryId: string): Promise<DeliveryView | undefined> {
  const original = await findDelivery(db, projectId, deliveryId);
  if (!original) return undefined;
  const [event, endpoint] = await Promise.all([findEvent(db, projectId, original.eventId), endpointById(db, original.endpointId)]);
  if (!event || !endpoint || endpoint.deleted) throw new ResendRefused('endpoint_gone', 'The endpoint of this delivery was deleted.');
  if (endpoint.status === 'disabled') throw new ResendRefused('endpoint_disabled', 'The endpoint is disabled; enable it before resending.');
  const id = nextId('dlv');
  const workflowId = deliveryWorkflowId(original.eventId, original.endpointId, id);
  await db.query('INSERT INTO deliveries (id, project_id, event_id, endpoint_id, workflow_id) VALUES ($1, $2, $3, $4, $5)', [
    id,
    projectId,
    original.eventId,
    original.endpointId,
    workflowId,
  ]);
  await starter.start([
    { deliveryId: id, projectId, eventId: original.eventId, endpointId: original.endpointId, workflowId, eventType: event.eventType, endpointUrl: endpoint.url, region: endpoint.region },
  ]);
  return findDelivery(db, projectId, id);
}
