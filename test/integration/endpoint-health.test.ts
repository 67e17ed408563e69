/**
 * Endpoint entity workflows on the real stack: the circuit breaker against a failing receiver,
 * the rate limit and its adaptation to 429s, the operator's commands through the `temporal` CLI
 * and the REST API, continue-as-new under load, and notices to a real receiver and SMTP server.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { temporal } from '@temporalio/proto';
import { endpointSnapshot, endpointById } from '../../src/endpoints/repository';
import { entityStartOperation } from '../../src/endpoint-health/entity-client';
import { emptyReport, addOutcome } from '../../src/endpoint-health/outcomes';
import { findOrBuildTemporalCli } from '../../src/stack/temporal';
import { commandUpdate, endpointTaskQueue, endpointWorkflowId, exchangeUpdate, stateQuery } from '../../src/endpoint-health/workflow-contract';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { startMailServer, type MailServer } from '../support/mail-server';
import { request } from '../support/http';
import { eventually } from '../support/receiver';

const { EventType } = temporal.api.enums.v1;
const run = promisify(execFile);

describe('endpoint entity workflows', () => {
  let stack: DeliveryStack;
  let mail: MailServer;
  let opsSecret: string;
  let cli: string;

  before(async () => {
    mail = await startMailServer();
    stack = await startDeliveryStack({ SMTP_URL: mail.url, NOTICE_EMAIL_FROM: 'Switchyard <ops@switchyard.test>' });
    const settings = await stack.project.http.patch('/v1/project', { operationalWebhookUrl: `${stack.receiver.url}/ops`, noticeEmails: ['oncall@example.com'] });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
    opsSecret = settings.body.operationalWebhookSecret;
    cli = await findOrBuildTemporalCli(stack.config);
  });
  after(async () => {
    await stack?.stop();
    await mail?.close();
  });

  const health = async (id: string) => {
    const answer = await stack.project.http.get(`/v1/endpoints/${id}/health`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  };
  const post = (eventType: string, n: number) =>
    stack.project.http.post('/v1/events/batch', { events: Array.from({ length: n }, (_, i) => ({ eventType, payload: { i } })) });
  const attemptsOf = async (endpointId: string) =>
    (
      await stack.test.db.query<{ started_at: Date; delivery_id: string; status_code: number | null }>(
        'SELECT a.started_at, a.delivery_id, a.status_code FROM attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1 ORDER BY a.started_at',
        [endpointId],
      )
    ).rows;
  const opsNotices = (type: string) => stack.receiver.received.filter((r) => r.path === '/ops' && JSON.parse(r.body).type === type);
  /** `temporal workflow signal` with the real CLI binary, as README tells operators to. */
  const signal = (endpointId: string, name: string, input?: unknown) =>
    run(cli, [
      'workflow', 'signal',
      '--address', stack.config.temporal.address,
      '--namespace', stack.config.temporal.namespace,
      '--workflow-id', `endpoint/${endpointId}`,
      '--name', name,
      ...(input === undefined ? [] : ['--input', JSON.stringify(input)]),
    ]);

  it('opens the circuit on a failing receiver, spends no attempt while open, probes when half-open, and closes when the receiver recovers', async () => {
    const ep = await stack.endpoint('/down', {
      eventTypes: ['down.*'],
      retrySchedule: Array(40).fill('1s'),
      circuitBreaker: { consecutiveFailures: 5, minAttempts: 1000, coolDown: '3s', maxCoolDown: '20s', probes: 2 },
    });
    stack.receiver.script('/down', [{ status: 500 }]);
    const accepted = await post('down.event', 8);
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));

    const open = await eventually('the circuit to open', async () => {
      const h = await health(ep.id);
      return h.circuit.state === 'open' ? h : undefined;
    });
    const seenOpenAt = Date.now();
    assert.equal(open.circuit.trips, 1);
    const halfOpensAt = Date.parse(open.circuit.halfOpensAt);
    assert.equal(halfOpensAt - Date.parse(open.circuit.openedAt), 3000, 'the first cool-down');

    const held = await eventually('deliveries to be held', async () => {
      const page = await stack.project.http.get(`/v1/deliveries?endpointId=${ep.id}&status=held`);
      return page.body.data.length > 0 ? page.body.data : undefined;
    });
    assert.match(held[0].statusReason, /circuit is open/);

    // Through the cool-down: retries fall due every second, and not one is attempted.
    await eventually('the cool-down to pass', async () => (Date.now() > halfOpensAt ? true : undefined));
    const duringOpen = (await attemptsOf(ep.id)).filter((a) => a.started_at.getTime() > seenOpenAt && a.started_at.getTime() < halfOpensAt);
    assert.deepEqual(duringOpen, [], 'no attempt while the circuit was open');

    // Half-open: the probes fail, so it opens again with twice the cool-down.
    // Longer than the usual wait: the probes are retries falling due, which a slow machine takes a while to reach.
    const reopened = await eventually(
      'the circuit to open again',
      async () => {
        const h = await health(ep.id);
        return h.circuit.trips === 2 && h.circuit.state === 'open' ? h : undefined;
      },
      60_000,
    );
    assert.equal(Date.parse(reopened.circuit.halfOpensAt) - Date.parse(reopened.circuit.openedAt), 6000, 'the cool-down grew');
    const probes = (await attemptsOf(ep.id)).filter((a) => a.started_at.getTime() >= halfOpensAt && a.started_at.getTime() < Date.parse(reopened.circuit.openedAt) + 50);
    assert.ok(probes.length >= 1 && probes.length <= 2, `at most two probes went out in half-open, saw ${probes.length}`);

    stack.receiver.script('/down', [{ status: 200 }]);
    const settled = [];
    for (const delivery of accepted.body.data.flatMap((e: { deliveries: { id: string }[] }) => e.deliveries)) {
      settled.push(await stack.settled(delivery.id));
      assert.equal(settled.at(-1).status, 'succeeded', 'held deliveries resumed by themselves');
    }
    // Only probes are woken at a half-open (2 at each of the two): every other held delivery slept
    // through both, so its whole history is three workflow tasks (the failure, the hold, the
    // delivery once woken by the close), not one more per cool-down to be held again.
    const tasks = await Promise.all(settled.map(async (d) => (await stack.historyOf(d.workflowId)).workflowTasks));
    assert.ok(tasks.filter((n) => n === 3).length >= 4, `workflow tasks per delivery: ${tasks.join(', ')}`);
    const closed = await health(ep.id);
    assert.equal(closed.circuit.state, 'closed');
    assert.equal(closed.circuit.trips, 0);

    // One notice for the opening (the re-opening after a failed probe is the same outage).
    const [notice] = await eventually('the circuit_opened notice', async () => (opsNotices('endpoint.circuit_opened').length > 0 ? opsNotices('endpoint.circuit_opened') : undefined));
    const body = new Webhook(opsSecret).verify(notice!.body, notice!.headers as Record<string, string>) as { data: { endpointId: string } };
    assert.equal(body.data.endpointId, ep.id);
    assert.equal(opsNotices('endpoint.circuit_opened').length, 1);
    const email = await eventually('the circuit_opened email', async () => mail.mails.find((m) => m.parsed.text?.includes(ep.id) && /circuit/i.test(m.parsed.subject ?? '')));
    assert.deepEqual(email.to, ['oncall@example.com']);
  });

  it('keeps the delivered rate at most 10% over the limit over 30 s, and a backlog near it, without spending attempts on the wait', async () => {
    const ep = await stack.endpoint('/paced', { eventTypes: ['paced.*'], rateLimit: { perSecond: 10, burst: 1 } });
    const accepted = await post('paced.event', 400);
    assert.equal(accepted.status, 202);
    const arrivals = await stack.receiver.waitFor('/paced', 360, 120_000);
    const first = arrivals[0]!.at;
    const inWindow = arrivals.filter((r) => r.at >= first + 2_000 && r.at < first + 32_000).length;
    const rate = inWindow / 30;
    process.stdout.write(`# rate limit 10/s: ${rate.toFixed(2)} deliveries/s over 30 s\n`);
    // Never more than 10% over: that is the limit's promise. How close a backlog comes to it
    // depends on how late the server's timers fire, which varies with the server and the machine
    // (the real server on a slow machine came short of 90%), so below it the test asks for three
    // quarters.
    assert.ok(rate <= 11 && rate >= 7.5, `delivered ${rate}/s against a limit of 10/s`);

    const ids = accepted.body.data.map((e: { deliveries: { id: string }[] }) => e.deliveries[0]!.id);
    const last = await stack.settled(ids.at(-1));
    assert.equal(last.attempts.length, 1, 'waiting for its slot spent no attempt');
    const waited = await stack.historyOf(last.workflowId);
    const entity = await stack.temporalClient.workflow.getHandle(endpointWorkflowId(ep.id)).fetchHistory();
    const entityTypes = (entity.events ?? []).map((e) => EventType[e.eventType!]!);
    const entityTasks = entityTypes.filter((t) => t === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED').length;
    process.stdout.write(
      `# with a rate limit, a delivery that waited for its slot: ${waited.events} history events, ${waited.workflowTasks} workflow tasks; ` +
        `entity: ${(entityTypes.length / 400).toFixed(3)} events and ${(entityTasks / 400).toFixed(3)} workflow tasks per delivery\n`,
    );
    assert.ok(waited.types.includes('EVENT_TYPE_TIMER_FIRED'), 'it waited on a durable timer');
  });

  it('lowers the effective rate on 429s and climbs back to the limit on success (AIMD)', async () => {
    const ep = await stack.endpoint('/crowded', { eventTypes: ['crowded.*'], rateLimit: { perSecond: 40, burst: 1 }, retrySchedule: Array(10).fill('1s') });
    stack.receiver.script('/crowded', [...Array(20).fill({ status: 200 }), ...Array(15).fill({ status: 429 }), { status: 200 }]);
    const accepted = await post('crowded.event', 400);
    assert.equal(accepted.status, 202);
    const recovered = await eventually('a slow-down, then the climb back to the limit', async () => {
      const h = await health(ep.id);
      return h.rate.slowDowns.count > 0 && h.rate.effectivePerSecond === 40 ? h : undefined;
    }, 60_000);
    assert.equal(recovered.rate.perSecond, 40, 'the configured limit stays as it was');
    // Fifteen 429s in a burst are one overload, answered by one halving per second they last.
    assert.ok(recovered.rate.slowDowns.count >= 1 && recovered.rate.slowDowns.count < 15, `${recovered.rate.slowDowns.count} decreases`);
    assert.ok(recovered.rate.slowDowns.lowestPerSecond <= 20, `halved at least once: ${recovered.rate.slowDowns.lowestPerSecond}/s`);
    assert.equal(recovered.circuit.state, 'closed', '429s are not failures');
    assert.ok(recovered.totals.throttled >= 15);
    // All of them, however slowly a busy machine gets there (the real server's timers fire late):
    // only their average rate is reported.
    const arrivals = (await stack.receiver.waitFor('/crowded', 415, 180_000)).map((r) => r.at);
    const lastThrottled = arrivals[34]!;
    const perSecond = (from: number, spanMs: number) => (arrivals.filter((t) => t >= from && t < from + spanMs).length * 1000) / spanMs;
    // Timers firing late on a busy machine bunch deliveries up over a second or two, so compare
    // averages: the 10 s after the slow-down, while the limit climbed back from 20/s to 40/s.
    process.stdout.write(
      `# AIMD: after 15 x 429 the limit fell from 40/s to ${recovered.rate.slowDowns.lowestPerSecond}/s and climbed back; ` +
        `delivered ${perSecond(lastThrottled, 10_000)}/s on average over the next 10 s (limit 40/s)\n`,
    );
  });

  it('pauses, resumes, disables, enables and replays through `temporal workflow signal`', async () => {
    const ep = await stack.endpoint('/ops-cli', { eventTypes: ['cli.*'] });
    const firstEvent = await post('cli.event', 1);
    await stack.settled(firstEvent.body.data[0].deliveries[0].id);
    const since = new Date(Date.now() - 1000).toISOString();

    await signal(ep.id, 'pause', { reason: 'maintenance window' });
    // A signal answers nothing: wait until the entity has persisted the pause.
    const paused = await eventually('the endpoint to be paused', async () => {
      const endpoint = (await stack.project.http.get(`/v1/endpoints/${ep.id}`)).body;
      return endpoint.status === 'paused' ? endpoint : undefined;
    });
    assert.equal(paused.statusReason, 'maintenance window');
    assert.equal((await health(ep.id)).status, 'paused');
    const whilePaused = await post('cli.event', 2);
    const pausedIds = whilePaused.body.data.map((e: { deliveries: { id: string }[] }) => e.deliveries[0]!.id);
    for (const id of pausedIds) {
      const held = await stack.settled(id, ['held']);
      assert.equal(held.attempts.length, 0, 'a paused endpoint gets nothing, and nothing fails');
    }
    await signal(ep.id, 'resume');
    for (const id of pausedIds) assert.equal((await stack.settled(id)).status, 'succeeded');

    stack.receiver.script('/ops-cli', [{ status: 500 }]);
    await stack.project.http.patch(`/v1/endpoints/${ep.id}`, { retrySchedule: ['1h'] });
    const waiting = await post('cli.event', 1);
    const waitingId = waiting.body.data[0].deliveries[0].id;
    await stack.settled(waitingId, ['retrying']);
    await signal(ep.id, 'disable', { reason: 'customer asked' });
    const stopped = await stack.settled(waitingId, ['cancelled']);
    assert.match(stopped.statusReason, /disabled: customer asked/);
    const whileDisabled = await post('cli.event', 1);
    const recorded = await stack.settled(whileDisabled.body.data[0].deliveries[0].id, ['cancelled']);
    assert.match(recorded.statusReason, /the endpoint is disabled \(customer asked\)/);
    assert.equal(recorded.attempts.length, 0);
    await eventually('the endpoint.disabled notice', async () => (opsNotices('endpoint.disabled').some((n) => n.body.includes(ep.id)) ? true : undefined));

    stack.receiver.script('/ops-cli', [{ status: 200 }]);
    await signal(ep.id, 'enable');
    await eventually('the endpoint to be active', async () => ((await stack.project.http.get(`/v1/endpoints/${ep.id}`)).body.status === 'active' ? true : undefined));

    // The two cancelled deliveries (one stopped while waiting, one recorded while disabled) again.
    const before = stack.receiver.received.filter((r) => r.path === '/ops-cli').length;
    await signal(ep.id, 'replay', { since });
    await stack.receiver.waitFor('/ops-cli', before + 2);
    const replayed = await eventually('the replay to finish', async () => (await health(ep.id)).replays.find((r: { state: string }) => r.state === 'done'));
    assert.equal(replayed.matched, 2);
    await signal(ep.id, 'replay', { since });
    await signal(ep.id, 'setRateLimit', { perSecond: 5, burst: 2 });
    // Signals are handled in order: once the rate limit is persisted, the second replay was seen.
    const limited = await eventually('the rate limit to be persisted', async () => {
      const endpoint = (await stack.project.http.get(`/v1/endpoints/${ep.id}`)).body;
      return endpoint.rateLimit?.perSecond === 5 ? endpoint : undefined;
    });
    assert.deepEqual(limited.rateLimit, { perSecond: 5, burst: 2 });
    assert.equal((await health(ep.id)).rate.perSecond, 5);
    const { rows } = await stack.test.db.query('SELECT count(*)::int AS n FROM deliveries WHERE endpoint_id = $1 AND replay_id IS NOT NULL', [ep.id]);
    assert.equal(rows[0].n, 2, 'the same replay asked twice re-delivers once');
  });

  it('offers the same through the REST API, with health, and refuses what makes no sense', async () => {
    const ep = await stack.endpoint('/ops-rest', { eventTypes: ['rest.*'] });
    const h = await health(ep.id);
    assert.deepEqual(h.circuit.state, 'closed');
    assert.deepEqual(h.rate, { perSecond: null, burst: null, effectivePerSecond: null, retryAfterUntil: null, slowDowns: { count: 0, lowestPerSecond: null, lastAt: null } });
    assert.equal(h.status, 'active');
    assert.equal(typeof h.recent.attempts, 'number');

    const paused = await stack.project.http.post(`/v1/endpoints/${ep.id}/pause`, { reason: 'deploying' });
    assert.equal(paused.status, 200, JSON.stringify(paused.body));
    assert.equal(paused.body.status, 'paused');
    assert.equal((await stack.project.http.get(`/v1/endpoints/${ep.id}`)).body.status, 'paused', 'persisted before the answer');
    const held = await post('rest.event', 1);
    const heldId = held.body.data[0].deliveries[0].id;
    await stack.settled(heldId, ['held']);
    assert.equal((await stack.project.http.post(`/v1/endpoints/${ep.id}/resume`)).body.status, 'active');
    assert.equal((await stack.settled(heldId)).status, 'succeeded');

    assert.equal((await stack.project.http.post(`/v1/endpoints/${ep.id}/disable`, {})).body.status, 'disabled');
    const refused = await stack.project.http.post(`/v1/endpoints/${ep.id}/pause`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'endpoint_command_refused');
    const cancelled = await post('rest.event', 1);
    await stack.settled(cancelled.body.data[0].deliveries[0].id, ['cancelled']);
    assert.equal((await stack.project.http.post(`/v1/endpoints/${ep.id}/enable`)).body.status, 'active');
    assert.equal((await stack.project.http.post(`/v1/endpoints/${ep.id}/reset-circuit`)).body.circuit.state, 'closed');

    const replay = await stack.project.http.post(`/v1/endpoints/${ep.id}/replay`, { since: new Date(Date.now() - 60_000).toISOString(), statuses: ['cancelled'] });
    assert.equal(replay.status, 202, JSON.stringify(replay.body));
    assert.equal(replay.body.replay.statuses[0], 'cancelled');
    await stack.receiver.waitFor('/ops-rest', 2);

    for (const [body, field] of [
      [{ since: 'yesterday' }, 'since'],
      [{ since: new Date().toISOString(), statuses: ['pending'] }, 'statuses'],
      [{ since: new Date().toISOString(), until: new Date(Date.now() - 1000).toISOString() }, 'until'],
    ] as const) {
      const bad = await stack.project.http.post(`/v1/endpoints/${ep.id}/replay`, body);
      assert.equal(bad.status, 400, JSON.stringify(bad.body));
      assert.ok(JSON.stringify(bad.body.error.details).includes(field));
    }
    assert.equal((await stack.project.http.post(`/v1/endpoints/${ep.id}/pause`, { reason: 'x', extra: 1 })).status, 400);
    assert.equal((await stack.project.http.post('/v1/endpoints/ep_missing/pause')).status, 404);
    assert.equal((await stack.project.http.get('/v1/endpoints/ep_missing/health')).status, 404);
    const badLimit = await stack.project.http.patch(`/v1/endpoints/${ep.id}`, { rateLimit: { perSecond: 0 } });
    assert.equal(badLimit.status, 400);
  });

  it('lets a healthy endpoint with no limit run at full speed, with no round-trip to its entity per delivery', async () => {
    const ep = await stack.endpoint('/fast', { eventTypes: ['fast.*'] });
    // Baseline, same run: plain POSTs from this process to the same receiver, 32 at a time.
    const baselineStart = Date.now();
    for (let i = 0; i < 1000; i += 32) {
      await Promise.all(Array.from({ length: Math.min(32, 1000 - i) }, () => request(`${stack.receiver.url}/fast-baseline`, { method: 'POST', body: '{}' })));
    }
    const baselinePerSecond = 1000 / ((Date.now() - baselineStart) / 1000);

    const start = Date.now();
    const batches = await Promise.all([post('fast.event', 500), post('fast.event', 500)]);
    const acceptedIn = (Date.now() - start) / 1000;
    assert.deepEqual(batches.map((b) => b.status), [202, 202]);
    await stack.receiver.waitFor('/fast', 1000, 120_000);
    const perSecond = 1000 / ((Date.now() - start) / 1000);
    const entity = await stack.temporalClient.workflow.getHandle(endpointWorkflowId(ep.id)).fetchHistory();
    const entityTypes = (entity.events ?? []).map((e) => EventType[e.eventType!]!);
    const exchanges = entityTypes.filter((t) => t === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED').length;
    const one = await stack.historyOf(`delivery/${batches[0]!.body.data[0].id}/${ep.id}`);
    process.stdout.write(
      `# one endpoint, no limit: 1000 deliveries at ${perSecond.toFixed(0)}/s, accepted in ${acceptedIn.toFixed(1)} s (plain POSTs from one process: ${baselinePerSecond.toFixed(0)}/s, ratio ${(perSecond / baselinePerSecond).toFixed(2)}); ` +
        `per delivery ${one.events} history events, ${one.workflowTasks} workflow task; entity: ${exchanges} exchanges, ${(entityTypes.length / 1000).toFixed(3)} events per delivery\n`,
    );
    assert.ok(exchanges < 100, `${exchanges} exchanges for 1000 deliveries: permits are leased, not asked for one by one`);
    assert.ok(one.events <= 6);
  });

  it('disables an endpoint that keeps failing without a success for its autoDisableAfter, and tells the project; a final failure is a notice too', async () => {
    const ep = await stack.endpoint('/dead', {
      eventTypes: ['dead.*'],
      retrySchedule: Array(30).fill('500ms'),
      autoDisableAfter: '3s',
      circuitBreaker: { consecutiveFailures: 1000, minAttempts: 1000 },
    });
    stack.receiver.script('/dead', [{ status: 502 }]);
    const accepted = await post('dead.event', 1);
    const delivery = await stack.settled(accepted.body.data[0].deliveries[0].id);
    assert.equal(delivery.status, 'cancelled', 'its waiting delivery stopped');
    const endpoint = (await stack.project.http.get(`/v1/endpoints/${ep.id}`)).body;
    assert.equal(endpoint.status, 'disabled');
    assert.match(endpoint.statusReason, /no successful delivery for \d+(\.\d)?s while attempts kept failing/);
    const notice = await eventually('the endpoint.disabled notice', async () => opsNotices('endpoint.disabled').find((n) => n.body.includes(ep.id)));
    const body = new Webhook(opsSecret).verify(notice.body, notice.headers as Record<string, string>) as { data: { reason: string } };
    assert.match(body.data.reason, /no successful delivery/);
    await eventually('the disabled email', async () => mail.mails.find((m) => m.parsed.text?.includes(ep.id) && /disabled/i.test(m.parsed.subject ?? '')));

    const short = await stack.endpoint('/short', { eventTypes: ['short.*'], retrySchedule: ['200ms'] });
    stack.receiver.script('/short', [{ status: 500 }]);
    const failing = await post('short.event', 1);
    const failed = await stack.settled(failing.body.data[0].deliveries[0].id);
    assert.equal(failed.status, 'failed');
    const failedNotice = await eventually('the delivery.failed notice', async () => opsNotices('delivery.failed').find((n) => n.body.includes(failed.id)));
    const failedBody = new Webhook(opsSecret).verify(failedNotice.body, failedNotice.headers as Record<string, string>) as { data: Record<string, unknown> };
    assert.deepEqual([failedBody.data.endpointId, failedBody.data.attempts], [short.id, 2]);
  });

  it('keeps its state across a worker restart', async () => {
    const ep = await stack.endpoint('/restart', { eventTypes: ['restart.*'] });
    await stack.project.http.post(`/v1/endpoints/${ep.id}/pause`, { reason: 'before the restart' });
    const waiting = await post('restart.event', 1);
    await stack.settled(waiting.body.data[0].deliveries[0].id, ['held']);
    await stack.restartWorker();
    const after = await health(ep.id);
    assert.deepEqual([after.status, after.statusReason], ['paused', 'before the restart']);
    await stack.project.http.post(`/v1/endpoints/${ep.id}/resume`);
    assert.equal((await stack.settled(waiting.body.data[0].deliveries[0].id)).status, 'succeeded');

    // Deleted while a delivery waits: the entity stops it at once and ends.
    await stack.project.http.post(`/v1/endpoints/${ep.id}/pause`);
    const stranded = await post('restart.event', 1);
    await stack.settled(stranded.body.data[0].deliveries[0].id, ['held']);
    assert.equal((await stack.project.http.delete(`/v1/endpoints/${ep.id}`)).status, 204);
    const cancelled = await stack.settled(stranded.body.data[0].deliveries[0].id, ['cancelled']);
    assert.match(cancelled.statusReason, /deleted/);
    // Ended, and not brought back by a worker's renewal from its stale copy of the endpoint.
    const entity = stack.temporalClient.workflow.getHandle(endpointWorkflowId(ep.id));
    const ended = await eventually('the entity to end', async () => ((await entity.describe()).status.name === 'COMPLETED' ? true : undefined));
    assert.ok(ended);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // past the next renewals
    assert.equal((await entity.describe()).status.name, 'COMPLETED', 'no new run started');
  });

  it('continues as new under sustained load and carries its state over', async () => {
    const ep = await stack.endpoint('/busy', { eventTypes: ['busy.*'] });
    const endpoint = (await endpointById(stack.workerDb, ep.id))!;
    const ref = { id: ep.id, projectId: endpoint.projectId, snapshot: endpointSnapshot(endpoint) };
    const queue = endpointTaskQueue(stack.taskQueue);
    const client = stack.temporalClient;
    await client.workflow.executeUpdateWithStart(commandUpdate, {
      args: [{ type: 'setRateLimit', rateLimit: { perSecond: 7, burst: 3 } }],
      startWorkflowOperation: entityStartOperation(queue, ref),
    });
    const handle = client.workflow.getHandle(endpointWorkflowId(ep.id));
    const firstRun = (await handle.describe()).runId;

    // Workers' exchanges, as fast as eight of them can send: one success each.
    let sent = 0;
    const exchangeOnce = async (lessee: string) => {
      const report = emptyReport();
      addOutcome(report, { kind: 'success' }, Date.now());
      await client.workflow.executeUpdateWithStart(exchangeUpdate, {
        args: [{ lessee, report, endpoint: ref.snapshot, wantsProbe: false }],
        startWorkflowOperation: entityStartOperation(queue, ref),
      });
      sent++;
    };
    let runId = firstRun;
    while (runId === firstRun && sent < 6000) {
      await Promise.all(Array.from({ length: 8 }, (_, i) => exchangeOnce(`load-${i}`)));
      if (sent % 200 === 0) runId = (await handle.describe()).runId;
    }
    assert.notEqual(runId, firstRun, `continued as new after ${sent} exchanges`);
    const state = await handle.query(stateQuery);
    assert.equal(state.runs, 1);
    assert.equal(state.totals.successes, sent, 'no outcome lost across the runs');
    assert.deepEqual([state.rate.perSecond, state.rate.burst], [7, 3]);
    process.stdout.write(`# entity continued as new after ${sent} exchanges\n`);
  });
});
