import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideAttempt, recordedOutcome, type AttemptFacts } from '../../src/deliveries/attempt-decision';
import type { AttemptContext } from '../../src/deliveries/repository';

describe('an attempt re-run after a crash that followed its recording', () => {
  const base: AttemptContext = {
    status: 'retrying',
    statusReason: 'attempt 2 ended in HTTP 500',
    attemptCount: 2,
    nextAttemptAt: new Date('2026-11-24T12:10:00Z'),
    eventId: 'evt_1',
    endpointId: 'ep_1',
    endpointVersion: 1,
    createdAt: new Date('2026-11-24T11:59:00Z'),
  };
  const now = new Date('2026-11-24T12:00:00Z');

  it('returns what was recorded instead of sending again', () => {
    assert.deepEqual(recordedOutcome({ ...base, status: 'succeeded' }, now), { outcome: 'succeeded' });
    assert.deepEqual(recordedOutcome({ ...base, status: 'failed', statusReason: 'gone' }, now), { outcome: 'failed', reason: 'gone' });
  });

  it('keeps the wait the attempt chose, less the time already passed', () => {
    assert.deepEqual(recordedOutcome(base, now), { outcome: 'retrying', retryInMs: 600_000 });
    assert.deepEqual(recordedOutcome(base, new Date('2026-11-24T13:00:00Z')), { outcome: 'retrying', retryInMs: 0 });
  });

  it('has nothing to say about a delivery that was never attempted', () => {
    assert.equal(recordedOutcome({ ...base, status: 'pending', nextAttemptAt: null }, now), undefined);
  });
});

describe('what an attempt\'s result means', () => {
  const startedAt = new Date('2026-11-24T12:00:00Z');
  const facts = (result: AttemptFacts['result'], attempt = 1): AttemptFacts => ({
    result,
    attempt,
    endpoint: { id: 'ep_1' },
    scheduleMs: [5_000, 60_000],
    random: 0.5,
    startedAt,
  });
  const answered = (statusCode: number, headers: Record<string, string> = {}) => ({ ok: true as const, statusCode, headers, body: '', durationMs: 3 });

  it('a 2xx succeeds', () => {
    assert.deepEqual(decideAttempt(facts(answered(204))), {
      update: { status: 'succeeded', reason: null, nextAttemptAt: null },
      answer: { outcome: 'succeeded', statusCode: 204, errorClass: null, durationMs: 3 },
    });
  });

  it('a 410 fails at once and disables the endpoint', () => {
    const { update, answer } = decideAttempt(facts(answered(410)));
    assert.equal(answer.outcome, 'failed');
    assert.equal(update.status, 'failed');
    assert.deepEqual(update.disableEndpoint, { endpointId: 'ep_1', reason: 'answered 410 Gone' });
  });

  it('anything else waits for the next slot of the schedule, then fails when it is spent', () => {
    const first = decideAttempt(facts(answered(500)));
    assert.deepEqual(first.answer, { outcome: 'retrying', retryInMs: 5_000, statusCode: 500, errorClass: null, durationMs: 3 });
    assert.deepEqual(first.update.nextAttemptAt, new Date(startedAt.getTime() + 5_000));
    assert.equal(first.update.reason, 'attempt 1 ended in HTTP 500');
    const timedOut = decideAttempt(facts({ ok: false, errorClass: 'timeout', error: 'x', durationMs: 15_000 }, 2));
    assert.deepEqual(timedOut.answer, { outcome: 'retrying', retryInMs: 60_000, statusCode: null, errorClass: 'timeout', durationMs: 15_000 }, 'what the Web UI shows: the class, no code');
    const spent = decideAttempt(facts(answered(302), 3));
    assert.deepEqual(spent.answer, { outcome: 'failed', reason: 'no success after 3 attempts; the last ended in HTTP 302', statusCode: 302, errorClass: null, durationMs: 3 });
  });

  it('a 2xx whose body broke off does not count: the attempt is retried, and says what began and how it ended', () => {
    const cut = decideAttempt(facts({ ok: false, errorClass: 'connection_reset', error: 'ECONNRESET: reset', durationMs: 9, statusCode: 200, headers: {}, body: 'par' }));
    assert.deepEqual(cut.answer, { outcome: 'retrying', retryInMs: 5_000, statusCode: 200, errorClass: 'connection_reset', durationMs: 9 });
    assert.equal(cut.update.reason, 'attempt 1 ended in HTTP 200 cut short by connection_reset');
  });

  it('a Retry-After longer than the schedule wins', () => {
    assert.deepEqual(decideAttempt(facts(answered(429, { 'retry-after': '120' }))).answer, { outcome: 'retrying', retryInMs: 120_000, statusCode: 429, errorClass: null, durationMs: 3 });
  });
});
