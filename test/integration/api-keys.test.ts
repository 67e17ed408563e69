import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { client, newProject, startTestApi, type TestApi } from '../support/api';

describe('API keys', () => {
  let test: TestApi;
  before(async () => {
    test = await startTestApi();
  });
  after(() => test?.stop());

  it('are made with a scope, shown once, stored hashed, listed with their last use, and revoked', async () => {
    const acme = await newProject(test, 'acme');
    const made = await acme.http.post('/v1/api-keys', { name: 'billing producer', scope: 'ingest' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.match(made.body.id, /^key_/);
    assert.match(made.body.key, /^sk_/);
    assert.deepEqual([made.body.name, made.body.scope, made.body.prefix, made.body.lastUsedAt], ['billing producer', 'ingest', made.body.key.slice(0, 9), null]);
    const stored = await test.db.query<{ key_hash: Buffer }>('SELECT key_hash FROM api_keys WHERE id = $1', [made.body.id]);
    assert.equal(stored.rows[0]!.key_hash.length, 32, 'a digest');
    assert.ok(!stored.rows[0]!.key_hash.toString('latin1').includes(made.body.key));

    const producer = client(test.api.url, made.body.key);
    assert.equal((await producer.post('/v1/events', { eventType: 'invoice.paid', payload: { n: 1 } })).status, 202);
    const listed = await acme.http.get('/v1/api-keys');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.data.map((k: { name: string }) => k.name), ['billing producer', 'first key']);
    assert.equal(listed.body.data[0].key, undefined, 'the key is shown once');
    assert.ok(Date.now() - Date.parse(listed.body.data[0].lastUsedAt) < 60_000, 'the use is recorded');
    assert.equal(listed.body.data[1].scope, 'full');

    assert.equal((await acme.http.delete(`/v1/api-keys/${made.body.id}`)).status, 204);
    assert.equal((await producer.post('/v1/events', { eventType: 'invoice.paid', payload: {} })).status, 401, 'a revoked key no longer works');
    assert.equal((await acme.http.delete(`/v1/api-keys/${made.body.id}`)).status, 404);
    assert.deepEqual((await acme.http.get('/v1/api-keys')).body.data.map((k: { name: string }) => k.name), ['first key']);
  });

  it('hold each scope to its requests with a 403 insufficient_scope', async () => {
    const acme = await newProject(test, 'acme');
    const keyOf = async (scope: string) => client(test.api.url, (await acme.http.post('/v1/api-keys', { name: scope, scope })).body.key);
    const reader = await keyOf('read');
    const producer = await keyOf('ingest');
    assert.equal((await reader.get('/v1/endpoints')).status, 200);
    assert.equal((await reader.get('/v1/events')).status, 200);
    for (const refused of [
      await reader.post('/v1/endpoints', { url: 'https://example.com' }),
      await reader.post('/v1/events', { eventType: 'a', payload: {} }),
      await reader.post('/v1/api-keys', { name: 'x', scope: 'full' }),
      await producer.get('/v1/events'),
      await producer.get('/v1/endpoints'),
      await producer.post('/v1/api-keys', { name: 'x', scope: 'full' }),
      await producer.patch('/v1/project', { noticeEmails: [] }),
    ]) {
      assert.deepEqual([refused.status, refused.body.error.code], [403, 'insufficient_scope']);
    }
    assert.equal((await producer.post('/v1/events/batch', { events: [{ eventType: 'a', payload: {} }] })).status, 202);
    assert.equal((await acme.http.get('/v1/endpoints')).body.data.length, 0, 'nothing was written');
  });

  it('keep one full key, refuse bad input, and never reach across projects', async () => {
    const acme = await newProject(test, 'acme');
    const other = await newProject(test, 'other');
    const [first] = (await acme.http.get('/v1/api-keys')).body.data;
    const lastFull = await acme.http.delete(`/v1/api-keys/${first.id}`);
    assert.deepEqual([lastFull.status, lastFull.body.error.code], [409, 'last_full_key']);
    const second = await acme.http.post('/v1/api-keys', { name: 'second admin', scope: 'full' });
    assert.equal((await client(test.api.url, second.body.key).delete(`/v1/api-keys/${first.id}`)).status, 204, 'with another full key it goes');
    assert.equal((await acme.http.get('/v1/project')).status, 401, 'the revoked first key is refused');

    const secondKey = client(test.api.url, second.body.key);
    for (const body of [{}, { name: 'x' }, { name: 'x', scope: 'admin' }, { name: '', scope: 'read' }, { name: 'x'.repeat(201), scope: 'read' }, { name: 'x', scope: 'read', key: 'sk_mine' }]) {
      const answer = await secondKey.post('/v1/api-keys', body);
      assert.deepEqual([answer.status, answer.body.error?.code], [400, 'invalid_request'], JSON.stringify(body));
    }
    assert.equal((await secondKey.get('/v1/api-keys')).body.data.length, 1, 'nothing written by the refusals');

    const otherKeys = (await other.http.get('/v1/api-keys')).body.data;
    assert.equal((await secondKey.delete(`/v1/api-keys/${otherKeys[0].id}`)).status, 404, 'another project\'s key is not found');
    assert.equal((await other.http.get('/v1/project')).status, 200, 'and still works');
    assert.ok(!(await secondKey.get('/v1/api-keys')).body.data.some((k: { id: string }) => k.id === otherKeys[0].id));
  });
});
