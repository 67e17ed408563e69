import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slopePerHour, trendOf } from '../../bench/scenarios/trend';

describe('soak trends', () => {
  it('gives a straight line its slope per hour, and a flat one none', () => {
    const rising = [0, 60, 120, 180].map((atS) => ({ atS, value: 10 + atS / 60 }));
    assert.ok(Math.abs(slopePerHour(rising) - 60) < 1e-9);
    assert.equal(slopePerHour([0, 30, 90].map((atS) => ({ atS, value: 5 }))), 0);
  });

  it('has no slope without two distinct times', () => {
    assert.ok(Number.isNaN(slopePerHour([])));
    assert.ok(Number.isNaN(slopePerHour([{ atS: 10, value: 1 }])));
    assert.ok(Number.isNaN(slopePerHour([{ atS: 10, value: 1 }, { atS: 10, value: 2 }])));
  });

  it('sees a figure that grew, then levelled off, as flat in its second half', () => {
    // Up 1 a minute for 10 minutes, then flat for 20: the shape of a table under a 10-minute retention.
    const samples = Array.from({ length: 31 }, (_, minute) => ({ atS: minute * 60, rows: Math.min(minute, 10) }));
    const trend = trendOf(samples, (s) => s.rows);
    assert.equal(trend.first, 0);
    assert.equal(trend.last, 10);
    assert.ok(trend.slopePerHour > 0);
    assert.equal(trend.secondHalfSlopePerHour, 0);
  });

  it('leaves out samples that lack the figure', () => {
    const samples = [{ atS: 0, p99: 10 }, { atS: 60, p99: 20 }, { atS: 120, p99: NaN }];
    const trend = trendOf(samples, (s) => s.p99);
    assert.equal(trend.last, 20);
    assert.ok(Math.abs(trend.slopePerHour - 600) < 1e-9);
  });
});
