/** An endpoint's entity workflow as the code outside it names it, and tells it of changes. */
import type { EndpointControl, EntityRef } from '../endpoint-health/entity-client';
import { errorMessage, log } from '../log';
import { endpointSnapshot, type EndpointWithSecrets } from './repository';

export function entityRef(endpoint: EndpointWithSecrets & { deleted?: boolean }): EntityRef {
  return { id: endpoint.id, projectId: endpoint.projectId, snapshot: endpointSnapshot(endpoint) };
}

/**
 * After an endpoint changes in the database its entity, if it has one, takes the new copy. Best
 * effort: workers bring the change to the entity later if it cannot be told now.
 */
export function refreshEntity(control: EndpointControl, endpoint: EndpointWithSecrets & { deleted?: boolean }): Promise<void> {
  return control.refresh(entityRef(endpoint)).catch((error) => {
    log.warn('endpoint entity not refreshed; workers will bring the change', { endpointId: endpoint.id, error: errorMessage(error) });
  });
}
