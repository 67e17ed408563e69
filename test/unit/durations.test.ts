import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration, parseDuration, parseDurationUpTo } from '../../src/durations';

describe('durations', () => {
  it('reads durations', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('5s'), 5_000);
    assert.equal(parseDuration('5m'), 300_000);
    assert.equal(parseDuration('2h'), 7_200_000);
    assert.equal(parseDuration('1d'), 86_400_000);
    for (const bad of ['5', 's', '1.5h', '-5s', '5 minutes', '5S', '']) assert.equal(parseDuration(bad), undefined, bad);
  });

  it('reads a setting as at most its bound, so a row stored before the bound cannot overflow a date', () => {
    assert.equal(parseDurationUpTo('999999999d', '7d'), 7 * 86_400_000);
    assert.equal(parseDurationUpTo('5m', '7d'), 300_000);
    assert.equal(parseDurationUpTo('soon', '7d'), undefined);
  });

  it('writes them back in the largest unit that fits, whole hours from a day on', () => {
    assert.equal(formatDuration(1_250), '1.3s');
    assert.equal(formatDuration(90_000), '1.5m');
    assert.equal(formatDuration(5_400_000), '1.5h');
    assert.equal(formatDuration(86_400_000), '24h');
    assert.equal(formatDuration(90_000_000), '25h');
  });
});
