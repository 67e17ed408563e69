import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { liveBrokerSources } from '../../src/brokers/sources-repository';
import { client, newProject, startTestApi, type TestApi } from '../support/api';

const events = (n: number) => ({ events: Array.from({ length: n }, (_, i) => ({ eventType: 'load.test', payload: { i } })) });

describe('what the operator sets per project', () => {
  let test: TestApi;
  before(async () => {
    test = await startTestApi();
  });
  after(() => test?.stop());

  const eventCount = async (projectId: string) =>
    (await test.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE project_id = $1', [projectId])).rows[0]!.n;

  it('is read and changed with the admin key only, and bad input is a 400', async () => {
    const admin = client(test.api.url, test.adminKey);
    const acme = await newProject(test, 'acme');
    const shown = await admin.get(`/v1/projects/${acme.id}`);
    assert.equal(shown.status, 200);
    assert.deepEqual(shown.body, { id: acme.id, name: 'acme', createdAt: shown.body.createdAt, ingestRateLimit: null, brokerPrefixes: {}, egressProxy: null, deletedAt: null });

    const patched = await admin.patch(`/v1/projects/${acme.id}`, { ingestRateLimit: { perSecond: 50 }, brokerPrefixes: { kafka: ['acme.'], redis: ['acme.'] } });
    assert.equal(patched.status, 200);
    assert.deepEqual(
      [patched.body.ingestRateLimit, patched.body.brokerPrefixes],
      [{ perSecond: 50, burst: 500 }, { kafka: ['acme.'], redis: ['acme.'] }],
    );
    const listed = await admin.get('/v1/projects?limit=100');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.data.find((p: { id: string }) => p.id === acme.id), patched.body);

    for (const body of [{ ingestRateLimit: { perSecond: 0 } }, { ingestRateLimit: { perSecond: 5, burst: 10 } }, { brokerPrefixes: { kafka: ['has space'] } }, { kafkaTopicPrefixes: ['acme.'] }, { brokerPrefixes: { redis: ['has space'] } }, { brokerPrefixes: { pigeon: [''] } }, { name: 'renamed' }]) {
      const refused = await admin.patch(`/v1/projects/${acme.id}`, body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal(refused.body.error.code, 'invalid_request');
    }
    assert.deepEqual((await admin.get(`/v1/projects/${acme.id}`)).body, patched.body, 'refusals change nothing');
    assert.equal((await admin.patch('/v1/projects/prj_nope', { brokerPrefixes: {} })).body.error.code, 'project_not_found');
    assert.equal((await admin.get('/v1/projects/prj_nope')).status, 404);

    // A project's own key is not the admin key: it can neither read nor raise its limits.
    assert.equal((await acme.http.get(`/v1/projects/${acme.id}`)).status, 401);
    assert.equal((await acme.http.patch(`/v1/projects/${acme.id}`, { brokerPrefixes: { kafka: [''] } })).status, 401);
    assert.equal((await acme.http.get('/v1/projects')).status, 401);
    assert.deepEqual((await admin.patch(`/v1/projects/${acme.id}`, { ingestRateLimit: null })).body.ingestRateLimit, null, 'null: back to the default');
  });

  it('limits how fast a project publishes with a 429 and Retry-After, writing nothing refused and holding back no other project', async () => {
    const flood = await newProject(test, 'flood', { ingestRateLimit: { perSecond: 1 } });
    const quiet = await newProject(test, 'quiet', { ingestRateLimit: { perSecond: 1 } });
    assert.equal((await flood.http.post('/v1/events/batch', events(500))).status, 202, 'the burst goes through');
    const refused = await flood.http.post('/v1/events', { eventType: 'load.test', payload: {} });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'rate_limited');
    assert.equal(refused.headers['retry-after'], '1');
    assert.equal(refused.body.error.details.retryAfterSeconds, 1);
    assert.equal((await flood.http.post('/v1/events/batch', events(3))).headers['retry-after'], '3', 'a batch counts its events');
    assert.equal(await eventCount(flood.id), 500, 'nothing refused was written');

    assert.equal((await quiet.http.post('/v1/events/batch', events(500))).status, 202, 'another project has its own budget');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal((await flood.http.post('/v1/events', { eventType: 'load.test', payload: {} })).status, 202, 'a token back after a second');
    assert.equal(await eventCount(flood.id), 501);
  });

  it('applies SWITCHYARD_INGEST_PER_SECOND to projects the operator set no rate for', async () => {
    const slow = await startTestApi({ SWITCHYARD_INGEST_PER_SECOND: '0.5' });
    try {
      const project = await newProject(slow, 'default rate');
      assert.equal((await project.http.post('/v1/events/batch', events(500))).status, 202);
      const refused = await project.http.post('/v1/events', { eventType: 'load.test', payload: {} });
      assert.equal(refused.status, 429);
      assert.equal(refused.headers['retry-after'], '2');
    } finally {
      await slow.stop();
    }
  });

  it('keeps Kafka sources inside the project\'s topic prefixes, and consumer groups inside its namespace', async () => {
    const acme = await newProject(test, 'acme');
    const kafkaSource = (body: Record<string, unknown>) => ({ broker: 'kafka', format: 'envelope', ...body });
    const outside = await acme.http.post('/v1/broker-sources', kafkaSource({ topic: 'orders' }));
    assert.equal(outside.status, 400, 'no prefix granted: no topic');
    assert.equal(outside.body.error.code, 'broker_name_not_allowed');
    assert.deepEqual(outside.body.error.details, { broker: 'kafka', names: ['orders', 'orders.dlq'] });

    const admin = client(test.api.url, test.adminKey);
    await admin.patch(`/v1/projects/${acme.id}`, { brokerPrefixes: { kafka: ['acme.'] } });
    const deadLettersElsewhere = await acme.http.post('/v1/broker-sources', kafkaSource({ topic: 'acme.orders', deadLetter: 'beta.dlq' }));
    assert.equal(deadLettersElsewhere.status, 400);
    assert.deepEqual(deadLettersElsewhere.body.error.details.names, ['beta.dlq']);
    const source = await acme.http.post('/v1/broker-sources', kafkaSource({ topic: 'acme.orders', group: 'orders' }));
    assert.equal(source.status, 201);
    assert.equal(source.body.group, `switchyard.${acme.id}.orders`);
    assert.equal(source.body.deadLetter, 'acme.orders.dlq');
    const moved = await acme.http.patch(`/v1/broker-sources/${source.body.id}`, { deadLetter: 'beta.dlq' });
    assert.equal(moved.body.error.code, 'broker_name_not_allowed');
    // A Kafka group is the cluster's: the same group on another topic would split its partitions.
    const sameGroup = await acme.http.post('/v1/broker-sources', kafkaSource({ topic: 'acme.other', group: 'orders' }));
    assert.equal(sameGroup.status, 409);
    assert.equal(sameGroup.body.error.code, 'broker_group_taken');
    // The list, not GET /:id: that one asks Kafka for the lag of a topic this test never makes.
    const listed = (await acme.http.get('/v1/broker-sources')).body.data;
    assert.deepEqual(listed.map((s: { topic: string; deadLetter: string }) => [s.topic, s.deadLetter]), [['acme.orders', 'acme.orders.dlq']], 'the refused change is not written');
    const sourceCount = async (projectId: string) =>
      (await test.db.query<{ n: number }>("SELECT count(*)::int AS n FROM broker_sources WHERE project_id = $1 AND broker = 'kafka'", [projectId])).rows[0]!.n;
    assert.equal(await sourceCount(acme.id), 1);

    // Another project names acme's group: it gets a group of its own, so it never joins acme's.
    const beta = await newProject(test, 'beta', { brokerPrefixes: { kafka: ['beta.'] } });
    const joiner = await beta.http.post('/v1/broker-sources', kafkaSource({ topic: 'beta.orders', group: source.body.group }));
    assert.equal(joiner.status, 201);
    assert.equal(joiner.body.group, `switchyard.${beta.id}.${source.body.group}`);
    assert.equal((await beta.http.post('/v1/broker-sources', kafkaSource({ topic: 'acme.orders' }))).status, 400);

    const live = async () => (await liveBrokerSources(test.db)).map((s) => s.id);
    assert.ok((await live()).includes(source.body.id));
    await admin.patch(`/v1/projects/${acme.id}`, { brokerPrefixes: {} });
    assert.ok(!(await live()).includes(source.body.id), 'taking the prefix back stops the consumption');
    assert.ok((await live()).includes(joiner.body.id));
  });
});
