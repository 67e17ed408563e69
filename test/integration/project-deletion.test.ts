/**
 * Deleting a project on the real stack: at once nothing more comes in or goes out (keys revoked,
 * endpoints, sources and portal sessions gone); then its deletion workflow cancels its waiting
 * deliveries, ends its endpoints' entities, removes its events, deliveries and attempts, and last
 * the project. Another project's data is untouched.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { endpointWorkflowId } from '../../src/endpoint-health/workflow-contract';
import { projectDeletionWorkflowId } from '../../src/projects/deletion-contract';
import { client, newProject, settledFor } from '../support/api';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { signers } from '../support/inbound-signers';

describe('project deletion', () => {
  let stack: DeliveryStack;
  before(async () => {
    stack = await startDeliveryStack();
  });
  after(() => stack?.stop());

  const count = async (sql: string, params: unknown[]) => Number((await stack.test.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params)).rows[0]!.n);

  it('shuts the project at once, then removes its data and itself, leaving other projects be', async () => {
    const admin = client(stack.test.api.url, stack.test.adminKey);
    const project = await newProject(stack.test, 'to be deleted');
    const other = await newProject(stack.test, 'stays');
    const endpoint = async (owner: typeof project, path: string, extra: Record<string, unknown> = {}) => {
      const created = await owner.http.post('/v1/endpoints', { url: `${stack.receiver.url}${path}`, eventTypes: ['*'], ...extra });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body as { id: string };
    };
    const ok = await endpoint(project, '/deleted-ok', { eventTypes: ['done.*'] });
    stack.receiver.script('/deleted-down', [{ status: 503 }]);
    const down = await endpoint(project, '/deleted-down', { eventTypes: ['down.*'], retrySchedule: ['1h'] });
    const neighbour = await endpoint(other, '/deleted-neighbour');

    const delivered = [];
    for (let i = 0; i < 3; i++) delivered.push((await project.http.post('/v1/events', { eventType: 'done.one', payload: { i } })).body);
    const waiting = (await project.http.post('/v1/events', { eventType: 'down.one', payload: {} })).body;
    const neighbours = (await other.http.post('/v1/events', { eventType: 'done.one', payload: {} })).body;
    for (const event of delivered) await settledFor(project, event.deliveries[0].id);
    const retrying = await settledFor(project, waiting.deliveries[0].id, ['retrying']);
    await settledFor(other, neighbours.deliveries[0].id);
    const entity = stack.temporalClient.workflow.getHandle(endpointWorkflowId(ok.id));
    assert.equal((await entity.describe()).status.name, 'RUNNING');

    const secret = 'deletion-secret';
    const source = await project.http.post('/v1/sources', { name: 'gh', provider: 'github', secrets: [secret] });
    assert.equal(source.status, 201, JSON.stringify(source.body));
    const customer = (await project.http.post('/v1/customers', { uid: 'deleted-co', name: 'Deleted Co' })).body;
    const portal = await project.http.post(`/v1/customers/${customer.id}/portal-sessions`, { returnUrl: 'https://dashboard.example.com' });
    assert.equal(portal.status, 201, JSON.stringify(portal.body));

    // A project's own key cannot delete it.
    assert.equal((await client(stack.test.api.url, project.apiKey).delete(`/v1/projects/${project.id}`)).status, 401);

    const deleted = await admin.delete(`/v1/projects/${project.id}`);
    assert.equal(deleted.status, 202, JSON.stringify(deleted.body));
    assert.equal(deleted.body.id, project.id);
    assert.ok(Date.parse(deleted.body.deletedAt) > 0, 'the answer says when');

    // At once: nothing comes in, nothing is changed.
    assert.equal((await project.http.get('/v1/project')).status, 401, 'its keys are revoked');
    assert.equal((await project.http.post('/v1/events', { eventType: 'done.one', payload: {} })).status, 401);
    const signed = await signers.github({ secret, body: JSON.stringify({ zen: 'gone' }), atMs: Date.now() });
    const inbound = await fetch(`${stack.test.api.url}/in/${source.body.id}`, { method: 'POST', headers: signed.headers as Record<string, string>, body: signed.body });
    assert.equal(inbound.status, 404, 'its sources take no more webhooks');
    assert.equal(await count('portal_sessions WHERE project_id = $1', [project.id]), 0, 'its portal sessions are ended');
    assert.equal((await admin.patch(`/v1/projects/${project.id}`, { ingestRateLimit: { perSecond: 5 } })).status, 404);
    // Sent again while its data is removed: the same answer, and no second removal.
    const again = await admin.delete(`/v1/projects/${project.id}`);
    assert.equal(again.status, 202);
    assert.equal(again.body.deletedAt, deleted.body.deletedAt);

    // Then the workflow: the waiting delivery cancelled, the entities ended, the data and the project gone.
    const removal = await stack.temporalClient.workflow.getHandle(projectDeletionWorkflowId(project.id)).result();
    assert.deepEqual(removal, { endpoints: 2, cancelled: 1 }, 'both entities told, the one waiting delivery cancelled');
    assert.equal((await entity.describe()).status.name, 'COMPLETED', "the endpoint's entity has ended");
    const retried = stack.temporalClient.workflow.getHandle(`delivery/${waiting.id}/${down.id}`);
    assert.deepEqual(await retried.result(), { status: 'cancelled', attempts: retrying.attempts.length });
    assert.equal((await admin.get(`/v1/projects/${project.id}`)).status, 404);
    for (const table of ['events', 'deliveries', 'endpoints', 'sources', 'customers', 'api_keys', 'portal_sessions']) {
      assert.equal(await count(`${table} WHERE project_id = $1`, [project.id]), 0, table);
    }
    const deliveryIds = [...delivered, waiting].map((event) => event.deliveries[0].id as string);
    assert.equal(await count('attempts WHERE delivery_id = ANY($1)', [deliveryIds]), 0, 'attempts');
    assert.equal(await count('projects WHERE id = $1', [project.id]), 0);
    assert.equal((await admin.delete(`/v1/projects/${project.id}`)).status, 404, 'once gone, it is not found');

    // The neighbour keeps everything, and still works.
    assert.equal(await count('events WHERE project_id = $1', [other.id]), 1);
    assert.equal(await count('deliveries WHERE endpoint_id = $1', [neighbour.id]), 1);
    const later = await other.http.post('/v1/events', { eventType: 'done.two', payload: {} });
    assert.equal(later.status, 202);
    await settledFor(other, later.body.deliveries[0].id);
  });

  it('answers 404 for a project that does not exist, and 401 without the admin key', async () => {
    const admin = client(stack.test.api.url, stack.test.adminKey);
    const missing = await admin.delete('/v1/projects/prj_nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'project_not_found');
    const project = await newProject(stack.test, 'not the admin');
    assert.equal((await client(stack.test.api.url, 'sk_wrong').delete(`/v1/projects/${project.id}`)).status, 401);
    assert.equal((await project.http.get('/v1/project')).status, 200, 'a refused deletion changes nothing');
  });
});
