import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenBuckets } from '../../src/token-buckets';

describe('token buckets', () => {
  const limit = { perSecond: 10, burst: 500 };

  it('lets a burst through at once, then one event per 1/perSecond', () => {
    const buckets = new TokenBuckets();
    assert.equal(buckets.take('p', limit, 500, 0), 0);
    assert.equal(buckets.take('p', limit, 1, 0), 100, 'one token is 100 ms away');
    assert.ok(Math.abs(buckets.take('p', limit, 1, 50) - 50) <= 1, 'half a token refilled: about 50 ms');
    assert.equal(buckets.take('p', limit, 1, 100), 0);
    assert.equal(buckets.take('p', limit, 5, 300), 300, 'two tokens refilled, three missing');
    assert.equal(buckets.take('p', limit, 2, 300), 0, 'a refusal spends nothing');
  });

  it('counts a batch as its events, and never refills beyond the burst', () => {
    const buckets = new TokenBuckets();
    assert.equal(buckets.take('p', limit, 400, 0), 0);
    assert.equal(buckets.take('p', limit, 200, 0), 10_000);
    assert.equal(buckets.take('p', limit, 500, 3_600_000), 0, 'an hour idle gives back the burst');
    assert.equal(buckets.take('p', limit, 1, 3_600_000), 100);
  });

  it('keeps keys apart', () => {
    const buckets = new TokenBuckets();
    assert.equal(buckets.take('flood', limit, 500, 0), 0);
    assert.ok(buckets.take('flood', limit, 1, 0) > 0);
    assert.equal(buckets.take('quiet', limit, 1, 0), 0);
  });

  it('forgets full buckets, so idle keys cost no memory', () => {
    const slow = { perSecond: 1, burst: 500 };
    const buckets = new TokenBuckets();
    buckets.take('a', slow, 1, 0);
    buckets.take('b', slow, 500, 0);
    assert.equal(buckets.size, 2);
    buckets.take('c', slow, 1, 60_000);
    assert.equal(buckets.size, 2, 'a refilled after 1 s and is dropped; b (500 s to refill) and c stay');
    buckets.take('c', slow, 1, 600_000);
    assert.equal(buckets.size, 1, 'b is full again and dropped');
  });
});
