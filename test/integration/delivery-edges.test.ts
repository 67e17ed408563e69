/**
 * Outbound delivery at its edges: secret rotation, timeouts, large answers, resends, batches, the
 * search attribute an operator filters on, and an API process killed between commit and start.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { temporal } from '@temporalio/proto';
import { Webhook } from 'standardwebhooks';
import { repoRoot } from '../../src/config';
import { startReconciler } from '../../src/deliveries/reconciler';
import { ingestEvents } from '../../src/events/ingest';
import { startWorker } from '../../src/worker';
import { createDeliveryStarter } from '../../src/deliveries/starter';
import { MAX_RESPONSE_BODY_BYTES } from '../../activities/http-send';
import { sealHeaders } from '../../src/secrets/keyring';
import { DeliveryStatus, LastErrorClass, LastStatusCode } from '../../src/temporal/search-attributes';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { eventually } from '../support/receiver';
import { logEntry } from '../support/services';
import { closedPort } from '../support/http';

describe('outbound delivery, edges', () => {
  let stack: DeliveryStack;
  before(async () => {
    stack = await startDeliveryStack();
  });
  after(() => stack?.stop());

  it('signs with both secrets during a rotation, so receivers on either verify', async () => {
    const created = await stack.endpoint('/rotating', { eventTypes: ['rotate.*'] });
    const rotated = await stack.project.http.post(`/v1/endpoints/${created.id}/rotate-secret`, {});
    const accepted = await stack.project.http.post('/v1/events', { eventType: 'rotate.now', payload: { x: 1 } });
    const [request] = await stack.receiver.waitFor('/rotating', 1);
    const headers = request!.headers as Record<string, string>;
    assert.equal(headers['webhook-signature']!.split(' ').length, 2);
    new Webhook(created.secret).verify(request!.body, headers);
    new Webhook(rotated.body.secret).verify(request!.body, headers);
    assert.equal((await stack.settled(accepted.body.deliveries[0].id)).status, 'succeeded');
  });

  it('delivers for an endpoint stored with headers that are refused today, leaving those out', async () => {
    const created = await stack.endpoint('/old-headers', { eventTypes: ['oldheaders.*'], headers: { 'X-Token': 'kept' } });
    // As a row from before Expect and Upgrade were refused would hold them (values sealed like any).
    await stack.test.db.query('UPDATE endpoints SET headers = $2, version = version + 1 WHERE id = $1', [
      created.id,
      sealHeaders({ 'X-Token': 'kept', Expect: '100-continue', Upgrade: 'h2c' }),
    ]);
    const accepted = await stack.project.http.post('/v1/events', { eventType: 'oldheaders.one', payload: {} });
    assert.equal((await stack.settled(accepted.body.deliveries[0].id)).status, 'succeeded');
    const [request] = await stack.receiver.waitFor('/old-headers', 1);
    assert.equal(request!.headers['x-token'], 'kept');
    assert.equal(request!.headers.expect, undefined);
    assert.equal(request!.headers.upgrade, undefined);
  });

  it('gives up on an endpoint that does not answer within its timeout, and says so', async () => {
    await stack.endpoint('/slow', { eventTypes: ['slow.*'], timeoutMs: 1_000, retrySchedule: [] });
    stack.receiver.script('/slow', [{ status: 200, delayMs: 5_000 }]);
    const accepted = await stack.project.http.post('/v1/events', { eventType: 'slow.one', payload: {} });
    const delivery = await stack.settled(accepted.body.deliveries[0].id);
    assert.equal(delivery.status, 'failed');
    assert.equal(delivery.attempts[0].errorClass, 'timeout');
    assert.equal(delivery.attempts[0].statusCode, null);
    assert.ok(delivery.attempts[0].durationMs < 5_000, 'cut at the timeout, not at the answer');
  });

  it('keeps 64 KiB of a large answer', async () => {
    await stack.endpoint('/chatty', { eventTypes: ['chatty.*'] });
    stack.receiver.script('/chatty', [{ status: 200, body: 'y'.repeat(200_000) }]);
    const accepted = await stack.project.http.post('/v1/events', { eventType: 'chatty.one', payload: {} });
    const delivery = await stack.settled(accepted.body.deliveries[0].id);
    assert.equal(delivery.status, 'succeeded');
    assert.equal(delivery.attempts[0].responseBody.length, MAX_RESPONSE_BODY_BYTES);
  });

  it('resends a delivery as a new one with the same webhook-id', async () => {
    await stack.endpoint('/again', { eventTypes: ['again.*'] });
    const accepted = await stack.project.http.post('/v1/events', { eventType: 'again.one', payload: { n: 1 } });
    const first = await stack.settled(accepted.body.deliveries[0].id);
    const resent = await stack.project.http.post(`/v1/deliveries/${first.id}/resend`);
    assert.equal(resent.status, 202);
    assert.notEqual(resent.body.id, first.id);
    assert.notEqual(resent.body.workflowId, first.workflowId);
    const requests = await stack.receiver.waitFor('/again', 2);
    assert.equal(requests[0]!.headers['webhook-id'], requests[1]!.headers['webhook-id']);
    assert.equal((await stack.settled(resent.body.id)).status, 'succeeded');
    assert.equal((await stack.project.http.post('/v1/deliveries/dlv_nope/resend')).status, 404);
  });

  it('answers a resend whose event is deleted while it is being recorded with 409 removed_meanwhile, not a 500', async () => {
    await stack.endpoint('/swept', { eventTypes: ['swept.*'] });
    const accepted = await stack.project.http.post('/v1/events', { eventType: 'swept.one', payload: { n: 1 } });
    const first = await stack.settled(accepted.body.deliveries[0].id);
    // The retention sweep (or a project deletion) takes the event as the resend is being written:
    // the resend reads the event before the deletion commits, and inserts after it.
    const sweeper = await stack.workerDb.connect();
    try {
      await sweeper.query('BEGIN');
      await sweeper.query('DELETE FROM events WHERE id = $1', [accepted.body.id]);
      const resending = stack.project.http.post(`/v1/deliveries/${first.id}/resend`);
      await eventually('the resend to wait on the deletion', async () => {
        const { rows } = await stack.workerDb.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO deliveries%'");
        return rows[0];
      });
      await sweeper.query('COMMIT');
      const resent = await resending;
      assert.equal(resent.status, 409);
      assert.equal(resent.body.error.code, 'removed_meanwhile');
    } finally {
      sweeper.release();
    }
    const { rows } = await stack.workerDb.query('SELECT count(*)::int AS n FROM deliveries WHERE event_id = $1', [accepted.body.id]);
    assert.equal(rows[0].n, 0);
  });

  it('accepts a batch of events in one request, all or none', async () => {
    await stack.endpoint('/batch', { eventTypes: ['batch.*'] });
    const events = Array.from({ length: 20 }, (_, i) => ({ eventType: 'batch.item', payload: { i } }));
    const accepted = await stack.project.http.post('/v1/events/batch', { events });
    assert.equal(accepted.status, 202);
    assert.equal(accepted.body.data.length, 20);
    const received = await stack.receiver.waitFor('/batch', 20);
    assert.deepEqual(received.map((r) => JSON.parse(r.body).i).sort((a: number, b: number) => a - b), events.map((_, i) => i));

    const invalid = await stack.project.http.post('/v1/events/batch', { events: [...events, { eventType: 'bad type', payload: {} }] });
    assert.equal(invalid.status, 400);
    assert.ok(invalid.body.error.details.some((d: { path: string }) => d.path === 'events.20.eventType'));
    assert.equal((await stack.project.http.post('/v1/events/batch', { events: Array(501).fill(events[0]) })).status, 400);
  });

  it("shows operators, in Temporal, that a delivery waits and why: DeliveryStatus, LastStatusCode, LastErrorClass, and each attempt's answer", async () => {
    const ep = await stack.endpoint('/waiting', { eventTypes: ['wait.*'], retrySchedule: ['1h'] });
    stack.receiver.script('/waiting', [{ status: 503 }]);
    const accepted = await stack.project.http.post('/v1/events', { eventType: 'wait.one', payload: { secret: 'payload-stays-out' } });
    const waiting = await stack.settled(accepted.body.deliveries[0].id, ['retrying']);
    const handle = stack.temporalClient.workflow.getHandle(waiting.workflowId);
    const attributes = await eventually('the search attributes', async () => {
      const found = (await handle.describe()).typedSearchAttributes;
      return found.get(DeliveryStatus) === 'retrying' ? found : undefined;
    });
    assert.equal(attributes.get(LastStatusCode), 503);
    assert.equal(attributes.get(LastErrorClass), 'http');
    // The query README gives: every delivery of an endpoint now failing with 503.
    const listed = await eventually('the visibility query to find it', async () => {
      const ids: string[] = [];
      for await (const w of stack.temporalClient.workflow.list({ query: `EndpointId="${ep.id}" AND DeliveryStatus="retrying" AND LastStatusCode=503` })) ids.push(w.workflowId);
      return ids.length > 0 ? ids : undefined;
    });
    assert.deepEqual(listed, [waiting.workflowId]);

    // The attempt's local-activity result, as the Web UI shows it: the answer, not the body.
    const history = await handle.fetchHistory();
    const markers = (history.events ?? []).flatMap((e) => (e.markerRecordedEventAttributes ? [e.markerRecordedEventAttributes] : []));
    const results = markers.flatMap((m) => (m.details?.result?.payloads ?? []).map((p) => JSON.parse(Buffer.from(p.data!).toString('utf8'))));
    const attempt = results.find((r) => r.outcome === 'retrying');
    assert.ok(attempt, JSON.stringify(results));
    assert.equal(attempt.statusCode, 503);
    assert.equal(attempt.errorClass, null);
    assert.equal(typeof attempt.durationMs, 'number');
    assert.ok(!Buffer.from(temporal.api.history.v1.History.encode(history).finish()).includes('payload-stays-out'), 'no payload in history');
    await handle.signal('cancel', { reason: 'test over' });

    // A request that got no answer: the error's class, and no status code.
    const refused = await stack.project.http.post('/v1/endpoints', { url: `http://127.0.0.1:${await closedPort()}/`, eventTypes: ['refused.*'], retrySchedule: ['1h'] });
    assert.equal(refused.status, 201);
    const sent = await stack.project.http.post('/v1/events', { eventType: 'refused.one', payload: {} });
    const stuck = await stack.settled(sent.body.deliveries[0].id, ['retrying']);
    const refusedHandle = stack.temporalClient.workflow.getHandle(stuck.workflowId);
    const refusedAttributes = await eventually('the search attributes of a refused connection', async () => {
      const found = (await refusedHandle.describe()).typedSearchAttributes;
      return found.get(LastErrorClass) !== undefined ? found : undefined;
    });
    assert.equal(refusedAttributes.get(LastErrorClass), 'connect_refused');
    assert.equal(refusedAttributes.get(LastStatusCode), undefined);
    await refusedHandle.signal('cancel', { reason: 'test over' });
  });

  it('delivers an event whose API process was killed after the commit and before the start', async () => {
    await stack.endpoint('/survivor', { eventTypes: ['crash.*'] });
    // A "Temporal" that accepts connections and never answers: the API commits, answers, then hangs in the start.
    const sockets = new Set<net.Socket>();
    const blackhole = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
    const { port } = blackhole.address() as net.AddressInfo;
    const api = spawn(process.execPath, [path.join(repoRoot, 'src', 'launcher.mjs'), 'api'], {
      env: { ...process.env, PORT: '0', TEMPORAL_ADDRESS: `127.0.0.1:${port}`, TEMPORAL_TASK_QUEUE: stack.taskQueue },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const reconciler = startReconciler(stack.workerDb, createDeliveryStarter(stack.workerDb, stack.temporalClient, stack.taskQueue), {
      everyMs: 300,
      afterMs: 1_000,
    });
    try {
      let stderr = '';
      api.stderr.on('data', (chunk) => (stderr += chunk));
      const url = await eventually('the API to listen', async () => logEntry(stderr, 'API listening')?.url as string | undefined);
      const posted = await fetch(`${url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.project.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ eventType: 'crash.test', payload: { survived: true } }),
      });
      assert.equal(posted.status, 202, 'answered once committed, without waiting for Temporal');
      const eventId = ((await posted.json()) as { id: string }).id;
      const { rows } = await stack.workerDb.query('SELECT workflow_started_at FROM deliveries WHERE event_id = $1', [eventId]);
      assert.deepEqual(rows, [{ workflow_started_at: null }], 'the start still hangs');
      api.kill('SIGKILL');
      const [request] = await stack.receiver.waitFor('/survivor', 1);
      assert.equal(request!.headers['webhook-id'], eventId);
      assert.deepEqual(JSON.parse(request!.body), { survived: true });
    } finally {
      api.kill('SIGKILL');
      await reconciler.stop();
      sockets.forEach((socket) => socket.destroy());
      blackhole.close();
    }
  });

  it('sends with the endpoint as it is now: a change reaches the worker\'s cache', async () => {
    const created = await stack.endpoint('/changing', { eventTypes: ['change.*'], headers: { 'x-version': 'one' } });
    await stack.project.http.post('/v1/events', { eventType: 'change.a', payload: {} });
    await stack.receiver.waitFor('/changing', 1);
    assert.equal((await stack.project.http.patch(`/v1/endpoints/${created.id}`, { headers: { 'x-version': 'two' } })).status, 200);
    await stack.project.http.post('/v1/events', { eventType: 'change.b', payload: {} });
    const requests = await stack.receiver.waitFor('/changing', 2);
    assert.deepEqual(requests.map((r) => r.headers['x-version']), ['one', 'two']);
  });

  it('converges the attempt record when the worker dies in the middle of an attempt', async () => {
    const queue = `${stack.taskQueue}-crash`;
    await stack.endpoint('/crash-mid-send', { eventTypes: ['midsend.*'] });
    stack.receiver.script('/crash-mid-send', [{ status: 200, delayMs: 60_000 }, { status: 200, body: 'second time' }]);
    const worker = spawn(process.execPath, [path.join(repoRoot, 'src', 'launcher.mjs'), 'worker'], {
      env: { ...process.env, TEMPORAL_TASK_QUEUE: queue },
      stdio: 'ignore',
    });
    let replacement: Awaited<ReturnType<typeof startWorker>> | undefined;
    try {
      const [event] = (await ingestEvents(stack.workerDb, createDeliveryStarter(stack.workerDb, stack.temporalClient, queue), stack.project.id, [
        { eventType: 'midsend.test', payload: { n: 1 } },
      ])).events;
      await stack.receiver.waitFor('/crash-mid-send', 1, 60_000);
      worker.kill('SIGKILL'); // mid-attempt: the request is out, the answer never comes back to it
      replacement = await startWorker(stack.config, stack.workerDb, { taskQueue: queue });
      const delivery = await stack.settled(event!.deliveries[0]!.id);
      assert.equal(delivery.status, 'succeeded');
      assert.equal(delivery.attempts.length, 1, 'the attempt ran again under the same number');
      assert.equal(delivery.attempts[0].responseBody, 'second time', 'and its record is what the last run saw');
      assert.equal(stack.receiver.received.filter((r) => r.path === '/crash-mid-send').length, 2, 'at least once: sent again');
    } finally {
      worker.kill('SIGKILL');
      await replacement?.stop();
    }
  });
});
