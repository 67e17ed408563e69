import assert from 'node:assert/strict';
import { test } from 'node:test';
import { healthChart } from '../../src/portal/views/endpoints';

const HOUR = 3_600_000;

test('the health chart draws one stacked bar per hour that had attempts, scaled to the busiest', () => {
  const now = Date.UTC(2026, 11, 2, 12, 30);
  const chart = healthChart(
    [
      { start: new Date(Date.UTC(2026, 11, 2, 10)), succeeded: 8, failed: 2 },
      { start: new Date(Date.UTC(2026, 11, 2, 12)), succeeded: 5, failed: 0 },
      { start: new Date(now - 30 * HOUR), succeeded: 99, failed: 99 },
    ],
    24,
    now,
  ).markup;
  const heights = [...chart.matchAll(/<rect class="(ok|bad)" x="([\d.]+)" y="[\d.]+" width="[\d.]+" height="([\d.]+)"/g)].map((m) => [m[1], Number(m[2]), Number(m[3])]);
  assert.equal(heights.length, 4, 'two hours in the window, two rects each; the one outside it is not drawn');
  const slot = 720 / 24;
  assert.deepEqual(heights.map(([kind, x]) => [kind, Math.round(Number(x) / slot)]), [['ok', 21], ['bad', 21], ['ok', 23], ['bad', 23]]);
  assert.equal(heights[0]![2], 88, 'the busiest hour fills the height less the margin (8 of 10)');
  assert.equal(heights[1]![2], 22);
  assert.equal(heights[3]![2], 0);
  assert.match(chart, /aria-label="Attempts per hour over the last 24 hours: 13 succeeded, 2 failed"/, 'the totals are those of the hours drawn');
});
