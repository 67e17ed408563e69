/**
 * The short chaos run (`npm run chaos` is the long one): under load from every source, the API,
 * the worker, the consumers, Temporal, PostgreSQL and Kafka are each killed with SIGKILL once and
 * brought back; afterwards every accepted event has reached each of its endpoints, and no delivery
 * is left unfinished.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeReport, runChaos } from '../chaos/chaos';

it('loses nothing and leaves nothing stuck while each part of the gateway is killed in turn', async () => {
  const report = await runChaos({
    loadMs: 120_000,
    faultEveryMs: 20_000,
    downMs: 4_000,
    drainTimeoutMs: 240_000,
    rates: { http: 4, inbound: 1, kafka: 2, broker: 0.5 },
    env: process.env,
    say: (line) => process.stdout.write(`chaos: ${line}\n`),
  });
  process.stdout.write(`${describeReport(report).map((line) => `chaos: ${line}`).join('\n')}\n`);
  assert.deepEqual(report.faults.map((fault) => fault.component).sort(), ['api', 'consumers', 'kafka', 'postgres', 'temporal', 'worker']);
  assert.ok(report.sources.includes('kafka') && report.sources.includes('http') && report.sources.includes('inbound'));
  for (const source of report.sources) assert.ok((report.bySource[source] ?? 0) > 0, `${source} had events accepted`);
  assert.deepEqual(report.lost, [], 'every accepted event reached each of its endpoints');
  assert.deepEqual(report.stuck, {}, 'no delivery left unfinished or failed');
  assert.notEqual(report.drainMs, null);
});
