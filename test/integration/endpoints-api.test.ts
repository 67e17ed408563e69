import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { findEndpoint, signingMaterial } from '../../src/endpoints/repository';
import { signedHeaders } from '../../src/signing/standard-webhooks';
import { client, newProject, startTestApi, type TestApi } from '../support/api';
import { request } from '../support/http';

describe('projects and endpoints API', () => {
  let test: TestApi;
  before(async () => {
    test = await startTestApi();
  });
  after(() => test?.stop());

  it('creates projects with the admin key only, showing the API key once', async () => {
    const admin = client(test.api.url, test.adminKey);
    const created = await admin.post('/v1/projects', { name: 'Acme' });
    assert.equal(created.status, 201);
    assert.match(created.body.id, /^proj_/);
    assert.match(created.body.apiKey, /^sk_/);
    const me = await client(test.api.url, created.body.apiKey).get('/v1/project');
    assert.equal(me.body.name, 'Acme');
    const stored = await test.db.query('SELECT key_hash FROM api_keys WHERE project_id = $1', [created.body.id]);
    assert.ok(!stored.rows[0].key_hash.toString('utf8').includes(created.body.apiKey), 'stored hashed');

    assert.equal((await client(test.api.url, created.body.apiKey).post('/v1/projects', { name: 'x' })).status, 401, 'a project key is not an admin key');
    assert.equal((await admin.post('/v1/projects', { name: '' })).status, 400);
    const noAdmin = await startTestApi({ SWITCHYARD_ADMIN_KEY: '' });
    try {
      const refused = await client(noAdmin.api.url, test.adminKey).post('/v1/projects', { name: 'x' });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'admin_disabled');
    } finally {
      await noAdmin.stop();
    }
  });

  it('creates, reads, lists, updates and deletes endpoints, scoped to the project', async () => {
    const acme = await newProject(test, 'acme');
    const other = await newProject(test, 'other');
    const created = await acme.http.post('/v1/endpoints', {
      url: 'https://hooks.example.com/in',
      eventTypes: ['invoice.*'],
      filter: { amount: { $gte: 100 } },
      headers: { 'x-team': 'billing' },
      retrySchedule: ['1s', '1m'],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.body.id, /^ep_/);
    assert.match(created.body.secret, /^whsec_/);
    assert.deepEqual(created.body.eventTypes, ['invoice.*']);
    assert.equal(created.body.timeoutMs, 15_000);
    const id = created.body.id;

    const read = await acme.http.get(`/v1/endpoints/${id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.secret, undefined, 'the secret is shown at creation only');
    assert.deepEqual([created.body.headers, read.body.headers], [{ 'x-team': '[redacted]' }, { 'x-team': '[redacted]' }], 'header values are write-only: often credentials');
    const listed = await acme.http.get('/v1/endpoints');
    assert.ok(!JSON.stringify(listed.body).includes('billing'), 'nor does the list show them');
    const maskBack = await acme.http.patch(`/v1/endpoints/${id}`, { headers: read.body.headers });
    assert.deepEqual([maskBack.status, maskBack.body.error.details[0].path], [400, 'headers.x-team'], 'the mask sent back does not replace the value');
    assert.equal((await other.http.get(`/v1/endpoints/${id}`)).status, 404, "another project's endpoint does not exist for it");
    assert.equal((await other.http.patch(`/v1/endpoints/${id}`, { description: 'x' })).status, 404);
    assert.equal((await other.http.delete(`/v1/endpoints/${id}`)).status, 404);

    const patched = await acme.http.patch(`/v1/endpoints/${id}`, { description: 'billing hooks', filter: null });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.description, 'billing hooks');
    assert.equal(patched.body.filter, null);
    assert.equal(patched.body.url, 'https://hooks.example.com/in', 'untouched fields stay');
    assert.ok(patched.body.version > read.body.version);

    assert.equal((await acme.http.delete(`/v1/endpoints/${id}`)).status, 204);
    assert.equal((await acme.http.get(`/v1/endpoints/${id}`)).status, 404);
  });

  it('pages through endpoints newest first with a cursor', async () => {
    const project = await newProject(test);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await project.http.post('/v1/endpoints', { url: `https://example.com/${i}` })).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await project.http.get(
        `/v1/endpoints?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      assert.ok(page.body.data.length <= 2);
      seen.push(...page.body.data.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...ids].reverse());
  });

  it('rotates a secret: both sign during the grace period', async () => {
    const project = await newProject(test);
    const created = await project.http.post('/v1/endpoints', { url: 'https://example.com/r' });
    const rotated = await project.http.post(`/v1/endpoints/${created.body.id}/rotate-secret`, { gracePeriod: '1h' });
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.secret, created.body.secret);
    const endpoint = (await findEndpoint(test.db, project.id, created.body.id))!;
    const material = signingMaterial(endpoint);
    assert.deepEqual(material, { secrets: [rotated.body.secret, created.body.secret], signingKeys: [] });
    const body = '{"a":1}';
    const headers = signedHeaders(material, 'msg_rot', Math.floor(Date.now() / 1000), body);
    assert.ok(new Webhook(created.body.secret).verify(body, { ...headers }), 'receivers still on the old secret verify');
    assert.ok(new Webhook(rotated.body.secret).verify(body, { ...headers }), 'receivers on the new secret verify');
    assert.deepEqual(signingMaterial(endpoint, new Date(Date.now() + 2 * 3600_000)).secrets, [rotated.body.secret], 'the old one expires');
  });

  it('answers every bad input with a 4xx and a machine-readable error, writing nothing', async () => {
    const project = await newProject(test);
    const post = (body: unknown) => project.http.post('/v1/endpoints', body);
    const cases: [unknown, string][] = [
      [{ url: 'ftp://example.com' }, 'url'],
      [{ url: 'not a url' }, 'url'],
      [{ url: 'https://example.com', eventTypes: ['inv*'] }, 'eventTypes.0'],
      [{ url: 'https://example.com', filter: { amount: { $between: 1 } } }, 'filter'],
      [{ url: 'https://example.com', timeoutMs: 'fast' }, 'timeoutMs'],
      [{ url: 'https://example.com', retrySchedule: ['soon'] }, 'retrySchedule.0'],
      // Durations have bounds: a typo like this overflowed dates in the attempt record and the entity.
      [{ url: 'https://example.com', retrySchedule: ['1s', '999999999d'] }, 'retrySchedule.1'],
      [{ url: 'https://example.com', circuitBreaker: { coolDown: '999999999d' } }, 'circuitBreaker.coolDown'],
      [{ url: 'https://example.com', circuitBreaker: { window: '2d' } }, 'circuitBreaker.window'],
      [{ url: 'https://example.com', circuitBreaker: { maxCoolDown: '8d' } }, 'circuitBreaker.maxCoolDown'],
      [{ url: 'https://example.com', autoDisableAfter: '31d' }, 'autoDisableAfter'],
      [{ url: 'https://example.com', secret: 'hunter2' }, 'secret'],
      [{ url: 'https://example.com', signatureScheme: 'v2' }, 'signatureScheme'],
      [{ url: 'https://example.com', headers: { 'x-a': 'one\r\nx-b: two' } }, 'headers.x-a'],
      // Headers that govern the connection or the framing made every attempt fail; so did control characters.
      [{ url: 'https://example.com', headers: { Expect: '100-continue' } }, 'headers.Expect'],
      [{ url: 'https://example.com', headers: { Upgrade: 'h2c' } }, 'headers.Upgrade'],
      [{ url: 'https://example.com', headers: { 'Keep-Alive': 'timeout=5' } }, 'headers.Keep-Alive'],
      [{ url: 'https://example.com', headers: { Host: 'other.example' } }, 'headers.Host'],
      [{ url: 'https://example.com', headers: { 'x-a': 'bell\u0007' } }, 'headers.x-a'],
      [{ url: 'https://example.com', colour: 'red' }, ''],
    ];
    for (const [body, path] of cases) {
      const answer = await post(body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.error.code, 'invalid_request');
      assert.ok(answer.body.error.details.some((d: { path: string }) => d.path === path), `${JSON.stringify(answer.body.error.details)} names ${path}`);
    }
    const wrongType = await request(`${test.api.url}/v1/endpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${project.apiKey}`, 'content-type': 'text/plain' },
      body: 'url=https://example.com',
    });
    assert.equal(wrongType.status, 415);
    assert.equal(wrongType.body.error.code, 'unsupported_media_type');
    for (const body of [
      { url: 'https://example.com', description: 'nul\u0000' },
      { url: 'https://example.com', filter: { a: 'nul\u0000' } },
    ]) {
      const nul = await post(body);
      assert.deepEqual([nul.status, nul.body.error.code], [400, 'invalid_text'], JSON.stringify(body));
    }
    // Header values are sealed before they are stored, so the schema refuses a NUL there itself.
    const nulHeader = await post({ url: 'https://example.com', headers: { 'x-a': 'nul\u0000' } });
    assert.deepEqual([nulHeader.status, nulHeader.body.error.code], [400, 'invalid_request']);
    assert.ok(nulHeader.body.error.details.some((d: { path: string }) => d.path === 'headers.x-a'), JSON.stringify(nulHeader.body.error.details));
    let deepFilter: unknown = 1;
    for (let i = 0; i < 100; i++) deepFilter = { a: deepFilter };
    assert.equal((await post({ url: 'https://example.com', filter: { x: { $eq: deepFilter } } })).status, 400);
    assert.equal((await project.http.get('/v1/endpoints/ep%00')).status, 400);
    const bounded = await post({ url: 'https://example.com', retrySchedule: ['7d'], circuitBreaker: { window: '1d', coolDown: '7d', maxCoolDown: '7d' }, autoDisableAfter: '30d' });
    assert.equal(bounded.status, 201, 'each bound itself is accepted');
    const rotate = await project.http.post(`/v1/endpoints/${bounded.body.id}/rotate-secret`, { gracePeriod: '999999999d' });
    assert.deepEqual([rotate.status, rotate.body.error.details[0].path], [400, 'gracePeriod']);
    assert.equal((await project.http.delete(`/v1/endpoints/${bounded.body.id}`)).status, 204);
    const list = await project.http.get('/v1/endpoints');
    assert.deepEqual(list.body.data, [], 'nothing half-written');
    assert.equal((await project.http.get('/v1/endpoints?limit=0')).status, 400);
  });
});
