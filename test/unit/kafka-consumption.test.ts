import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pauseAfter } from '../../src/brokers/ingest-chunk';
import { Throughput } from '../../src/brokers/throughput';
import { chunksOf, lagOf, offsetAfter } from '../../src/brokers/kafka/consumption';

describe('consuming a partition', () => {
  it('cuts a batch into chunks in order, the last one shorter', () => {
    const items = Array.from({ length: 1203 }, (_, i) => i);
    const chunks = chunksOf(items, 500);
    assert.deepEqual(chunks.map((c) => c.length), [500, 500, 203]);
    assert.deepEqual(chunks.flat(), items);
    assert.deepEqual(chunksOf([], 500), []);
  });

  it('commits the offset after the last message, beyond 2^53 too', () => {
    assert.equal(offsetAfter('0'), '1');
    assert.equal(offsetAfter('41'), '42');
    assert.equal(offsetAfter('9007199254740993'), '9007199254740994');
  });

  it('rests a failing partition 1 s, then twice as long each time, never more than 30 s', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 20].map(pauseAfter), [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('reports lag per partition: from the committed offset, or from the log start before any commit', () => {
    const lag = lagOf(
      [
        { partition: 0, offset: '40' },
        { partition: 1, offset: '-1' },
        { partition: 2, offset: '12' },
      ],
      [
        { partition: 2, high: '12', low: '0' },
        { partition: 0, high: '100', low: '0' },
        { partition: 1, high: '30', low: '5' },
      ],
    );
    assert.deepEqual(lag, [
      { partition: 0, committedOffset: '40', highWatermark: '100', lag: '60' },
      { partition: 1, committedOffset: null, highWatermark: '30', lag: '25' },
      { partition: 2, committedOffset: '12', highWatermark: '12', lag: '0' },
    ]);
  });

  it('counts a partition the group has never heard of as wholly unread, and never lags below zero', () => {
    const lag = lagOf([{ partition: 0, offset: '15' }], [
      { partition: 0, high: '10', low: '0' },
      { partition: 1, high: '7', low: '2' },
    ]);
    assert.deepEqual(lag.map((p) => p.lag), ['0', '5']);
  });
});

describe('throughput over the last minute', () => {
  it('averages over the time since start while shorter than a minute', () => {
    const meter = new Throughput(0);
    meter.add(100, 500);
    meter.add(100, 1_500);
    assert.equal(meter.perSecond(2_000), 100);
  });

  it('forgets what is older than a minute', () => {
    const meter = new Throughput(0);
    meter.add(6_000, 1_000);
    assert.equal(meter.perSecond(60_000), 100);
    meter.add(60, 61_000);
    assert.equal(meter.perSecond(61_500), 1);
    assert.equal(meter.perSecond(200_000), 0);
  });
});
