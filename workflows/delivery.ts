/**
 * The delivery workflow: one per (event, endpoint), id `delivery/{eventId}/{endpointId}`.
 *
 * Its input is ids only (claim check): the payload and the endpoint's settings stay in
 * PostgreSQL, so history holds no customer data and payload size is not bound by Temporal's.
 * Each attempt is one local activity that loads, signs, sends, records the attempt and says when
 * to try again; between attempts the workflow waits on a durable timer. A first-attempt success
 * is six history events: started, one workflow task (scheduled, started, completed), the local
 * activity's marker, completed.
 *
 * Signals: `retryNow` cuts a wait short; `cancel` stops a waiting delivery.
 * `DeliveryStatus` is set while the delivery waits and when it ends in failure or cancellation;
 * a success is read from the workflow's close status (Completed), so it costs no extra event.
 */
import { ApplicationFailure, condition, defineSignal, proxyLocalActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { DeliveryActivities } from '../activities/delivery';
import { DeliveryStatus } from './search-attributes';

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

export const retryNowSignal = defineSignal('retryNow');
export const cancelSignal = defineSignal<[{ reason?: string }?]>('cancel');

const { attemptDelivery, cancelDelivery } = proxyLocalActivities<DeliveryActivities>({
  // Longer than the longest endpoint timeout (60 s) plus the database work around the send.
  startToCloseTimeout: '2 minutes',
  // These retries are for our own failures (database down, worker crash), never the endpoint's:
  // an endpoint's error is a normal result. They go on until the infrastructure is back.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

function setStatus(status: 'retrying' | 'failed' | 'cancelled'): void {
  upsertSearchAttributes([{ key: DeliveryStatus, value: status }]);
}

export async function deliveryWorkflow(input: DeliveryInput): Promise<DeliveryResult> {
  let retryNow = false;
  let cancelReason: string | undefined;
  setHandler(retryNowSignal, () => {
    retryNow = true;
  });
  setHandler(cancelSignal, (request) => {
    cancelReason = request?.reason ?? 'cancelled by an operator';
  });

  for (let attempt = 1; ; attempt++) {
    const result = await attemptDelivery({ deliveryId: input.deliveryId, attempt });
    if (result.outcome === 'succeeded') return { status: 'succeeded', attempts: attempt };
    if (result.outcome === 'cancelled') {
      setStatus('cancelled');
      return { status: 'cancelled', attempts: attempt - 1 };
    }
    if (result.outcome === 'failed') {
      setStatus('failed');
      throw ApplicationFailure.nonRetryable(result.reason, 'DeliveryFailed', { deliveryId: input.deliveryId, attempts: attempt });
    }
    if (attempt === 1) setStatus('retrying');
    retryNow = false;
    await condition(() => retryNow || cancelReason !== undefined, result.retryInMs);
    if (cancelReason !== undefined) {
      await cancelDelivery({ deliveryId: input.deliveryId, reason: cancelReason });
      setStatus('cancelled');
      return { status: 'cancelled', attempts: attempt };
    }
  }
}
