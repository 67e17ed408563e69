import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApi, type RunningApi } from '../../src/commands/api';
import { createPool, type Db } from '../../src/db/pool';
import { createProject } from '../../src/projects/repository';
import { closedPort, request } from '../support/http';
import { testConfig } from '../support/services';

describe('API, on real PostgreSQL and Temporal', () => {
  let db: Db;
  let api: RunningApi;
  let project: { id: string; apiKey: string };

  before(async () => {
    const config = testConfig({ PORT: '0' });
    db = createPool(config.databaseUrl!);
    api = await startApi(config, { db });
    const created = await createProject(db, 'api test');
    project = { id: created.project.id, apiKey: created.apiKey };
  });

  after(async () => {
    await api?.stop();
    await db?.end();
  });

  const auth = () => ({ authorization: `Bearer ${project.apiKey}` });

  it('answers /healthz and, with both dependencies up, /readyz', async () => {
    const health = await request(`${api.url}/healthz`);
    assert.deepEqual([health.status, health.body], [200, { status: 'ok' }]);
    const ready = await request(`${api.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.body.checks, { postgres: { ok: true }, temporal: { ok: true } });
  });

  it('says degraded without Temporal and not ready without PostgreSQL, and why', async () => {
    const noTemporal = await startApi(testConfig({ PORT: '0', TEMPORAL_ADDRESS: `127.0.0.1:${await closedPort()}` }));
    const noPostgres = await startApi(testConfig({ PORT: '0', DATABASE_URL: `postgres://postgres@127.0.0.1:${await closedPort()}/x` }));
    try {
      const a = await request(`${noTemporal.url}/readyz`);
      assert.equal(a.status, 200, 'events are still accepted without Temporal');
      assert.equal(a.body.status, 'degraded');
      assert.equal(a.body.checks.temporal.ok, false);
      assert.equal(a.body.checks.postgres.ok, true);
      const b = await request(`${noPostgres.url}/readyz`);
      assert.equal(b.status, 503);
      assert.equal(b.body.status, 'unavailable');
      assert.equal(b.body.checks.postgres.ok, false);
      assert.equal(b.body.checks.temporal.ok, true);
      assert.equal((await request(`${noPostgres.url}/healthz`)).status, 200, 'alive even when not ready');
    } finally {
      await noTemporal.stop();
      await noPostgres.stop();
    }
  });

  it('shows a project to its own key only', async () => {
    const mine = await request(`${api.url}/v1/project`, { headers: auth() });
    assert.equal(mine.status, 200);
    assert.equal(mine.body.id, project.id);
    assert.equal(mine.body.name, 'api test');

    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer sk_not-a-real-key' }, { authorization: `Basic ${project.apiKey}` }];
    for (const headers of attempts) {
      const denied = await request(`${api.url}/v1/project`, { headers });
      assert.equal(denied.status, 401);
      assert.equal(denied.body.error.code, 'unauthorized');
    }
  });

  it('stops accepting a revoked key', async () => {
    const other = await createProject(db, 'revoked');
    assert.equal((await request(`${api.url}/v1/project`, { headers: { authorization: `Bearer ${other.apiKey}` } })).status, 200);
    await db.query('UPDATE api_keys SET revoked_at = now() WHERE project_id = $1', [other.project.id]);
    assert.equal((await request(`${api.url}/v1/project`, { headers: { authorization: `Bearer ${other.apiKey}` } })).status, 401);
  });

  it('answers bad requests with a 4xx and a machine-readable error', async () => {
    const missing = await request(`${api.url}/v1/nothing-here`, { headers: auth() });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'not_found');

    const post = (body: string) =>
      request(`${api.url}/v1/project`, { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body });
    const badJson = await post('{"eventType": ');
    assert.equal(badJson.status, 400);
    assert.equal(badJson.body.error.code, 'invalid_json');

    const tooLarge = await post(JSON.stringify({ blob: 'x'.repeat(1_100_000) }));
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.body.error.code, 'payload_too_large');
  });
});
