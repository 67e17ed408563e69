/**
 * What an attempt's result means for a delivery: its new record and what the workflow does next.
 * Pure; the delivery activity does the I/O around it.
 */
import type { SendResult } from './send-result';
import type { AttemptContext, DeliveryUpdate } from './repository';
import { nextRetryDelayMs } from './retry-schedule';
import { outcomeOf, parseRetryAfter } from './response';

export type AttemptResult =
  | { outcome: 'succeeded' }
  | { outcome: 'retrying'; retryInMs: number }
  | { outcome: 'failed'; reason: string }
  | { outcome: 'cancelled'; reason: string };

/**
 * The outcome of an attempt that was made and recorded, when a crash lost only the workflow's copy
 * of it: the attempt is not made again, and the wait it chose stands.
 */
export function recordedOutcome(context: AttemptContext, now: Date): AttemptResult | undefined {
  if (context.status === 'succeeded') return { outcome: 'succeeded' };
  if (context.status === 'failed') return { outcome: 'failed', reason: context.statusReason ?? 'failed' };
  if (context.status === 'retrying' && context.nextAttemptAt) {
    return { outcome: 'retrying', retryInMs: Math.max(0, context.nextAttemptAt.getTime() - now.getTime()) };
  }
  return undefined;
}

export interface AttemptFacts {
  result: SendResult;
  /** This attempt's number, from 1. */
  attempt: number;
  endpoint: { id: string };
  scheduleMs: readonly number[];
  /** In [0, 1), for the jitter. */
  random: number;
  startedAt: Date;
}

/** What an endpoint's answer means for the delivery: its new record, and what the workflow does next. */
export function decideAttempt({ result, attempt, endpoint, scheduleMs, random, startedAt }: AttemptFacts): {
  update: DeliveryUpdate;
  answer: AttemptResult;
} {
  const outcome = result.ok ? outcomeOf(result.statusCode) : 'retry';
  if (outcome === 'succeeded') return { update: { status: 'succeeded', reason: null, nextAttemptAt: null }, answer: { outcome: 'succeeded' } };
  if (outcome === 'gone') {
    const reason = 'the endpoint answered 410 Gone; it has been disabled';
    return {
      update: { status: 'failed', reason, nextAttemptAt: null, disableEndpoint: { endpointId: endpoint.id, reason: 'answered 410 Gone' } },
      answer: { outcome: 'failed', reason },
    };
  }
  const retryInMs = nextRetryDelayMs({
    scheduleMs,
    attemptsMade: attempt,
    random,
    retryAfterMs: result.ok ? parseRetryAfter(result.headers['retry-after'], startedAt.getTime()) : undefined,
  });
  const last = result.ok ? `HTTP ${result.statusCode}` : result.errorClass;
  if (retryInMs === undefined) {
    const reason = `no success after ${attempt} attempt${attempt === 1 ? '' : 's'}; the last ended in ${last}`;
    return { update: { status: 'failed', reason, nextAttemptAt: null }, answer: { outcome: 'failed', reason } };
  }
  return {
    update: { status: 'retrying', reason: `attempt ${attempt} ended in ${last}`, nextAttemptAt: new Date(startedAt.getTime() + retryInMs) },
    answer: { outcome: 'retrying', retryInMs },
  };
}

