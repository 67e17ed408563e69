/**
 * What an attempt's result means for a delivery: its new record and what the workflow does next.
 * Pure; the delivery activity does the I/O around it.
 */
import type { SendErrorClass, SendResult } from './send-result';
import type { AttemptContext, DeliveryUpdate } from './repository';
import { nextRetryDelayMs } from './retry-schedule';
import { outcomeOf, parseRetryAfter } from './response';

/**
 * What an attempt's answer shows of the send, in the local activity's result that the Temporal
 * Web UI displays: the status code or how the request failed, and how long it took. Never a body,
 * a header or a secret. Absent when the outcome was read back from the record after a crash.
 */
export interface SentFacts {
  statusCode?: number | null;
  errorClass?: SendErrorClass | null;
  durationMs?: number;
}

export type AttemptResult =
  | ({ outcome: 'succeeded' } & SentFacts)
  | ({ outcome: 'retrying'; retryInMs: number } & SentFacts)
  | ({ outcome: 'failed'; reason: string } & SentFacts)
  | { outcome: 'cancelled'; reason: string };

export function sentFacts(result: SendResult): Required<SentFacts> {
  return result.ok
    ? { statusCode: result.statusCode, errorClass: null, durationMs: result.durationMs }
    : { statusCode: result.statusCode ?? null, errorClass: result.errorClass, durationMs: result.durationMs };
}

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
  const sent = sentFacts(result);
  if (outcome === 'succeeded') return { update: { status: 'succeeded', reason: null, nextAttemptAt: null }, answer: { outcome: 'succeeded', ...sent } };
  if (outcome === 'gone') {
    const reason = 'the endpoint answered 410 Gone; it has been disabled';
    return {
      update: { status: 'failed', reason, nextAttemptAt: null, disableEndpoint: { endpointId: endpoint.id, reason: 'answered 410 Gone' } },
      answer: { outcome: 'failed', reason, ...sent },
    };
  }
  const retryInMs = nextRetryDelayMs({
    scheduleMs,
    attemptsMade: attempt,
    random,
    retryAfterMs: result.ok ? parseRetryAfter(result.headers['retry-after'], startedAt.getTime()) : undefined,
  });
  const last = result.ok ? `HTTP ${result.statusCode}` : result.statusCode === undefined ? result.errorClass : `HTTP ${result.statusCode} cut short by ${result.errorClass}`;
  if (retryInMs === undefined) {
    const reason = `no success after ${attempt} attempt${attempt === 1 ? '' : 's'}; the last ended in ${last}`;
    return { update: { status: 'failed', reason, nextAttemptAt: null }, answer: { outcome: 'failed', reason, ...sent } };
  }
  return {
    update: { status: 'retrying', reason: `attempt ${attempt} ended in ${last}`, nextAttemptAt: new Date(startedAt.getTime() + retryInMs) },
    answer: { outcome: 'retrying', retryInMs, ...sent },
  };
}

