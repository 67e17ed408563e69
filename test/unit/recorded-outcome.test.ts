import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordedOutcome } from '../../activities/delivery';
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
