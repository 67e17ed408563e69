/** After an endpoint changes in the database, its entity workflow (if it has one) takes the new copy. */
import type { EndpointControl } from '../endpoint-health/entity-client';
import { errorMessage, log } from '../log';
import { endpointSnapshot, type EndpointWithSecrets } from './repository';

/** Best effort: workers bring the change to the entity later if it cannot be told now. */
export function refreshEntity(control: EndpointControl, endpoint: EndpointWithSecrets & { deleted?: boolean }): Promise<void> {
  return control.refresh({ id: endpoint.id, projectId: endpoint.projectId, snapshot: endpointSnapshot(endpoint) }).catch((error) => {
    log.warn('endpoint entity not refreshed; workers will bring the change', { endpointId: endpoint.id, error: errorMessage(error) });
  });
}
