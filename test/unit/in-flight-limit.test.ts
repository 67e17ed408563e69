import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { busyWaitMs, InFlightLimit } from '../../src/endpoint-health/in-flight-limit';

describe('attempts in flight per endpoint', () => {
  it('gives out places up to the cap, per endpoint, and takes them back', () => {
    const limit = new InFlightLimit(2);
    assert.equal(limit.claim('ep_a'), true);
    assert.equal(limit.claim('ep_a'), true);
    assert.equal(limit.claim('ep_a'), false, 'the third waits');
    assert.equal(limit.claim('ep_b'), true, 'another endpoint has places of its own');
    limit.release('ep_a');
    assert.equal(limit.inFlight('ep_a'), 1);
    assert.equal(limit.claim('ep_a'), true);
    limit.release('ep_a');
    limit.release('ep_a');
    assert.equal(limit.inFlight('ep_a'), 0);
  });

  it('sends a turned-away delivery back after the endpoint\'s timeout, spread by up to half again', () => {
    assert.equal(busyWaitMs(10_000, 0), 10_000);
    assert.equal(busyWaitMs(10_000, 0.999), 14_995);
  });
});
