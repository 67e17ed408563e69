import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ingestOutcome } from '../../src/api/ingest-observation';
import { behindAfter } from '../../src/brokers/kafka/consumption';
import { createMetrics, statusClass, type Metrics } from '../../src/metrics/metrics';

/** One series' value from the registry, by metric name and labels (0 when absent). */
async function valueOf(metrics: Metrics, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name.replace(/_(count|sum)$/, ''));
  const wanted = name.match(/_(count|sum)$/) ? name : undefined;
  const series = (metric?.values ?? []).filter(
    (v: any) => (wanted ? v.metricName === wanted : !v.metricName || v.metricName === name) && Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l),
  );
  return series.reduce((sum: number, v: any) => sum + v.value, 0);
}

describe('metrics', () => {
  it('names an attempt by its status class, or by how it failed', () => {
    assert.equal(statusClass({ statusCode: 204, errorClass: null }), '2xx');
    assert.equal(statusClass({ statusCode: 503, errorClass: null }), '5xx');
    assert.equal(statusClass({ statusCode: null, errorClass: 'timeout' }), 'timeout');
    assert.equal(statusClass({ statusCode: null, errorClass: null }), 'error');
    assert.equal(statusClass({ statusCode: 200, errorClass: 'invalid_response' }), 'invalid_response', 'an answer that broke off is named for the break');
  });

  it("reads an ingest request's outcome from its answer", () => {
    assert.equal(ingestOutcome(202), 'accepted');
    assert.equal(ingestOutcome(200, true), 'duplicate');
    assert.equal(ingestOutcome(400), 'rejected');
    assert.equal(ingestOutcome(401), 'rejected');
    assert.equal(ingestOutcome(429), 'throttled');
    assert.equal(ingestOutcome(503), 'throttled');
    assert.equal(ingestOutcome(500), 'failed');
  });

  it('counts attempts, ends and latencies, with per-project series only for the projects named', async () => {
    const metrics = createMetrics({ enabled: true, projects: ['proj_watched'] });
    const base = { errorClass: null, durationMs: 120 };
    metrics.attempted({ ...base, statusCode: 500, outcome: 'retrying', projectId: 'proj_watched' });
    metrics.attempted({ ...base, statusCode: 200, outcome: 'succeeded', sinceAcceptedMs: 1500, projectId: 'proj_watched' });
    metrics.attempted({ ...base, statusCode: 200, outcome: 'succeeded', sinceAcceptedMs: 300, projectId: 'proj_other' });
    metrics.attempted({ statusCode: null, errorClass: 'timeout', durationMs: 10_000, outcome: 'failed', projectId: 'proj_other' });
    metrics.cancelled('proj_watched');

    assert.equal(await valueOf(metrics, 'switchyard_delivery_attempts_total'), 4);
    assert.equal(await valueOf(metrics, 'switchyard_delivery_attempts_total', { status_class: '2xx', outcome: 'succeeded' }), 2);
    assert.equal(await valueOf(metrics, 'switchyard_delivery_attempts_total', { status_class: 'timeout', outcome: 'failed' }), 1);
    assert.equal(await valueOf(metrics, 'switchyard_deliveries_total', { outcome: 'succeeded' }), 2);
    assert.equal(await valueOf(metrics, 'switchyard_deliveries_total', { outcome: 'failed' }), 1);
    assert.equal(await valueOf(metrics, 'switchyard_deliveries_total', { outcome: 'cancelled' }), 1);
    assert.equal(await valueOf(metrics, 'switchyard_delivery_latency_seconds_count'), 2, 'end to end: successes only');
    assert.equal(await valueOf(metrics, 'switchyard_delivery_latency_seconds_sum'), 1.8);
    assert.equal(await valueOf(metrics, 'switchyard_delivery_attempt_duration_seconds_count'), 4);
    assert.equal(await valueOf(metrics, 'switchyard_project_deliveries_total', { project: 'proj_watched' }), 2);
    assert.equal(await valueOf(metrics, 'switchyard_project_deliveries_total', { project: 'proj_other' }), 0);
    const text = await metrics.registry.metrics();
    assert.doesNotMatch(text.split('\n').filter((line) => !line.startsWith('switchyard_project_')).join('\n'), /proj_/, 'no project id in any other series');
  });

  it('counts ingest by source and outcome, and drops a stopped source from the lag gauge', async () => {
    const metrics = createMetrics({ enabled: true, projects: [] });
    metrics.ingested('api', 'accepted', 5, 0.01);
    metrics.ingested('kafka', 'rejected', 2);
    metrics.kafkaLag('ksrc_1', 40);
    assert.equal(await valueOf(metrics, 'switchyard_ingest_events_total', { source: 'api', outcome: 'accepted' }), 5);
    assert.equal(await valueOf(metrics, 'switchyard_ingest_events_total', { source: 'kafka', outcome: 'rejected' }), 2);
    assert.equal(await valueOf(metrics, 'switchyard_ingest_duration_seconds_count', { source: 'api' }), 1);
    assert.equal(await valueOf(metrics, 'switchyard_kafka_consumer_lag', { source: 'ksrc_1' }), 40);
    metrics.kafkaLag('ksrc_1', undefined);
    assert.doesNotMatch(await metrics.registry.metrics(), /ksrc_1/);
  });

  it('records nothing when off', async () => {
    const metrics = createMetrics({ enabled: false, projects: [] });
    metrics.ingested('api', 'accepted', 5, 0.01);
    metrics.attempted({ statusCode: 200, errorClass: null, durationMs: 1, outcome: 'succeeded', projectId: 'proj_x' });
    assert.equal((await metrics.registry.getMetricsAsJSON()).length, 0);
  });

  it("measures a Kafka partition's lag after a chunk from its high watermark", () => {
    assert.equal(behindAfter('100', '99'), 0);
    assert.equal(behindAfter('100', '89'), 10);
    assert.equal(behindAfter('5', '9'), 0, 'never negative');
  });
});
