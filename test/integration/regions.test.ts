/**
 * Regions on the real stack: a default worker, and the workers of two regions, each region behind
 * a tinyproxy of its own (connecting out from 127.0.0.3 and 127.0.0.4), so the receiver tells by
 * the peer address which worker sent each request. A third region has no worker until the end.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createPool, type Db } from '../../src/db/pool';
import { startLocalProxy, type LocalProxy } from '../../src/stack/tinyproxy';
import { startWorker, type RunningWorker } from '../../src/worker';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { eventually } from '../support/receiver';
import { freePort, testConfig } from '../support/services';

const PEERS = { default: '127.0.0.1', eu: '127.0.0.3', us: '127.0.0.4' };

describe('regions', () => {
  let stack: DeliveryStack;
  let db: Db;
  const proxies: LocalProxy[] = [];
  const workers: RunningWorker[] = [];

  /** A worker of `region` on the stack's queue, leaving through `proxy` if given. */
  const regionWorker = async (region: string, proxy?: LocalProxy) => {
    const config = testConfig({ TEMPORAL_TASK_QUEUE: stack.taskQueue, SWITCHYARD_REGION: region, ...(proxy && { SWITCHYARD_EGRESS_PROXY: proxy.url }) });
    const worker = await startWorker(config, db);
    workers.push(worker);
    return worker;
  };

  before(async () => {
    stack = await startDeliveryStack();
    db = createPool(stack.config.databaseUrl!);
    for (const region of ['eu', 'us'] as const) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `switchyard-proxy-${region}-`));
      const proxy = await startLocalProxy({ dataDir, port: await freePort(), outgoingAddress: PEERS[region], user: region, password: `${region}-pass` });
      proxies.push(proxy);
      await regionWorker(region, proxy);
    }
  });
  after(async () => {
    for (const worker of workers) await worker.stop();
    await db?.end();
    await stack?.stop();
    for (const proxy of proxies) await proxy.stop();
  });

  it("runs each endpoint's deliveries on its region's workers only; endpoints without a region on the default ones", async () => {
    for (const region of ['default', 'eu', 'us'] as const) {
      await stack.endpoint(`/region/${region}`, { eventTypes: ['regional.*'], ...(region !== 'default' && { region }) });
    }
    for (let n = 0; n < 4; n++) {
      const accepted = await stack.project.http.post('/v1/events', { eventType: 'regional.sent', payload: { n } });
      assert.equal(accepted.status, 202);
    }
    for (const region of ['default', 'eu', 'us'] as const) {
      const requests = await stack.receiver.waitFor(`/region/${region}`, 4);
      assert.deepEqual([...new Set(requests.map((r) => r.peer))], [PEERS[region]], `${region}: every request from its own worker`);
    }
  });

  it('holds the deliveries of a region without workers, says so in the health view, and sends them once a worker starts', async () => {
    const far = await stack.endpoint('/region/far', { eventTypes: ['far.*'], region: 'far' });
    const near = await stack.endpoint('/region/near', { eventTypes: ['near.*'], region: 'eu' });
    const accepted = await stack.project.http.post('/v1/events', { eventType: 'far.sent', payload: {} });
    assert.equal(accepted.status, 202);

    const farHealth = await stack.project.http.get(`/v1/endpoints/${far.id}/health`);
    assert.deepEqual(farHealth.body.region, { name: 'far', workers: 0 });
    const nearHealth = await stack.project.http.get(`/v1/endpoints/${near.id}/health`);
    assert.equal(nearHealth.body.region.name, 'eu');
    assert.ok(nearHealth.body.region.workers >= 1, JSON.stringify(nearHealth.body.region));
    assert.equal((await stack.project.http.get(`/v1/endpoints/${(await stack.endpoint('/region/none')).id}/health`)).body.region, null);

    // Nothing goes while the region has no worker.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    assert.equal(stack.receiver.received.filter((r) => r.path === '/region/far').length, 0);
    assert.equal((await stack.project.http.get(`/v1/deliveries/${accepted.body.deliveries[0].id}`)).body.status, 'pending');

    await regionWorker('far');
    const [request] = await stack.receiver.waitFor('/region/far', 1);
    assert.equal(request!.peer, PEERS.default, 'the far worker has no proxy: it connects itself');
    assert.equal((await stack.settled(accepted.body.deliveries[0].id)).status, 'succeeded');
    await eventually('the health view to count the far worker', async () => {
      const health = await stack.project.http.get(`/v1/endpoints/${far.id}/health`);
      return health.body.region.workers >= 1 || undefined;
    });
  });

  it('refuses a region name that could not be a task queue suffix', async () => {
    for (const region of ['EU', 'eu west', '-eu', 'x'.repeat(33), '']) {
      const answer = await stack.project.http.post('/v1/endpoints', { url: 'https://example.com/r', region });
      assert.equal(answer.status, 400, region);
      assert.deepEqual(answer.body.error.details.map((d: { path: string }) => d.path), ['region']);
    }
  });
});
