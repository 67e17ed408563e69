import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mustQueue, queueRefuses, roomIn } from '../../src/deliveries/start-window';

describe('the start window', () => {
  it('starts new deliveries inline while they fit beside those in flight', () => {
    assert.equal(mustQueue({ inFlight: 0, queuedAhead: false }, 50, 200), false);
    assert.equal(mustQueue({ inFlight: 150, queuedAhead: false }, 50, 200), false, 'exactly full is still room');
    assert.equal(mustQueue({ inFlight: 151, queuedAhead: false }, 50, 200), true);
  });

  it('queues a call bigger than the whole window, even when nothing is in flight', () => {
    assert.equal(mustQueue({ inFlight: 0, queuedAhead: false }, 500, 200), true);
  });

  it('never lets new deliveries overtake their project\'s queued ones, however empty the window', () => {
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

  it('refuses a project only when the queue is full and the project holds its share of it', () => {
    const counts = (byProject: Record<string, number>) => ({ total: Object.values(byProject).reduce((a, b) => a + b, 0), byProject: new Map(Object.entries(byProject)) });
    assert.equal(queueRefuses(counts({ flood: 99 }), 'flood', 100), false, 'below the limit: everyone is taken');
    assert.equal(queueRefuses(counts({ flood: 100 }), 'flood', 100), true);
    assert.equal(queueRefuses(counts({ flood: 100 }), 'quiet', 100), false, 'a project with nothing queued is taken');
    assert.equal(queueRefuses(counts({ flood: 90, quiet: 10 }), 'quiet', 100), false, 'below its half');
    assert.equal(queueRefuses(counts({ flood: 90, quiet: 10 }), 'flood', 100), true);
    assert.equal(queueRefuses(counts({ flood: 50, quiet: 50 }), 'quiet', 100), true, 'at its half');
    assert.equal(queueRefuses(counts({ a: 40, b: 40, c: 30 }), 'c', 100), false, 'a third is 33.3');
    assert.equal(queueRefuses(counts({ a: 40, b: 40, c: 30 }), 'a', 100), true);
  });
});
