import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reconcile } from '../chaos/reconcile';

describe("a chaos run's reconciliation", () => {
  it('finds each accepted event at each of its endpoints, counting repeats and the longest wait', () => {
    const result = reconcile(
      [
        { key: 'http:1', at: 1_000, endpoints: ['/ep-1', '/ep-11'] },
        { key: 'kafka:1', at: 2_000, endpoints: ['/ep-1'] },
      ],
      [
        { key: 'http:1', endpoint: '/ep-1', at: 1_100 },
        { key: 'http:1', endpoint: '/ep-11', at: 4_000 },
        { key: 'http:1', endpoint: '/ep-11', at: 4_500 },
        { key: 'kafka:1', endpoint: '/ep-1', at: 2_050 },
      ],
    );
    assert.deepEqual(result.lost, []);
    assert.equal(result.expected, 3);
    assert.equal(result.delivered, 3);
    assert.equal(result.duplicates, 1);
    assert.equal(result.duplicateRate, 0.25);
    assert.equal(result.longestDelayMs, 3_000);
    assert.deepEqual(result.bySource, { http: 1, kafka: 1 });
  });

  it('names every pair that never arrived, and ignores receipts of events nobody saw accepted', () => {
    const result = reconcile([{ key: 'redis:7', at: 0, endpoints: ['/ep-2', '/ep-12'] }], [
      { key: 'redis:7', endpoint: '/ep-2', at: 10 },
      { key: 'redis:8', endpoint: '/ep-2', at: 10 },
    ]);
    assert.deepEqual(result.lost, [{ key: 'redis:7', endpoint: '/ep-12' }]);
    assert.equal(result.delivered, 1);
  });
});
