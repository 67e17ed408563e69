/**
 * Outbound delivery end to end, on the real stack: the API accepts events, the worker's delivery
 * workflows sign and POST them to a real receiver, which verifies every request with the
 * official `standardwebhooks` package.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Client } from '@temporalio/client';
import { Webhook } from 'standardwebhooks';
import { reconcileOnce, startReconciler } from '../../src/deliveries/reconciler';
import { createDeliveryStarter } from '../../src/deliveries/starter';
import { ingestEvents } from '../../src/events/ingest';
import { cancelSignal, retryNowSignal } from '../../src/deliveries/workflow-contract';
import { client, newProject, startTestApi, type TestApi } from '../support/api';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { eventually, type Received, type Receiver } from '../support/receiver';
import { request } from '../support/http';
import { uniqueName } from '../support/services';

/** What a receiver holding only the whpk_ key does: Node's crypto over `{id}.{timestamp}.{body}`. */
function verifiesWithPublicKey(publicKey: string, request: Received): boolean {
  const key = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey.slice('whpk_'.length), 'base64').toString('base64url') }, format: 'jwk' });
  const signed = Buffer.from(`${request.headers['webhook-id']}.${request.headers['webhook-timestamp']}.${request.body}`);
  return String(request.headers['webhook-signature'])
    .split(' ')
    .filter((entry) => entry.startsWith('v1a,'))
    .some((entry) => crypto.verify(null, signed, key, Buffer.from(entry.slice('v1a,'.length), 'base64')));
}

const signatureVersions = (request: Received) => String(request.headers['webhook-signature']).split(' ').map((entry) => entry.split(',')[0]);

describe('outbound delivery', () => {
  let stack: DeliveryStack;
  let project: DeliveryStack['project'];
  let receiver: Receiver;
  let temporalClient: Client;
  let test: TestApi;
  const endpoint = (path: string, extra?: Record<string, unknown>) => stack.endpoint(path, extra);
  const settled = (deliveryId: string, statuses?: string[]) => stack.settled(deliveryId, statuses);
  const historyOf = (workflowId: string) => stack.historyOf(workflowId);

  before(async () => {
    stack = await startDeliveryStack();
    ({ project, receiver, temporalClient, test } = stack);
  });
  after(() => stack?.stop());

  it('fans an event out to the subscribed endpoints only, signed, and records the attempt; a first-attempt success costs at most 6 history events', async () => {
    const invoices = await endpoint('/invoices', { eventTypes: ['invoice.*'], headers: { 'x-team': 'billing' } });
    const bigInvoices = await endpoint('/big', { eventTypes: ['invoice.paid'], filter: { amount: { $gte: 1000 } } });
    const users = await endpoint('/users', { eventTypes: ['user.*'] });
    const payload = { invoice: 'inv_1', amount: 250, customer: { tier: 'gold' } };

    const accepted = await project.http.post('/v1/events', { eventType: 'invoice.paid', payload });
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    assert.match(accepted.body.id, /^evt_/);
    assert.deepEqual(
      accepted.body.deliveries.map((d: { endpointId: string }) => d.endpointId),
      [invoices.id],
      'the filter keeps the small invoice from /big; /users is not subscribed',
    );

    const [request] = await receiver.waitFor('/invoices', 1);
    assert.deepEqual(JSON.parse(request!.body), payload);
    assert.equal(request!.headers['content-type'], 'application/json');
    assert.equal(request!.headers['x-team'], 'billing');
    assert.equal(request!.headers['webhook-id'], accepted.body.id);
    new Webhook(invoices.secret).verify(request!.body, request!.headers as Record<string, string>);
    assert.throws(() => new Webhook(bigInvoices.secret).verify(request!.body, request!.headers as Record<string, string>));

    const delivery = await settled(accepted.body.deliveries[0].id);
    assert.equal(delivery.status, 'succeeded');
    assert.equal(delivery.attempts.length, 1);
    assert.equal(delivery.attempts[0].statusCode, 200);
    assert.equal(delivery.attempts[0].requestHeaders['x-team'], '[redacted]', 'custom header values stay out of the log');
    assert.match(delivery.attempts[0].requestHeaders['webhook-signature'], /^v1,/);

    const description = await temporalClient.workflow.getHandle(delivery.workflowId).describe();
    assert.deepEqual(await description.memo, { url: receiver.url, eventType: 'invoice.paid' }, 'the origin only: paths can hold tokens');
    const history = await historyOf(delivery.workflowId);
    assert.ok(history.events <= 6, `first-attempt success: ${history.events} events (${history.types.join(' ')})`);
    assert.equal(history.types.at(-1), 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
    process.stdout.write(`# first-attempt success: ${history.events} history events, ${history.workflowTasks} workflow task(s)\n`);
    assert.equal(receiver.received.filter((r) => r.path === '/users' || r.path === '/big').length, 0);
    void users;
  });

  it('signs with v1a (ed25519) when the endpoint asks: the receiver verifies with the public key alone; after a rotation both keys sign through the grace period', async () => {
    const created = await endpoint('/v1a', { eventTypes: ['keyed.*'], signatureScheme: 'v1a' });
    const { publicKey } = created as unknown as { publicKey: string };
    assert.match(publicKey, /^whpk_/);
    assert.ok(!JSON.stringify(created).includes('whsk_'), 'the private key is never handed out');

    const first = await project.http.post('/v1/events', { eventType: 'keyed.one', payload: { n: 1 } });
    const [one] = await receiver.waitFor('/v1a', 1);
    assert.deepEqual(signatureVersions(one!), ['v1a'], 'v1a only: no HMAC signature');
    assert.ok(verifiesWithPublicKey(publicKey, one!));
    assert.throws(() => new Webhook(created.secret).verify(one!.body, one!.headers as Record<string, string>));
    const delivery = await settled(first.body.deliveries[0].id);
    assert.match(delivery.attempts[0].requestHeaders['webhook-signature'], /^v1a,/);

    const switched = await project.http.patch(`/v1/endpoints/${created.id}`, { signatureScheme: 'both' });
    assert.equal(switched.body.publicKey, publicKey, 'switching scheme keeps the key');
    const rotated = await project.http.post(`/v1/endpoints/${created.id}/rotate-signing-key`, { gracePeriod: '1h' });
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    assert.notEqual(rotated.body.publicKey, publicKey);
    assert.deepEqual(rotated.body.previousPublicKeys.map((p: { publicKey: string }) => p.publicKey), [publicKey]);
    const shown = await project.http.get(`/v1/endpoints/${created.id}`);
    assert.equal(shown.body.publicKey, rotated.body.publicKey);
    assert.deepEqual(shown.body.previousPublicKeys, rotated.body.previousPublicKeys);

    await project.http.post('/v1/events', { eventType: 'keyed.two', payload: { n: 2 } });
    const [, two] = await receiver.waitFor('/v1a', 2);
    assert.deepEqual(signatureVersions(two!), ['v1', 'v1a', 'v1a']);
    assert.ok(new Webhook(created.secret).verify(two!.body, two!.headers as Record<string, string>), 'the v1 signature verifies with the secret');
    assert.ok(verifiesWithPublicKey(rotated.body.publicKey, two!), 'receivers on the new key verify');
    assert.ok(verifiesWithPublicKey(publicKey, two!), 'receivers still on the old key verify');
    assert.ok(!verifiesWithPublicKey(publicKey, { ...two!, body: two!.body.replace('2', '3') }), 'a changed body does not');
  });

  it('starts deliveries eagerly from the worker\'s process: the first task comes back with the start, and a success still costs 6 events', async () => {
    const eager = await endpoint('/eager', { eventTypes: ['eager.*'] });
    const starter = stack.workerStarter();
    const before = { ...starter.counts };
    const { events, notStarted } = await ingestEvents(stack.workerDb, starter, project.id, [{ eventType: 'eager.test', payload: { n: 1 } }]);
    assert.deepEqual(notStarted, []);
    assert.deepEqual(starter.counts, { started: before.started + 1, eager: before.eager + 1 }, 'the server handed the first task back in the answer');
    const [request] = await receiver.waitFor('/eager', 1);
    new Webhook(eager.secret).verify(request!.body, request!.headers as Record<string, string>);
    const delivery = await settled(events[0]!.deliveries[0]!.id);
    assert.equal(delivery.status, 'succeeded');
    const history = await historyOf(delivery.workflowId);
    assert.equal(history.events, 6, history.types.join(' '));
    assert.equal(history.workflowTasks, 1);
  });

  it('retries on its schedule with the same webhook-id, signing each attempt afresh, until the endpoint answers 2xx', async () => {
    const flaky = await endpoint('/flaky', { eventTypes: ['flaky.*'], retrySchedule: ['1s', '1s', '1s'] });
    receiver.script('/flaky', [{ status: 500, body: 'boom' }, { status: 302, headers: { location: '/elsewhere' } }, { status: 200 }]);
    const accepted = await project.http.post('/v1/events', { eventType: 'flaky.created', payload: { order: 7 } });
    const requests = await receiver.waitFor('/flaky', 3);
    for (const request of requests) {
      assert.equal(request.headers['webhook-id'], accepted.body.id);
      new Webhook(flaky.secret).verify(request.body, request.headers as Record<string, string>);
    }
    assert.equal(receiver.received.filter((r) => r.path === '/elsewhere').length, 0, 'redirects are not followed');
    const delivery = await settled(accepted.body.deliveries[0].id);
    assert.equal(delivery.status, 'succeeded');
    assert.deepEqual(delivery.attempts.map((a: { statusCode: number }) => a.statusCode), [500, 302, 200]);
    assert.equal(delivery.attempts[0].responseBody, 'boom');
    const history = await historyOf(delivery.workflowId);
    assert.equal(history.markers.filter((name) => name === 'core_local_activity').length, 3, `one local-activity marker per attempt: ${history.markers.join(', ')}`);
    process.stdout.write(`# success on the third attempt: ${history.events} history events, ${history.workflowTasks} workflow task(s)\n`);
  });

  it('fails visibly when the schedule runs out', async () => {
    await endpoint('/down', { eventTypes: ['down.*'], retrySchedule: ['500ms'] });
    receiver.script('/down', [{ status: 503 }]);
    const accepted = await project.http.post('/v1/events', { eventType: 'down.created', payload: {} });
    const delivery = await settled(accepted.body.deliveries[0].id);
    assert.equal(delivery.status, 'failed');
    assert.equal(delivery.attempts.length, 2);
    assert.match(delivery.statusReason, /no success after 2 attempts; the last ended in HTTP 503/);
    // The record is written a moment before the workflow closes (a failure may still send its notice).
    const handle = temporalClient.workflow.getHandle(delivery.workflowId);
    await handle.result().catch(() => undefined);
    const description = await handle.describe();
    assert.equal(description.status.name, 'FAILED');
    assert.equal(description.typedSearchAttributes.get({ name: 'DeliveryStatus', type: 'KEYWORD' } as never), 'failed');
  });

  it('stops at 410 Gone and disables the endpoint', async () => {
    const gone = await endpoint('/gone', { eventTypes: ['gone.*'], retrySchedule: ['1s', '1s'] });
    receiver.script('/gone', [{ status: 410 }]);
    const accepted = await project.http.post('/v1/events', { eventType: 'gone.created', payload: {} });
    const delivery = await settled(accepted.body.deliveries[0].id);
    assert.equal(delivery.status, 'failed');
    assert.equal(delivery.attempts.length, 1);
    const after = await project.http.get(`/v1/endpoints/${gone.id}`);
    assert.equal(after.body.status, 'disabled');
    const next = await project.http.post('/v1/events', { eventType: 'gone.created', payload: {} });
    const recorded = next.body.deliveries.find((d: { endpointId: string }) => d.endpointId === gone.id);
    const cancelled = (await project.http.get(`/v1/deliveries/${recorded.id}`)).body;
    assert.equal(cancelled.status, 'cancelled', "a disabled endpoint's new delivery is recorded, cancelled");
    assert.match(cancelled.statusReason, /disabled .*410 Gone/);
    assert.equal(cancelled.attempts.length, 0);
  });

  it('honours Retry-After and the retryNow and cancel signals of a waiting delivery', async () => {
    const slow = await project.http.post('/v1/endpoints', { url: `${receiver.url}/later`, eventTypes: ['later.*'], retrySchedule: ['1h'] });
    receiver.script('/later', [{ status: 429, headers: { 'retry-after': '7200' } }, { status: 200 }]);
    const first = await project.http.post('/v1/events', { eventType: 'later.one', payload: {} });
    const waiting = await settled(first.body.deliveries[0].id, ['retrying']);
    const wait = new Date(waiting.nextAttemptAt).getTime() - new Date(waiting.attempts[0].startedAt).getTime();
    assert.equal(wait, 7_200_000, 'Retry-After (2 h) beats the scheduled 1 h ± 20%');
    await temporalClient.workflow.getHandle(waiting.workflowId).signal(retryNowSignal);
    assert.equal((await settled(waiting.id)).status, 'succeeded');

    // The 429's Retry-After also holds the whole endpoint for a while: the next one goes elsewhere.
    await project.http.post('/v1/endpoints', { url: `${receiver.url}/stuck`, eventTypes: ['stuck.*'], retrySchedule: ['1h'] });
    receiver.script('/stuck', [{ status: 500 }]);
    const second = await project.http.post('/v1/events', { eventType: 'stuck.two', payload: {} });
    const stuck = await settled(second.body.deliveries[0].id, ['retrying']);
    await temporalClient.workflow.getHandle(stuck.workflowId).signal(cancelSignal, { reason: 'test says stop' });
    const cancelled = await settled(stuck.id);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.statusReason, 'test says stop');
    void slow;
  });

  it('accepts an idempotency key once: the same request gets the same answer, a different one 409', async () => {
    await endpoint('/idem', { eventTypes: ['idem.*'] });
    const body = { eventType: 'idem.test', payload: { a: 1, b: [1, 2] }, idempotencyKey: uniqueName('key') };
    const first = await project.http.post('/v1/events', body);
    const again = await project.http.post('/v1/events', { ...body, payload: { b: [1, 2], a: 1 } });
    assert.equal(again.status, 202);
    assert.deepEqual(again.body, first.body, 'same event, same deliveries');
    await receiver.waitFor('/idem', 1);
    const conflict = await project.http.post('/v1/events', { ...body, payload: { a: 2 } });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.error.code, 'idempotency_conflict');
    const events = await project.http.get(`/v1/deliveries?eventId=${first.body.id}`);
    assert.equal(events.body.data.length, 1, 'no second delivery');
  });

  it('delivers deliveries whose start was lost to a crash: the reconciler starts them, full window or not', async () => {
    await endpoint('/reconciled', { eventTypes: ['crash.*'] });
    const lostStarts = { window: 200, queueFull: async () => false, start: async () => [] as string[], idle: async () => undefined, counts: { started: 0, eager: 0 } }; // the process "died" right after the commit
    const [event] = (await ingestEvents(test.db, lostStarts, project.id, [{ eventType: 'crash.test', payload: { n: 1 } }])).events;
    const unstarted = await test.db.query('SELECT count(*)::int AS n FROM deliveries WHERE event_id = $1 AND workflow_started_at IS NULL', [event!.id]);
    assert.equal(unstarted.rows[0].n, 1);
    const apiClient = temporalClient;
    // A window of one, already full with this very delivery (counted from its commit): a lost
    // start needs no room, or an outage's lost starts would shut the window on their own restart.
    const fullWindow = createDeliveryStarter(test.db, apiClient, stack.taskQueue, { pacing: { window: 1, queueLimit: 10_000 } });
    assert.ok((await reconcileOnce(test.db, fullWindow, 0)).started >= 1);
    await receiver.waitFor('/reconciled', 1);
    assert.equal((await settled(event!.deliveries[0]!.id)).status, 'succeeded');
    const second = await reconcileOnce(test.db, createDeliveryStarter(test.db, apiClient, stack.taskQueue), 0);
    assert.equal(second.started, 0, 'nothing is started twice');
  });

  it('queues deliveries beyond the start window; the reconciler starts them only as the worker takes them on', () =>
    // Its own reconciler, with the same narrow window; the stack's would start the queue at once.
    stack.withoutReconciler(async () => {
      const { id: endpointId } = await endpoint('/windowed', { eventTypes: ['window.*'] });
      const narrow = createDeliveryStarter(test.db, temporalClient, stack.taskQueue, { pacing: { window: 3, queueLimit: 10_000 } });
      const ofEndpoint = async () => {
        const { rows } = await test.db.query(
          `SELECT count(*) FILTER (WHERE start_queued)::int AS queued,
                  count(*) FILTER (WHERE workflow_started_at IS NULL)::int AS unstarted,
                  count(*) FILTER (WHERE status = 'pending' AND workflow_started_at IS NOT NULL AND begun_at IS NULL)::int AS "inFlight"
             FROM deliveries WHERE endpoint_id = $1`,
          [endpointId],
        );
        return rows[0] as { queued: number; unstarted: number; inFlight: number };
      };
      const ids: string[] = [];
      let mostInFlight = 0;
      // No worker: the started workflows stay in Temporal's queues, not begun, and fill the window.
      await stack.withoutWorker(async () => {
        for (let n = 0; n < 10; n++) {
          const { events, notStarted } = await ingestEvents(test.db, narrow, project.id, [{ eventType: 'window.item', payload: { n } }]);
          assert.deepEqual(notStarted, []);
          ids.push(events[0]!.deliveries[0]!.id);
        }
        const queued = await ofEndpoint();
        assert.ok(queued.queued >= 7, `at most 3 started inline, the rest queued (${JSON.stringify(queued)})`);
        assert.equal(queued.unstarted, queued.queued, 'nothing queued was started, nothing inline left unstarted');
        const reconciler = startReconciler(test.db, narrow, { everyMs: 50, busyMs: 20 });
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await reconciler.stop();
        const held = await ofEndpoint();
        assert.equal(held.unstarted, queued.unstarted, 'a full window starts nothing more');
        mostInFlight = held.inFlight;
      });

      const reconciler = startReconciler(test.db, narrow, { everyMs: 50, busyMs: 20 });
      try {
        await eventually('every windowed delivery to be started', async () => {
          const now = await ofEndpoint();
          mostInFlight = Math.max(mostInFlight, now.inFlight);
          return now.unstarted === 0 ? true : undefined;
        });
      } finally {
        await reconciler.stop();
      }
      assert.ok(mostInFlight <= 3, `never more than the window in flight (saw ${mostInFlight})`);
      for (const id of ids) assert.equal((await settled(id)).status, 'succeeded');
      assert.equal(new Set((await receiver.waitFor('/windowed', 10)).map((r) => r.headers['webhook-id'])).size, 10);
    }));

  it('refuses events with 503 and Retry-After while the start queue is full, records nothing of them, and accepts again once it drains', () =>
    stack.withoutReconciler(async () => {
      await endpoint('/capacity', { eventTypes: ['capacity.*'] });
      const narrow = await startTestApi({ TEMPORAL_TASK_QUEUE: stack.taskQueue, DELIVERY_START_WINDOW: '1', DELIVERY_QUEUE_LIMIT: '2' });
      try {
        const http = client(narrow.api.url, project.apiKey);
        const accepted: string[] = [];
        let refusal: Response | undefined;
        // No worker and no reconciler: one start fills the window, two more fill the queue.
        await stack.withoutWorker(async () => {
          for (let n = 0; n < 20 && !refusal; n++) {
            const answer = await fetch(`${narrow.api.url}/v1/events`, {
              method: 'POST',
              headers: { authorization: `Bearer ${project.apiKey}`, 'content-type': 'application/json' },
              body: JSON.stringify({ eventType: 'capacity.item', payload: { n } }),
            });
            if (answer.status === 202) accepted.push(((await answer.json()) as { id: string }).id);
            else refusal = answer;
            await new Promise((resolve) => setTimeout(resolve, 200)); // the queue's length is re-read every 0.5 s
          }
          assert.ok(refusal, 'refused once the queue was full');
          assert.equal(refusal.status, 503);
          assert.equal(refusal.headers.get('retry-after'), '1');
          assert.equal(((await refusal.json()) as { error: { code: string } }).error.code, 'over_capacity');
          const { rows } = await test.db.query(`SELECT count(*)::int AS n FROM events WHERE project_id = $1 AND event_type = 'capacity.item'`, [project.id]);
          assert.equal(rows[0].n, accepted.length, 'nothing of the refused event was recorded');
        });

        const reconciler = startReconciler(test.db, createDeliveryStarter(test.db, temporalClient, stack.taskQueue, { pacing: { window: 1, queueLimit: 2 } }), { everyMs: 50 });
        try {
          await receiver.waitFor('/capacity', accepted.length, 60_000);
          const again = await eventually('an event accepted once the queue drained', async () => {
            const answer = await http.post('/v1/events', { eventType: 'capacity.item', payload: { n: 'again' } });
            return answer.status === 202 ? answer : undefined;
          });
          await receiver.waitFor('/capacity', accepted.length + 1, 60_000);
          assert.equal((await settled(again.body.deliveries[0].id)).status, 'succeeded');
        } finally {
          await reconciler.stop();
        }
      } finally {
        await narrow.stop();
      }
    }));

  it('lists events and deliveries with filters and cursors', async () => {
    await endpoint('/pages', { eventTypes: ['page.*'] });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await project.http.post('/v1/events', { eventType: 'page.item', payload: { i } })).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await project.http.get(
        `/v1/events?eventType=page.item&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.data.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...ids].reverse());
    const created = (await project.http.get(`/v1/events/${ids[2]}`)).body.createdAt as string;
    const since = await project.http.get(`/v1/events?eventType=page.item&since=${encodeURIComponent(created)}`);
    assert.deepEqual(since.body.data.map((e: { id: string }) => e.id), [ids[4], ids[3], ids[2]]);
    const until = await project.http.get(`/v1/events?eventType=page.item&until=${encodeURIComponent(created)}`);
    assert.deepEqual(until.body.data.map((e: { id: string }) => e.id), [ids[1], ids[0]]);
    assert.equal((await project.http.get('/v1/events?since=yesterday')).status, 400);

    const pageEndpoint = (await project.http.get(`/v1/events/${ids[0]}`)).body.deliveries[0].endpointId;
    for (const id of ids) await settled((await project.http.get(`/v1/events/${id}`)).body.deliveries[0].id);
    const byEndpoint = await project.http.get(`/v1/deliveries?endpointId=${pageEndpoint}&status=succeeded`);
    assert.equal(byEndpoint.body.data.length, 5);
    assert.equal((await project.http.get(`/v1/deliveries?endpointId=${pageEndpoint}&status=failed`)).body.data.length, 0);
    assert.equal((await project.http.get('/v1/deliveries?status=lost')).status, 400);

    const one = await project.http.get(`/v1/events/${ids[0]}`);
    assert.deepEqual(one.body.payload, { i: 0 });
    assert.equal(one.body.deliveries.length, 1);
    const other = await newProject(test, 'someone else');
    assert.equal((await other.http.get(`/v1/events/${ids[0]}`)).status, 404);
    assert.equal((await other.http.get(`/v1/deliveries/${one.body.deliveries[0].id}`)).status, 404);
  });

  it('matches a $regex filter that would backtrack exponentially on JavaScript\'s engine, and routes by it', async () => {
    // (a|a)*b against 24 letters took 2 s of the API's event loop before RE2; 16,000 would never end.
    const redos = await endpoint('/redos', { eventTypes: ['redos.*'], filter: { s: { $regex: '(a|a)*b' } } });
    const missed = await project.http.post('/v1/events', { eventType: 'redos.test', payload: { s: 'a'.repeat(16_000) } });
    assert.equal(missed.status, 202, JSON.stringify(missed.body));
    assert.deepEqual(missed.body.deliveries, [], 'no b: no match');
    const matched = await project.http.post('/v1/events', { eventType: 'redos.test', payload: { s: `${'a'.repeat(16_000)}b` } });
    assert.deepEqual(matched.body.deliveries.map((d: { endpointId: string }) => d.endpointId), [redos.id]);
    const refused = await project.http.post('/v1/endpoints', { url: `${receiver.url}/x`, filter: { s: { $regex: '(a)\\1' } } });
    assert.deepEqual([refused.status, refused.body.error.details[0].path], [400, 'filter']);
  });

  it('answers bad events with a 4xx and writes nothing', async () => {
    const before = await project.http.get('/v1/events?limit=100');
    const cases: [unknown, number, string][] = [
      [{ payload: {} }, 400, 'invalid_request'],
      [{ eventType: 'bad type', payload: {} }, 400, 'invalid_request'],
      [{ eventType: 'a.b', payload: {}, endpointIds: 'ep_1' }, 400, 'invalid_request'],
      [{ eventType: 'a.b', payload: {}, endpointIds: ['ep_unknown'] }, 404, 'endpoint_not_found'],
      [{ events: [] }, 400, 'invalid_request'],
    ];
    for (const [body, status, code] of cases) {
      const path = 'events' in (body as object) ? '/v1/events/batch' : '/v1/events';
      const answer = await project.http.post(path, body);
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.error.code, code);
    }
    const tooBig = await project.http.post('/v1/events', { eventType: 'a.b', payload: { blob: 'x'.repeat(1_100_000) } });
    assert.equal(tooBig.status, 413);
    const raw = (body: string, headers: Record<string, string>) =>
      request(`${test.api.url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${project.apiKey}`, ...headers }, body });
    const malformed = await raw('{"eventType": "a.b", ', { 'content-type': 'application/json' });
    assert.deepEqual([malformed.status, malformed.body.error.code], [400, 'invalid_json']);
    const notJson = await raw('eventType=a.b', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.deepEqual([notJson.status, notJson.body.error.code], [415, 'unsupported_media_type']);
    const deep = `{"eventType": "a.b", "payload": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const tooDeep = await raw(deep, { 'content-type': 'application/json' });
    assert.deepEqual([tooDeep.status, tooDeep.body.error.details[0].path], [400, 'payload']);
    for (const body of [{ eventType: 'a.b', payload: {}, idempotencyKey: 'nul\u0000key' }]) {
      const nul = await project.http.post('/v1/events', body);
      assert.deepEqual([nul.status, nul.body.error.code], [400, 'invalid_text']);
    }
    for (const query of ['/v1/events?cursor=%00', '/v1/events/evt%00', '/v1/deliveries?eventId=%00']) {
      const nul = await project.http.get(query);
      assert.deepEqual([nul.status, nul.body.error.code], [400, 'invalid_text'], query);
    }
    const ancient = await project.http.get('/v1/events?since=-200000-01-01');
    assert.deepEqual([ancient.status, ancient.body.error.code], [400, 'invalid_date']);
    const noKey = await request(`${test.api.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.deepEqual([noKey.status, noKey.body.error.code], [401, 'unauthorized']);
    const after = await project.http.get('/v1/events?limit=100');
    assert.deepEqual(after.body.data.map((e: { id: string }) => e.id), before.body.data.map((e: { id: string }) => e.id));
  });
});
