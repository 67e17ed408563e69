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
 * Before each attempt the activity asks the endpoint's permits (see activities/endpoint-permits.ts,
 * workflows/endpoint.ts): a paused endpoint, an open circuit or a rate limit make the delivery
 * wait on a durable timer without spending an attempt. A final failure sends a `delivery.failed`
 * notice when the project has somewhere to receive it.
 *
 * Signals (defined with its id and input in src/deliveries/workflow-contract.ts): `retryNow`
 * (operators) cuts a wait short and lets the next attempt past the endpoint's rate and
 * Retry-After; `wake` (the endpoint's entity) ends a hold; `cancel` stops a waiting delivery.
 * `DeliveryStatus` is set while the delivery waits (retrying, held) and when it ends in failure
 * or cancellation, with `LastStatusCode` and `LastErrorClass` from the failed attempt; a success
 * is read from the workflow's close status (Completed), so it costs no extra event. Each
 * attempt's local-activity result shows its status code, error class and duration.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  ApplicationFailure,
  condition,
  ParentClosePolicy,
  patched,
  proxyLocalActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { DeliveryActivities } from '../activities/delivery';
import type { Slot } from '../src/endpoint-health/slot-limiter';
import { noticeWorkflow } from './notice';
import { cancelSignal, retryNowSignal, wakeSignal, type DeliveryInput, type DeliveryResult } from '../src/deliveries/workflow-contract';
import type { SentFacts } from '../src/deliveries/attempt-decision';
import { DeliveryStatus, LastErrorClass, LastStatusCode } from '../src/temporal/search-attributes';

/** Marks the histories where failed attempts set LastStatusCode and LastErrorClass. */
const LAST_ANSWER_PATCH = 'last-answer-search-attributes';

const { attemptDelivery, cancelDelivery, wantsFailureNotice } = proxyLocalActivities<DeliveryActivities>({
  // Longer than the longest endpoint timeout (60 s) plus the database work around the send.
  startToCloseTimeout: '2 minutes',
  // These retries are for our own failures (database down, worker crash), never the endpoint's:
  // an endpoint's error is a normal result. They go on until the infrastructure is back.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function deliveryWorkflow(input: DeliveryInput): Promise<DeliveryResult> {
  let retryNow = false;
  let forced = false;
  // Counted, not a flag: the entity wakes deliveries it finds held in the database, and the hold
  // is written by the attempt that decided it, so a wake can arrive before that attempt's answer.
  // It still ends the wait that follows (see `wakesBefore`), instead of being lost.
  let wakes = 0;
  let cancelReason: string | undefined;
  setHandler(retryNowSignal, () => {
    retryNow = true;
    forced = true;
  });
  setHandler(wakeSignal, () => {
    wakes++;
  });
  setHandler(cancelSignal, (request) => {
    cancelReason = request?.reason ?? 'cancelled by an operator';
  });

  let status = 'pending';
  /** The status, with the last failed attempt's answer when it changed: one upsert for both. */
  const setStatus = (next: 'retrying' | 'held' | 'failed' | 'cancelled', answer?: SentFacts) => {
    const updates: SearchAttributeUpdatePair[] = [...(next !== status ? [{ key: DeliveryStatus, value: next }] : []), ...lastAnswerUpdates(answer)];
    if (updates.length > 0) upsertSearchAttributes(updates);
    status = next;
  };
  let lastAnswer: string | undefined;
  const lastAnswerUpdates = (answer: SentFacts | undefined): SearchAttributeUpdatePair[] => {
    // Absent when the outcome was read back from the record after a crash: the attributes stand.
    if (answer?.durationMs === undefined) return [];
    const seen = `${answer.statusCode}/${answer.errorClass}`;
    // Behind a patch: histories from before it replay without these updates.
    if (seen === lastAnswer || !patched(LAST_ANSWER_PATCH)) return [];
    lastAnswer = seen;
    return [
      { key: LastStatusCode, value: answer.statusCode ?? null },
      { key: LastErrorClass, value: answer.errorClass ?? 'http' },
    ];
  };
  /** Waits for the time, a retryNow, a wake after `wakesBefore`, or a cancel; true when cancelled. */
  const wait = async (ms: number, wakesBefore = wakes) => {
    retryNow = false;
    if (ms > 0) await condition(() => retryNow || wakes > wakesBefore || cancelReason !== undefined, ms);
    return cancelReason !== undefined;
  };
  const cancelled = async (attempts: number): Promise<DeliveryResult> => {
    await cancelDelivery({ deliveryId: input.deliveryId, reason: cancelReason! });
    setStatus('cancelled');
    return { status: 'cancelled', attempts };
  };

  let slot: Slot | undefined;
  let attempt = 1;
  for (;;) {
    const wakesBefore = wakes;
    const result = await attemptDelivery({ deliveryId: input.deliveryId, eventId: input.eventId, attempt, slot, forced });
    forced = false;
    if (result.outcome === 'held') {
      // The endpoint (paused, circuit open, over its rate) holds the delivery: no attempt spent,
      // and the same attempt goes again when the wait is over.
      if (result.recorded) setStatus('held');
      slot = result.slot;
      if (await wait(result.waitMs, wakesBefore)) return cancelled(attempt - 1);
      continue;
    }
    slot = undefined;
    if (result.outcome === 'succeeded') return { status: 'succeeded', attempts: attempt };
    if (result.outcome === 'cancelled') {
      setStatus('cancelled');
      return { status: 'cancelled', attempts: attempt - 1 };
    }
    if (result.outcome === 'failed') {
      setStatus('failed', result);
      await noticeOfFailure(input, attempt, result.reason);
      throw ApplicationFailure.nonRetryable(result.reason, 'DeliveryFailed', { deliveryId: input.deliveryId, attempts: attempt });
    }
    setStatus('retrying', result);
    if (await wait(result.retryInMs)) return cancelled(attempt);
    attempt++;
  }
}

/** `delivery.failed` to the project, when it has somewhere to send notices; the notice runs on its own. */
async function noticeOfFailure(input: DeliveryInput, attempts: number, reason: string): Promise<void> {
  if (!(await wantsFailureNotice({ projectId: input.projectId }))) return;
  const id = `ntc_failed_${input.deliveryId}`;
  await startChild(noticeWorkflow, {
    workflowId: `notice/${id}`,
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [
      {
        id,
        projectId: input.projectId,
        type: 'delivery.failed',
        occurredAt: new Date(Date.now()).toISOString(),
        data: { deliveryId: input.deliveryId, eventId: input.eventId, endpointId: input.endpointId, attempts, reason, workflowId: workflowInfo().workflowId },
      },
    ],
  });
}
