/**
 * The start queue is fair across projects: a project that floods it is refused once it holds its
 * share, while another project's events are still taken, and the reconciler takes turns between
 * them. No worker runs here, so nothing begins: one start fills the window and the rest queue.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { queuedDeliveries } from '../../src/deliveries/repository';
import { newProject, startTestApi, type TestApi } from '../support/api';
import { uniqueName } from '../support/services';

describe('fair starts across projects', () => {
  let test: TestApi;
  before(async () => {
    test = await startTestApi({ TEMPORAL_TASK_QUEUE: uniqueName('fair-starts'), DELIVERY_START_WINDOW: '1', DELIVERY_QUEUE_LIMIT: '6' });
    // The queue is shared by the test database: what earlier files left queued would count here.
    await test.db.query(`UPDATE deliveries SET status = 'cancelled', status_reason = 'left by an earlier test file' WHERE workflow_started_at IS NULL AND start_queued AND status <> 'cancelled'`);
  });
  after(() => test?.stop());

  it('refuses the project holding its share of a full queue, takes the others, and starts them in turns', async () => {
    const flood = await newProject(test, 'flood');
    const quiet = await newProject(test, 'quiet');
    for (const project of [flood, quiet]) assert.equal((await project.http.post('/v1/endpoints', { url: 'https://hooks.example.com/fair' })).status, 201);
    // The queue's length is re-read every 0.5 s: wait that long between events.
    const publishUntilRefused = async (project: typeof flood, most: number) => {
      const accepted: string[] = [];
      for (let n = 0; n < most; n++) {
        const answer = await project.http.post('/v1/events', { eventType: 'fair.item', payload: { n } });
        if (answer.status !== 202) {
          assert.equal(answer.status, 503);
          assert.equal(answer.body.error.code, 'over_capacity');
          return accepted;
        }
        accepted.push(answer.body.deliveries[0].id);
        await new Promise((resolve) => setTimeout(resolve, 600));
      }
      throw new Error(`${most} events accepted, none refused`);
    };

    const flooded = await publishUntilRefused(flood, 20);
    assert.equal(flooded.length, 7, 'one started, six queued: the whole queue');
    const quietOnes = await publishUntilRefused(quiet, 20);
    assert.equal(quietOnes.length, 3, 'taken until it holds half of the queue, shared by two projects');
    assert.equal((await flood.http.post('/v1/events', { eventType: 'fair.item', payload: {} })).status, 503, 'the flood is still refused');

    const next = await queuedDeliveries(test.db, 6);
    assert.deepEqual(
      next.map((d) => d.projectId),
      [flood.id, quiet.id, flood.id, quiet.id, flood.id, quiet.id],
      'turns across projects, each one\'s oldest first',
    );
    assert.deepEqual(next.filter((d) => d.projectId === quiet.id).map((d) => d.deliveryId), quietOnes);
    assert.deepEqual(next.filter((d) => d.projectId === flood.id).map((d) => d.deliveryId), flooded.slice(1, 4));
  });
});
