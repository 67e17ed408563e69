import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_RETRY_SCHEDULE,
  MAX_RETRY_AFTER_MS,
  maxAttempts,
  nextRetryDelayMs,
  parseSchedule,
} from '../../src/deliveries/retry-schedule';
import { outcomeOf, parseRetryAfter } from '../../src/deliveries/response';

describe('retry schedule', () => {
  it('defaults to the Standard Webhooks example: ten attempts over about three days', () => {
    const schedule = parseSchedule(DEFAULT_RETRY_SCHEDULE);
    assert.equal(maxAttempts(schedule), 10);
    const total = schedule.reduce((sum, ms) => sum + ms, 0);
    assert.equal(total, (5 + 300 + 1800) * 1000 + (2 + 5 + 10 + 14 + 20 + 24) * 3_600_000);
    assert.throws(() => parseSchedule(['5s', 'soon']), /retrySchedule\[1\] "soon"/);
    assert.deepEqual(parseSchedule(['999999999d']), [7 * 86_400_000], 'a schedule stored before its bound is held to it');
  });

  it('waits the scheduled time, spread by at most ±20%, then gives up', () => {
    const scheduleMs = [10_000, 60_000];
    assert.equal(nextRetryDelayMs({ scheduleMs, attemptsMade: 1, random: 0.5 }), 10_000);
    assert.equal(nextRetryDelayMs({ scheduleMs, attemptsMade: 1, random: 0 }), 8_000);
    assert.equal(nextRetryDelayMs({ scheduleMs, attemptsMade: 1, random: 0.999999 }), 12_000);
    assert.equal(nextRetryDelayMs({ scheduleMs, attemptsMade: 2, random: 0.5 }), 60_000);
    assert.equal(nextRetryDelayMs({ scheduleMs, attemptsMade: 3, random: 0.5 }), undefined);
    assert.equal(nextRetryDelayMs({ scheduleMs: [], attemptsMade: 1, random: 0.5 }), undefined, 'no retries at all');
  });

  it('honours Retry-After when it asks for longer, within a bound, and never sooner', () => {
    const scheduleMs = [10_000];
    assert.equal(nextRetryDelayMs({ scheduleMs, attemptsMade: 1, random: 0.5, retryAfterMs: 120_000 }), 120_000);
    assert.equal(nextRetryDelayMs({ scheduleMs, attemptsMade: 1, random: 0.5, retryAfterMs: 1_000 }), 10_000);
    assert.equal(nextRetryDelayMs({ scheduleMs, attemptsMade: 1, random: 0.5, retryAfterMs: 90 * 86_400_000 }), MAX_RETRY_AFTER_MS);
    assert.equal(nextRetryDelayMs({ scheduleMs, attemptsMade: 2, random: 0.5, retryAfterMs: 5_000 }), undefined, 'spent is spent');
  });
});

describe('endpoint responses', () => {
  it('succeed on 2xx only; 410 means gone; redirects and errors are retried', () => {
    for (const status of [200, 201, 202, 204, 299]) assert.equal(outcomeOf(status), 'succeeded');
    assert.equal(outcomeOf(410), 'gone');
    for (const status of [100, 301, 302, 307, 308, 400, 404, 429, 500, 503]) assert.equal(outcomeOf(status), 'retry', String(status));
  });

  it('read Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Tue, 24 Nov 2026 12:01:30 GMT', now), 90_000);
    assert.equal(parseRetryAfter('Tue, 24 Nov 2026 11:00:00 GMT', now), 0, 'a past date means now');
    assert.equal(parseRetryAfter(' 2026 ', now), 2_026_000);
    for (const bad of [undefined, '', 'soon', '-5', '1.5', '2026-11-24']) assert.equal(parseRetryAfter(bad, now), undefined, String(bad));
  });
});
