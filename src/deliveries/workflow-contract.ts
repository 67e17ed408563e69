/**
 * What code outside the delivery workflow needs to start and signal it: its type name, id,
 * input and result, and its signals. The workflow (workflows/delivery.ts) implements this; the
 * starter, the endpoint's activities, operators' tools and tests use it without importing the
 * workflow's code.
 */
import { defineSignal } from '@temporalio/workflow';

/** The name of the exported function in workflows/ (a test keeps the two in step). */
export const DELIVERY_WORKFLOW_TYPE = 'deliveryWorkflow';

/** Ids only (claim check): the payload and the endpoint's settings stay in PostgreSQL. */
export interface DeliveryInput {
  deliveryId: string;
  eventId: string;
  endpointId: string;
  projectId: string;
}

export interface DeliveryResult {
  status: 'succeeded' | 'cancelled';
  attempts: number;
}

export type DeliveryWorkflow = (input: DeliveryInput) => Promise<DeliveryResult>;

/** `delivery/{eventId}/{endpointId}`; a resend adds the new delivery's id. */
export function deliveryWorkflowId(eventId: string, endpointId: string, resendOf?: string): string {
  return resendOf ? `delivery/${eventId}/${endpointId}/${resendOf}` : `delivery/${eventId}/${endpointId}`;
}

/** An operator's "try now": cuts any wait short, and passes the endpoint's rate and Retry-After. */
export const retryNowSignal = defineSignal('retryNow');
/** The endpoint's entity: the pause or open circuit that held this delivery is over. */
export const wakeSignal = defineSignal('wake');
/** Stops a waiting delivery, with the reason its record keeps. */
export const cancelSignal = defineSignal<[{ reason?: string }?]>('cancel');
