import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../../src/config';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { request } from '../support/http';
import { scrape, type Scrape } from '../support/metrics';
import { eventually } from '../support/receiver';
import { startTestApi } from '../support/api';
import { logEntry, uniqueName } from '../support/services';

describe('Prometheus metrics, on the real stack', () => {
  let stack: DeliveryStack;
  const metricsUrl = () => `${stack.test.api.url}/metrics`;

  before(async () => {
    stack = await startDeliveryStack();
  });
  after(async () => {
    await stack?.stop();
  });

  /** Waits until `probe` holds of a fresh scrape (counters move a moment after the database records). */
  const scrapeUntil = (what: string, probe: (s: Scrape) => boolean, timeoutMs?: number) =>
    eventually(
      what,
      async () => {
        const s = await scrape(metricsUrl());
        return probe(s) ? s : undefined;
      },
      timeoutMs,
    );

  it('counts events taken in and refused, attempts by answer, deliveries ended, and their latencies', async () => {
    await stack.endpoint('/fine', { eventTypes: ['fine.*'] });
    await stack.endpoint('/flaky', { eventTypes: ['flaky.*'], retrySchedule: ['1s'] });
    stack.receiver.script('/flaky', [{ status: 503 }, { status: 200 }]);
    const was = await scrape(metricsUrl());

    const http = stack.project.http;
    const posted = [
      await http.post('/v1/events', { eventType: 'fine.one', payload: { n: 1 } }),
      await http.post('/v1/events', { eventType: 'fine.two', payload: { n: 2 } }),
      await http.post('/v1/events/batch', { events: [{ eventType: 'fine.three', payload: {} }, { eventType: 'fine.four', payload: {} }] }),
      await http.post('/v1/events', { eventType: 'flaky.one', payload: {} }),
    ];
    assert.deepEqual(posted.map((p) => p.status), [202, 202, 202, 202]);
    assert.equal((await http.post('/v1/events', { payload: {} })).status, 400);
    await stack.receiver.waitFor('/fine', 4);
    await stack.receiver.waitFor('/flaky', 2);

    const delta = (s: Scrape, name: string, labels?: Record<string, string>) => s.value(name, labels) - was.value(name, labels);
    const now = await scrapeUntil('five deliveries counted as succeeded', (s) => delta(s, 'switchyard_deliveries_total', { outcome: 'succeeded' }) >= 5);
    assert.equal(delta(now, 'switchyard_deliveries_total', { outcome: 'succeeded' }), 5);
    assert.equal(delta(now, 'switchyard_ingest_events_total', { source: 'api', outcome: 'accepted' }), 5, 'events, not requests: the batch counts two');
    assert.equal(delta(now, 'switchyard_ingest_events_total', { source: 'api', outcome: 'rejected' }), 1);
    assert.equal(delta(now, 'switchyard_ingest_duration_seconds_count', { source: 'api' }), 5, 'one observation per request');
    assert.equal(delta(now, 'switchyard_delivery_attempts_total', { status_class: '2xx', outcome: 'succeeded' }), 5);
    assert.equal(delta(now, 'switchyard_delivery_attempts_total', { status_class: '5xx', outcome: 'retrying' }), 1);
    assert.equal(delta(now, 'switchyard_delivery_attempt_duration_seconds_count'), 6);
    assert.equal(delta(now, 'switchyard_delivery_latency_seconds_count'), 5);
    // The flaky one waited its 1 s retry: at least one end-to-end latency above a second.
    assert.ok(delta(now, 'switchyard_delivery_latency_seconds_bucket', { le: '1' }) <= 4, 'the retried delivery took over a second end to end');
    assert.ok(delta(now, 'switchyard_delivery_latency_seconds_sum') > 1);

    assert.ok(now.names.has('switchyard_deliveries_waiting'));
    assert.ok(now.value('switchyard_endpoints', { status: 'active', circuit: 'closed' }) >= 2);
    assert.ok([...now.names].some((name) => name.startsWith('temporal_')), "the Temporal SDK's own metrics are included");
    assert.ok(now.value('process_cpu_seconds_total') > 0, "the process's own");
    assert.doesNotMatch(now.text, new RegExp(stack.project.id), 'no project id in any label');
  });

  it('counts inbound webhooks taken in, repeated and refused', async () => {
    const ep = await stack.endpoint('/from-github', { eventTypes: ['github.*'] });
    const secret = 'inbound-metrics-secret';
    const source = await stack.project.http.post('/v1/sources', { name: 'gh', provider: 'github', secrets: [secret], routes: [{ endpointIds: [ep.id] }] });
    assert.equal(source.status, 201);
    const { sign } = await import('@octokit/webhooks-methods');
    const body = JSON.stringify({ zen: 'metrics' });
    const post = async (signature: string) =>
      (
        await fetch(`${stack.test.api.url}/in/${source.body.id}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': 'delivery-1', 'x-hub-signature-256': signature },
          body,
        })
      ).status;
    const was = await scrape(metricsUrl());
    assert.equal(await post(await sign(secret, body)), 202);
    assert.equal(await post(await sign(secret, body)), 202, 'a repeat is answered as the first');
    assert.equal(await post(await sign('forged', body)), 401);
    const now = await scrape(metricsUrl());
    const delta = (outcome: string) => now.value('switchyard_ingest_events_total', { source: 'inbound', outcome }) - was.value('switchyard_ingest_events_total', { source: 'inbound', outcome });
    assert.deepEqual([delta('accepted'), delta('duplicate'), delta('rejected')], [1, 1, 1]);
    assert.equal(now.value('switchyard_ingest_duration_seconds_count', { source: 'inbound' }) - was.value('switchyard_ingest_duration_seconds_count', { source: 'inbound' }), 3);
  });

  it('shows endpoints by status and by the circuit their entity last copied', async () => {
    const ep = await stack.endpoint('/tripping', {
      eventTypes: ['trip.*'],
      retrySchedule: Array(20).fill('1s'),
      circuitBreaker: { consecutiveFailures: 2, minAttempts: 1000, coolDown: '1m' },
    });
    stack.receiver.script('/tripping', [{ status: 500 }]);
    const was = await scrape(metricsUrl());
    for (let i = 0; i < 3; i++) assert.equal((await stack.project.http.post('/v1/events', { eventType: 'trip.x', payload: { i } })).status, 202);

    await scrapeUntil(
      'an open circuit',
      (s) => s.value('switchyard_endpoints', { status: 'active', circuit: 'open' }) === was.value('switchyard_endpoints', { status: 'active', circuit: 'open' }) + 1,
    );
    const row = await stack.workerDb.query('SELECT circuit_state FROM endpoints WHERE id = $1', [ep.id]);
    assert.equal(row.rows[0].circuit_state, 'open');

    assert.equal((await stack.project.http.post(`/v1/endpoints/${ep.id}/pause`, {})).status, 200);
    assert.equal((await stack.project.http.post(`/v1/endpoints/${ep.id}/reset-circuit`, {})).status, 200);
    const closed = await scrapeUntil('the circuit closed again, the endpoint paused', (s) => s.value('switchyard_endpoints', { status: 'paused', circuit: 'closed' }) >= 1);
    assert.equal(closed.value('switchyard_endpoints', { circuit: 'open' }), was.value('switchyard_endpoints', { circuit: 'open' }));
    assert.equal((await stack.workerDb.query('SELECT circuit_state FROM endpoints WHERE id = $1', [ep.id])).rows[0].circuit_state, 'closed');
  });

  it('answers /metrics only to callers in SWITCHYARD_METRICS_ALLOW', async () => {
    const guarded = await startTestApi({ SWITCHYARD_METRICS_ALLOW: '192.0.2.0/24' });
    try {
      const refused = await request(`${guarded.api.url}/metrics`);
      assert.equal(refused.status, 404);
      assert.equal(refused.body.error.code, 'not_found');
    } finally {
      await guarded.stop();
    }
    assert.equal((await fetch(metricsUrl())).status, 200, 'loopback, by default');
  });

  it('keeps the Grafana dashboard on metric names that exist', async () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(repoRoot, 'docs', 'grafana', 'switchyard.json'), 'utf8'));
    const exprs: string[] = dashboard.panels.flatMap((panel: any) => (panel.targets ?? []).map((target: any) => target.expr));
    assert.ok(exprs.length >= 10);
    const functions = new Set(['sum', 'by', 'rate', 'increase', 'max', 'histogram_quantile', 'le', 'without']);
    // Metric names: what is left of each query without its label matchers, ranges, strings and groupings.
    const used = new Set(exprs.flatMap((expr) => [...expr.replace(/\{[^}]*\}|\[[^\]]*\]|"[^"]*"|\b(by|without)\s*\([^)]*\)/g, '').matchAll(/[a-z_][a-z0-9_]*/g)].map((m) => m[0]).filter((word) => !functions.has(word) && word.includes('_'))));
    const exposed = await scrape(metricsUrl());
    const base = (name: string) => name.replace(/_(bucket|sum|count)$/, '');
    const missing = [...used].filter((name) => !exposed.names.has(name) && !exposed.names.has(base(name)));
    assert.deepEqual(missing, [], `dashboard queries name metrics /metrics does not have; it has: ${[...exposed.names].filter((n) => n.startsWith('temporal_')).join(', ')}`);
    assert.ok(used.has('switchyard_kafka_consumer_lag') && used.has('switchyard_notices_total'), 'the dashboard covers Kafka lag and notices');
  });

  it('has `switchyard worker` serve its own /metrics on METRICS_PORT, loopback by default', async () => {
    const worker = spawn(process.execPath, [path.join(repoRoot, 'src', 'launcher.mjs'), 'worker'], {
      env: { ...process.env, TEMPORAL_TASK_QUEUE: uniqueName('metrics-worker'), METRICS_PORT: '0', CONSUMERS_IN_WORKER: 'false', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    worker.stderr.on('data', (chunk) => (log += chunk));
    try {
      const url = await eventually('the worker to say where its metrics are', async () => logEntry(log, 'metrics listening')?.url as string | undefined);
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const worked = await eventually('the worker to be polling', async () => {
        const s = await scrape(url);
        return s.names.has('temporal_worker_task_slots_available') ? s : undefined;
      });
      assert.ok(worked.names.has('switchyard_deliveries_waiting') && worked.names.has('switchyard_delivery_attempts_total'));
      assert.equal((await request(url.replace(/\/metrics$/, '/other'))).status, 404);
    } finally {
      worker.kill('SIGTERM');
    }
  });
});
