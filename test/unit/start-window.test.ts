import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mustQueue, roomIn } from '../../src/deliveries/start-window';

describe('the start window', () => {
  it('starts new deliveries inline while they fit beside those in flight', () => {
    assert.equal(mustQueue({ inFlight: 0, queuedAhead: false }, 50, 200), false);
    assert.equal(mustQueue({ inFlight: 150, queuedAhead: false }, 50, 200), false, 'exactly full is still room');
    assert.equal(mustQueue({ inFlight: 151, queuedAhead: false }, 50, 200), true);
  });

  it('queues a call bigger than the whole window, even when nothing is in flight', () => {
    assert.equal(mustQueue({ inFlight: 0, queuedAhead: false }, 500, 200), true);
  });

  it('never lets new deliveries overtake queued ones, however empty the window', () => {
    assert.equal(mustQueue({ inFlight: 0, queuedAhead: true }, 1, 200), true);
  });

  it('has nothing to queue for a call without deliveries', () => {
    assert.equal(mustQueue({ inFlight: 500, queuedAhead: true }, 0, 200), false);
  });

  it('gives the reconciler the room left, never less than none', () => {
    assert.equal(roomIn(0, 200), 200);
    assert.equal(roomIn(180, 200), 20);
    assert.equal(roomIn(250, 200), 0);
  });
});
