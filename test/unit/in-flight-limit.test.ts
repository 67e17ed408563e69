import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InFlightLimit } from '../../src/endpoint-health/in-flight-limit';

describe('attempts in flight per endpoint', () => {
  it('gives out places up to the cap, per endpoint, and takes them back', () => {
    const limit = new InFlightLimit(2);
    assert.equal(limit.claim('ep_a', 0), true);
    assert.equal(limit.claim('ep_a', 1), true);
    assert.equal(limit.claim('ep_a', 2), false, 'the third waits');
    assert.equal(limit.claim('ep_b', 2), true, 'another endpoint has places of its own');
    limit.release('ep_a', 0, 10);
    assert.equal(limit.inFlight('ep_a'), 1);
    assert.equal(limit.claim('ep_a', 10), true);
    limit.release('ep_a', 1, 20);
    limit.release('ep_a', 10, 20);
    assert.equal(limit.inFlight('ep_a'), 0);
  });

  it('sends a turned-away delivery back soon for a fast endpoint, the shortest wait being 100 ms', () => {
    const limit = new InFlightLimit(2);
    limit.claim('ep_fast', 0);
    limit.claim('ep_fast', 0);
    limit.release('ep_fast', 0, 20);
    assert.equal(limit.claim('ep_fast', 20), true);
    assert.equal(limit.claim('ep_fast', 20), false);
    assert.equal(limit.waitMs('ep_fast', 20, 15_000, 0), 100);
  });

  it('sends it back no sooner than the oldest attempt in flight has run, up to the timeout, spread by half again', () => {
    const limit = new InFlightLimit(1);
    limit.claim('ep_hung', 0);
    assert.equal(limit.waitMs('ep_hung', 4_000, 15_000, 0), 4_000, 'still hanging after 4 s: come back in 4 s');
    assert.equal(limit.waitMs('ep_hung', 40_000, 15_000, 0), 15_000, 'never past the timeout');
    assert.equal(limit.waitMs('ep_hung', 40_000, 15_000, 0.999), 22_493);
  });

  it('learns how long attempts take from those that ended', () => {
    const limit = new InFlightLimit(2);
    limit.claim('ep_slow', 0);
    limit.claim('ep_slow', 0);
    limit.release('ep_slow', 0, 2_000);
    limit.claim('ep_slow', 2_000);
    limit.release('ep_slow', 0, 2_005);
    // One in flight for 10 ms now, but those that ended took 2 s.
    assert.equal(limit.waitMs('ep_slow', 2_010, 15_000, 0), 2_001);
  });
});
