/**
 * Traces, end to end: `switchyard serve` exporting to a small OTLP/HTTP receiver on loopback. An
 * event published with a producer's `traceparent` must come out as one connected trace, from the
 * ingest through the workflow's start, the workflow and its attempt to the outbound request, and
 * the endpoint must receive that request's own `traceparent`.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../../src/config';
import { client } from '../support/api';
import { eventually, startReceiver, type Receiver } from '../support/receiver';
import { logEntry, uniqueName } from '../support/services';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
}

/** OTLP/JSON ids are hex; some encoders send base64: both read as hex. */
const hex = (id: string | undefined) => (!id ? '' : /^[0-9a-f]+$/i.test(id) ? id.toLowerCase() : Buffer.from(id, 'base64').toString('hex'));

async function startCollector(): Promise<{ url: string; spans: ExportedSpan[]; close(): Promise<void> }> {
  const spans: ExportedSpan[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces' && req.headers['content-type']?.includes('json')) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const resource of body.resourceSpans ?? []) {
          for (const scope of resource.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) spans.push({ traceId: hex(span.traceId), spanId: hex(span.spanId), parentSpanId: hex(span.parentSpanId), name: span.name });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, spans, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('tracing', () => {
  let gateway: ChildProcess;
  let receiver: Receiver;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let output = '';
  const adminKey = `admin_${crypto.randomBytes(24).toString('hex')}`;

  before(async () => {
    [receiver, collector] = await Promise.all([startReceiver(), startCollector()]);
    gateway = spawn(process.execPath, [path.join(repoRoot, 'src', 'launcher.mjs'), 'serve'], {
      env: {
        ...process.env,
        PORT: '0',
        LOG_FORMAT: 'json',
        SWITCHYARD_ADMIN_KEY: adminKey,
        TEMPORAL_TASK_QUEUE: uniqueName('traces'),
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_SERVICE_NAME: 'switchyard-test',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    gateway.stderr!.on('data', (chunk) => (output += chunk));
  });
  after(async () => {
    gateway?.kill('SIGTERM');
    await Promise.all([receiver?.close(), collector?.close()]);
  });

  it('follows one delivery from ingest to the receiver in one connected trace, continuing the producer’s', async () => {
    const url = await eventually('the gateway to listen', async () => logEntry(output, 'API listening')?.url as string | undefined, 90_000);
    const project = await client(url, adminKey).post('/v1/projects', { name: 'traces' });
    const http = client(url, project.body.apiKey);
    assert.equal((await http.post('/v1/endpoints', { url: `${receiver.url}/traced`, eventTypes: ['traced.*'] })).status, 201);

    const producerTrace = crypto.randomBytes(16).toString('hex');
    const producerSpan = crypto.randomBytes(8).toString('hex');
    const posted = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${project.body.apiKey}`, 'content-type': 'application/json', traceparent: `00-${producerTrace}-${producerSpan}-01` },
      body: JSON.stringify({ eventType: 'traced.one', payload: { n: 1 } }),
    });
    assert.equal(posted.status, 202);

    const [request] = await receiver.waitFor('/traced', 1);
    const [, receivedTrace, receivedParent] = String(request!.headers.traceparent).split('-');
    assert.equal(receivedTrace, producerTrace, "the receiver's traceparent continues the producer's trace");

    const names = ['ingest api', 'StartWorkflow:deliveryWorkflow', 'RunWorkflow:deliveryWorkflow', 'RunActivity:attemptDelivery', 'POST'];
    const trace = await eventually(
      'the spans to be exported',
      async () => {
        const found = collector.spans.filter((span) => span.traceId === producerTrace);
        return names.every((name) => found.some((span) => span.name === name)) ? found : undefined;
      },
      60_000,
    );
    process.stdout.write(`# one delivery's trace: ${trace.map((span) => span.name).join(' → ')}\n`);
    const ids = new Set(trace.map((span) => span.spanId));
    for (const span of trace) {
      assert.ok(span.parentSpanId === producerSpan || ids.has(span.parentSpanId), `${span.name} hangs off a span of the trace: ${JSON.stringify(trace.map((s) => s.name))}`);
    }
    const byName = (name: string) => trace.find((span) => span.name === name)!;
    assert.equal(byName('ingest api').parentSpanId, producerSpan);
    assert.equal(byName('StartWorkflow:deliveryWorkflow').parentSpanId, byName('ingest api').spanId);
    assert.equal(byName('POST').spanId, receivedParent, "the receiver's parent is the outbound request's span");
  });
});
