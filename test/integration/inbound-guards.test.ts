/**
 * What stands before an inbound source's verification: its IP allow-list (with X-Forwarded-For
 * believed only from trusted proxies), its rate limit, and the bound on how many refused requests
 * become writes. Every request here goes to the API on loopback; other addresses appear only in
 * headers and settings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newProject, startTestApi, type TestApi } from '../support/api';

const KEY = 'inbound-guard-key-0123456789';

describe('inbound source guards', () => {
  let test: TestApi;
  let project: Awaited<ReturnType<typeof newProject>>;
  before(async () => {
    test = await startTestApi();
    project = await newProject(test, 'inbound guards');
  });
  after(() => test?.stop());

  const source = async (settings: Record<string, unknown>) => {
    const created = await project.http.post('/v1/sources', { name: 'guarded', provider: 'api-key', apiKey: { header: 'x-api-key' }, secrets: [KEY], ...settings });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { id: string; allowedIps: string[] | null; rateLimit: unknown };
  };
  const send = async (api: TestApi, sourceId: string, n: number, headers: Record<string, string> = {}) => {
    const response = await fetch(`${api.api.url}/in/${sourceId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY, ...headers },
      body: JSON.stringify({ n }),
    });
    const body: any = await response.json().catch(() => undefined);
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
  };
  const count = async (table: 'events' | 'source_failures', sourceId: string) =>
    (await test.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE source_id = $1`, [sourceId])).rows[0]!.n;

  it('refuse bad settings with a 400', async () => {
    for (const bad of [{ allowedIps: [] }, { allowedIps: ['not-an-address'] }, { allowedIps: ['10.0.0.0/33'] }, { rateLimit: { perSecond: 0 } }, { rateLimit: { perSecond: 1, burst: 0 } }, { rateLimit: { perSecond: 1, extra: 1 } }]) {
      const refused = await project.http.post('/v1/sources', { name: 'bad', provider: 'api-key', apiKey: { header: 'x-api-key' }, secrets: [KEY], ...bad });
      assert.equal(refused.status, 400, JSON.stringify(bad));
      assert.equal(refused.body.error.code, 'invalid_request');
    }
  });

  it('take requests only from allowed addresses, and record the refusal', async () => {
    const guarded = await source({ allowedIps: ['192.0.2.0/24'] });
    assert.deepEqual(guarded.allowedIps, ['192.0.2.0/24']);
    const refused = await send(test, guarded.id, 1);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'ip_not_allowed');
    // X-Forwarded-For from a peer that is not a trusted proxy is not believed.
    assert.equal((await send(test, guarded.id, 2, { 'x-forwarded-for': '192.0.2.7' })).status, 403);
    assert.equal(await count('events', guarded.id), 0);
    const failures = (await project.http.get(`/v1/sources/${guarded.id}/failures`)).body.data;
    assert.match(failures[0].reason, /address .*127\.0\.0\.1 is not in the source's allowedIps/);

    const opened = await project.http.patch(`/v1/sources/${guarded.id}`, { allowedIps: ['192.0.2.0/24', '127.0.0.1'] });
    assert.equal(opened.status, 200);
    assert.equal((await send(test, guarded.id, 3)).status, 202);
    assert.equal((await project.http.patch(`/v1/sources/${guarded.id}`, { allowedIps: null })).body.allowedIps, null, 'null: from anywhere');
    assert.equal(await count('events', guarded.id), 1);
  });

  it('judge the client named by a trusted proxy', async () => {
    const behindProxy = await startTestApi({ SWITCHYARD_TRUSTED_PROXIES: '127.0.0.1,::1' });
    try {
      const guarded = await source({ allowedIps: ['192.0.2.0/24'] });
      assert.equal((await send(behindProxy, guarded.id, 1, { 'x-forwarded-for': '192.0.2.7' })).status, 202);
      assert.equal((await send(behindProxy, guarded.id, 2, { 'x-forwarded-for': '198.51.100.1' })).status, 403);
      assert.equal((await send(behindProxy, guarded.id, 3)).status, 403, 'the proxy itself is not the client');
    } finally {
      await behindProxy.stop();
    }
  });

  it('hold a source to its rate with a 429 and Retry-After, before reading or writing anything', async () => {
    const limited = await source({ rateLimit: { perSecond: 1, burst: 2 } });
    assert.deepEqual(limited.rateLimit, { perSecond: 1, burst: 2 });
    assert.equal((await send(test, limited.id, 1)).status, 202);
    assert.equal((await send(test, limited.id, 2)).status, 202);
    const refused = await send(test, limited.id, 3);
    assert.equal(refused.status, 429);
    assert.equal(refused.retryAfter, '1');
    assert.equal(refused.body.error.code, 'rate_limited');
    assert.equal(await count('events', limited.id), 2);
    assert.equal(await count('source_failures', limited.id), 0, 'a request over the rate is not a failure to record');
  });

  it('write at most a burst of refused requests, however many come', async () => {
    const flooded = await source({});
    const answers = await Promise.all(Array.from({ length: 60 }, (_, n) => send(test, flooded.id, n, { 'x-api-key': 'wrong' })));
    assert.ok(answers.every((a) => a.status === 401));
    const recorded = await count('source_failures', flooded.id);
    assert.ok(recorded >= 20 && recorded < 60, `recorded ${recorded} of 60 refusals`);
  });
});
