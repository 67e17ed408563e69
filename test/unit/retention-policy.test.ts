import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstIdAt, newId } from '../../src/ids';
import { retentionSchema, sweepLines } from '../../src/retention/policy';

const DAY = 86_400_000;

describe('retention lines', () => {
  it('draws the event line at the first id of the cutoff millisecond: earlier ids sort below it, later ones above', () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    const { eventsBefore } = sweepLines('30d', [], now);
    assert.equal(eventsBefore, firstIdAt('evt', now - 30 * DAY));
    const justBefore = newId('evt', now - 30 * DAY - 1, new Uint8Array(10).fill(255));
    const atTheLine = newId('evt', now - 30 * DAY, new Uint8Array(10));
    assert.ok(justBefore < eventsBefore);
    assert.ok(!(atTheLine < eventsBefore));
  });

  it('keeps inbound events for the longest dedupe window of the project\'s sources', () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    assert.deepEqual(sweepLines('1d', [7 * DAY, 30 * DAY], now).receiptsAfter, new Date(now - 30 * DAY));
    assert.deepEqual(sweepLines('1d', [], now).receiptsAfter, new Date(now));
  });

  it('reads an unreadable stored retention as the default, and a stored one over the bound as the bound', () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    assert.equal(sweepLines('garbled', [], now).eventsBefore, firstIdAt('evt', now - 30 * DAY));
    assert.equal(sweepLines('99999d', [], now).eventsBefore, firstIdAt('evt', now - 3650 * DAY));
  });

  it('takes a retention from ten minutes to ten years', () => {
    for (const ok of ['10m', '1h', '1d', '30d', '3650d']) assert.equal(retentionSchema.safeParse(ok).success, true, ok);
    for (const bad of ['9m', '3651d', '30 days', '']) assert.equal(retentionSchema.safeParse(bad).success, false, bad);
  });
});
