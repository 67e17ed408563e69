/**
 * When to try a delivery again. Pure and deterministic given its inputs, so the delivery
 * workflow can run it in Temporal's sandbox with the workflow's seeded `Math.random()`.
 *
 * A schedule lists the waits before each retry; the first attempt goes out at once. The default
 * is the Standard Webhooks example: immediately, then 5s, 5m, 30m, 2h, 5h, 10h, 14h, 20h and
 * 24h later, ten attempts over about three days.
 */
import { parseDurationUpTo } from '../durations';

export const DEFAULT_RETRY_SCHEDULE = ['5s', '5m', '30m', '2h', '5h', '10h', '14h', '20h', '24h'] as const;

/** Each wait is spread by up to ±20%, so endpoints that failed together do not retry together. */
export const JITTER = 0.2;

/** The longest wait a retry schedule may ask for between two attempts. */
export const MAX_RETRY_WAIT = '7d';

/** A Retry-After longer than this is treated as this: a receiver cannot park a delivery for weeks. */
export const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/** The schedule in milliseconds; throws on the first entry that is not a duration. */
export function parseSchedule(schedule: readonly string[]): number[] {
  return schedule.map((entry, i) => {
    const ms = parseDurationUpTo(entry, MAX_RETRY_WAIT);
    if (ms === undefined) throw new Error(`retrySchedule[${i}] "${entry}" is not a duration like "30s", "5m", "2h" or "1d"`);
    return ms;
  });
}

export interface NextRetry {
  /** Waits before each retry, in milliseconds. */
  scheduleMs: readonly number[];
  /** Attempts made so far, the failed one included (1 after the first attempt). */
  attemptsMade: number;
  /** A number in [0, 1): in a workflow, its deterministic Math.random(). */
  random: number;
  /** What the endpoint asked for in Retry-After, if anything. */
  retryAfterMs?: number;
}

/**
 * How long to wait before the next attempt, or undefined when the schedule is spent and the
 * delivery has failed. A Retry-After is honoured when it asks for longer than the schedule (up
 * to MAX_RETRY_AFTER_MS); it never makes a retry come sooner than scheduled.
 */
export function nextRetryDelayMs({ scheduleMs, attemptsMade, random, retryAfterMs }: NextRetry): number | undefined {
  const base = scheduleMs[attemptsMade - 1];
  if (base === undefined) return undefined;
  const jittered = Math.round(base * (1 - JITTER + 2 * JITTER * random));
  const asked = retryAfterMs === undefined ? 0 : Math.min(Math.max(retryAfterMs, 0), MAX_RETRY_AFTER_MS);
  return Math.max(jittered, asked);
}

/** Attempts a schedule allows in all: the first one and one per wait. */
export function maxAttempts(scheduleMs: readonly number[]): number {
  return scheduleMs.length + 1;
}
