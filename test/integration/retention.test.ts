/**
 * Retention on the real stack: a project's events past its `retention` go with their deliveries
 * and attempts, in batches, while events with a delivery not yet ended, events an inbound source
 * could still take a retry of for a duplicate, and other projects' events stay. The sweep is run
 * here with its clock set ahead, as the workers run it with theirs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cancelSignal } from '../../src/deliveries/workflow-contract';
import { sweepOnce } from '../../src/retention/sweeper';
import { newProject, settledFor } from '../support/api';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { signers } from '../support/inbound-signers';

const DAY = 86_400_000;

describe('retention', () => {
  let stack: DeliveryStack;
  before(async () => {
    stack = await startDeliveryStack();
  });
  after(() => stack?.stop());

  const count = async (sql: string, params: unknown[]) => Number((await stack.test.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params)).rows[0]!.n);

  it('shows the retention and the oldest event kept, and takes a retention from ten minutes to ten years', async () => {
    const project = await newProject(stack.test, 'retention settings');
    const fresh = await project.http.get('/v1/project');
    assert.equal(fresh.body.retention, '30d');
    assert.equal(fresh.body.oldestEventAt, null);
    const accepted = await project.http.post('/v1/events', { eventType: 'kept.one', payload: {} });
    assert.equal(accepted.status, 202);
    const changed = await project.http.patch('/v1/project', { retention: '90d' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.retention, '90d');
    const shown = await project.http.get('/v1/project');
    assert.equal(shown.body.retention, '90d');
    const created = (await stack.test.db.query<{ created_at: Date }>('SELECT created_at FROM events WHERE id = $1', [accepted.body.id])).rows[0]!.created_at;
    assert.equal(shown.body.oldestEventAt, created.toISOString());
    for (const retention of ['9m', '3651d', 'forever', 30]) {
      const refused = await project.http.patch('/v1/project', { retention });
      assert.equal(refused.status, 400, String(retention));
      assert.equal(refused.body.error.code, 'invalid_request');
      assert.equal(refused.body.error.details[0].path, 'retention');
    }
    assert.equal((await project.http.get('/v1/project')).body.retention, '90d', 'a refused change leaves the setting');
  });

  it("deletes a project's events past its retention with their deliveries and attempts, keeping what is unfinished, deduplicating or another project's", async () => {
    const project = await newProject(stack.test, 'retention sweep');
    const other = await newProject(stack.test, 'retention neighbour');
    await project.http.patch('/v1/project', { retention: '2d' });
    await other.http.patch('/v1/project', { retention: '2d' });
    const endpoint = async (owner: typeof project, path: string, extra: Record<string, unknown> = {}) => {
      const created = await owner.http.post('/v1/endpoints', { url: `${stack.receiver.url}${path}`, eventTypes: ['*'], ...extra });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body;
    };
    await endpoint(project, '/kept-ok');
    stack.receiver.script('/kept-down', [{ status: 503 }]);
    const down = await endpoint(project, '/kept-down', { eventTypes: ['down.*'], retrySchedule: ['1h'] });
    await endpoint(other, '/neighbour');

    // Five delivered events, two whose deliveries to `down` have not ended, and one of the neighbour's.
    const delivered = [];
    for (let i = 0; i < 5; i++) delivered.push((await project.http.post('/v1/events', { eventType: 'done.one', payload: { i } })).body);
    const retrying = (await project.http.post('/v1/events', { eventType: 'down.one', payload: {} })).body;
    const held = (await project.http.post('/v1/events', { eventType: 'down.two', payload: {} })).body;
    const neighbours = (await other.http.post('/v1/events', { eventType: 'done.one', payload: {} })).body;
    for (const event of delivered) await settledFor(project, event.deliveries[0].id);
    await settledFor(other, neighbours.deliveries[0].id);
    const stuck = retrying.deliveries.find((d: { endpointId: string }) => d.endpointId === down.id);
    await settledFor(project, stuck.id, ['retrying']);
    const heldDelivery = held.deliveries.find((d: { endpointId: string }) => d.endpointId === down.id);
    await settledFor(project, heldDelivery.id, ['retrying']);
    // As the worker records a delivery that a paused endpoint or an open circuit holds.
    await stack.test.db.query(`UPDATE deliveries SET status = 'held' WHERE id = $1`, [heldDelivery.id]);

    // An inbound webhook, deduplicated for its source's window (7 days).
    const secret = 'retention-secret';
    const source = await project.http.post('/v1/sources', { name: 'gh', provider: 'github', secrets: [secret], dedupeWindow: '7d' });
    assert.equal(source.status, 201, JSON.stringify(source.body));
    const signed = await signers.github({ secret, body: JSON.stringify({ zen: 'keep' }), atMs: Date.now() });
    const inbound = await fetch(`${stack.test.api.url}/in/${source.body.id}`, { method: 'POST', headers: signed.headers as Record<string, string>, body: signed.body });
    assert.equal(inbound.status, 202, await inbound.text());
    const inboundEvents = () => count('events WHERE source_id = $1', [source.body.id]);
    assert.equal(await inboundEvents(), 1);

    const projectEvents = () => count('events WHERE project_id = $1', [project.id]);
    const attemptsOf = (eventIds: string[]) => count('attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.event_id = ANY($1)', [eventIds]);
    const deliveredIds = delivered.map((event) => event.id as string);
    assert.equal(await attemptsOf(deliveredIds), 5);

    // A day on: nothing is past two days.
    assert.equal((await sweepOnce(stack.test.db, { now: Date.now() + DAY })).events, 0);
    assert.equal(await projectEvents(), 8);

    // Three days on, in batches of two: the delivered events go, deliveries and attempts with them.
    const threeDays = await sweepOnce(stack.test.db, { now: Date.now() + 3 * DAY, batch: 2 });
    assert.ok(threeDays.events >= 6, `${threeDays.events} events swept`);
    assert.equal(await count('events WHERE id = ANY($1)', [deliveredIds]), 0);
    assert.equal(await count('deliveries WHERE event_id = ANY($1)', [deliveredIds]), 0);
    assert.equal(await attemptsOf(deliveredIds), 0);
    assert.equal(await count('events WHERE id = $1', [retrying.id]), 1, 'a delivery still retrying keeps its event');
    assert.equal(await count('events WHERE id = $1', [held.id]), 1, 'so does a held one');
    assert.equal(await inboundEvents(), 1, 'a webhook its source could still see again is kept');
    assert.equal(await count('events WHERE project_id = $1', [other.id]), 0, "the neighbour's two days passed too");

    // A replay of the GitHub delivery is still recognised: no second event.
    const again = await fetch(`${stack.test.api.url}/in/${source.body.id}`, { method: 'POST', headers: signed.headers as Record<string, string>, body: signed.body });
    assert.equal(again.status, 202);
    assert.equal(await inboundEvents(), 1);

    // Eight days on, past the dedupe window: the webhook and its receipt go.
    await sweepOnce(stack.test.db, { now: Date.now() + 8 * DAY });
    assert.equal(await inboundEvents(), 0);
    assert.equal(await count('inbound_receipts WHERE source_id = $1', [source.body.id]), 0);

    // Once the retrying delivery ends, its event goes at the next sweep.
    await stack.temporalClient.workflow.getHandle(`delivery/${retrying.id}/${down.id}`).signal(cancelSignal, { reason: 'given up by the test' });
    await settledFor(project, stuck.id, ['cancelled']);
    await stack.temporalClient.workflow.getHandle(`delivery/${held.id}/${down.id}`).signal(cancelSignal, { reason: 'given up by the test' });
    await settledFor(project, heldDelivery.id, ['cancelled']);
    await sweepOnce(stack.test.db, { now: Date.now() + 3 * DAY });
    assert.equal(await projectEvents(), 0);
    assert.equal((await project.http.get('/v1/project')).body.oldestEventAt, null);
  });

  it("keeps another project's events that are within its own retention", async () => {
    const short = await newProject(stack.test, 'short memory');
    const long = await newProject(stack.test, 'long memory');
    await short.http.patch('/v1/project', { retention: '1d' });
    await long.http.patch('/v1/project', { retention: '365d' });
    const shortEvent = (await short.http.post('/v1/events', { eventType: 'a.b', payload: {} })).body;
    const longEvent = (await long.http.post('/v1/events', { eventType: 'a.b', payload: {} })).body;
    await sweepOnce(stack.test.db, { now: Date.now() + 2 * DAY });
    assert.equal(await count('events WHERE id = $1', [shortEvent.id]), 0);
    assert.equal(await count('events WHERE id = $1', [longEvent.id]), 1);
  });
});
