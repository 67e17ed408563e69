/**
 * The endpoint as its entity sees it: what workers and the API hand the entity (settings and
 * status, never secrets), and the check that a message claiming to be one has its shape.
 */
import { isJsonObject } from '../json';
import type { HealthSettings } from './settings';

export type EndpointStatus = 'active' | 'paused' | 'disabled';

export interface EndpointSnapshot {
  version: number;
  status: EndpointStatus;
  statusReason: string | null;
  settings: HealthSettings;
  deleted: boolean;
}

/**
 * Whether a message claiming to be an endpoint snapshot has its shape. Signals and updates can be
 * sent by hand (`temporal workflow signal`), and a malformed one must be refused, not crash the
 * entity's workflow task over and over.
 */
export function isSnapshot(value: unknown): value is EndpointSnapshot {
  return (
    isJsonObject(value) &&
    Number.isInteger(value.version) &&
    ['active', 'paused', 'disabled'].includes(value.status as string) &&
    typeof value.deleted === 'boolean' &&
    isJsonObject(value.settings) &&
    isJsonObject(value.settings.circuit)
  );
}
