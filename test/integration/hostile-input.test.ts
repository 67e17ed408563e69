/**
 * Every route, fed what an attacker or a broken client sends, and every route with an id, called
 * by another project: each answer is a 4xx with a machine-readable code (never a 5xx), and the
 * database is exactly as it was. Add a route to ROUTES when you add one to the API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../../src/db/pool';
import { client, newProject, startTestApi, type TestApi } from '../support/api';

interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** `:id` stands for the resource's id. */
  path: string;
  /** Takes a JSON body. */
  body?: boolean;
  /** A list: takes ?limit and ?cursor. */
  list?: boolean;
  /** Acts as the admin rather than as a project. */
  admin?: boolean;
  /** Needs no API key (a provider's signature is its credential). */
  open?: boolean;
}

const ROUTES: Route[] = [
  { method: 'POST', path: '/v1/projects', body: true, admin: true },
  { method: 'GET', path: '/v1/projects', list: true, admin: true },
  { method: 'GET', path: '/v1/projects/:project', admin: true },
  { method: 'PATCH', path: '/v1/projects/:project', body: true, admin: true },
  { method: 'DELETE', path: '/v1/projects/:project', admin: true },
  { method: 'GET', path: '/v1/project' },
  { method: 'PATCH', path: '/v1/project', body: true },
  { method: 'POST', path: '/v1/api-keys', body: true },
  { method: 'GET', path: '/v1/api-keys', list: true },
  { method: 'DELETE', path: '/v1/api-keys/:key' },
  { method: 'POST', path: '/v1/customers', body: true },
  { method: 'GET', path: '/v1/customers', list: true },
  { method: 'GET', path: '/v1/customers/:customer' },
  { method: 'PATCH', path: '/v1/customers/:customer', body: true },
  { method: 'DELETE', path: '/v1/customers/:customer' },
  { method: 'POST', path: '/v1/customers/:customer/portal-sessions', body: true },
  { method: 'DELETE', path: '/v1/customers/:customer/portal-sessions' },
  { method: 'POST', path: '/v1/endpoints', body: true },
  { method: 'GET', path: '/v1/endpoints', list: true },
  { method: 'GET', path: '/v1/endpoints/:endpoint' },
  { method: 'PATCH', path: '/v1/endpoints/:endpoint', body: true },
  { method: 'DELETE', path: '/v1/endpoints/:endpoint' },
  { method: 'GET', path: '/v1/endpoints/:endpoint/health' },
  ...['pause', 'resume', 'disable', 'enable', 'reset-circuit', 'replay', 'rotate-secret'].map(
    (command): Route => ({ method: 'POST', path: `/v1/endpoints/:endpoint/${command}`, body: true }),
  ),
  { method: 'POST', path: '/v1/sources', body: true },
  { method: 'GET', path: '/v1/sources', list: true },
  { method: 'GET', path: '/v1/sources/:source' },
  { method: 'PATCH', path: '/v1/sources/:source', body: true },
  { method: 'DELETE', path: '/v1/sources/:source' },
  { method: 'GET', path: '/v1/sources/:source/failures' },
  { method: 'POST', path: '/in/:source', open: true },
  { method: 'POST', path: '/v1/broker-sources', body: true },
  { method: 'GET', path: '/v1/broker-sources', list: true },
  { method: 'GET', path: '/v1/broker-sources/:broker' },
  { method: 'PATCH', path: '/v1/broker-sources/:broker', body: true },
  { method: 'DELETE', path: '/v1/broker-sources/:broker' },
  { method: 'POST', path: '/v1/event-types', body: true },
  { method: 'GET', path: '/v1/event-types', list: true },
  { method: 'GET', path: '/v1/event-types/:eventType' },
  { method: 'PATCH', path: '/v1/event-types/:eventType', body: true },
  { method: 'POST', path: '/v1/event-types/:eventType/archive', body: true },
  { method: 'POST', path: '/v1/event-types/:eventType/unarchive', body: true },
  { method: 'POST', path: '/v1/events', body: true },
  { method: 'POST', path: '/v1/events/batch', body: true },
  { method: 'GET', path: '/v1/events', list: true },
  { method: 'GET', path: '/v1/events/:event' },
  { method: 'GET', path: '/v1/deliveries', list: true },
  { method: 'GET', path: '/v1/deliveries/:delivery' },
  { method: 'POST', path: '/v1/deliveries/:delivery/resend', body: true },
];

/** Bodies no route may take, each with what it tries. */
const deep = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const HOSTILE_BODIES: { what: string; raw: string; contentType?: string }[] = [
  { what: 'truncated JSON', raw: '{"name": "x"' },
  { what: 'a JSON array', raw: '[{"name": "x"}]' },
  { what: 'JSON null', raw: 'null' },
  { what: 'a JSON string', raw: '"name"' },
  { what: 'a number', raw: '42' },
  { what: 'a __proto__ key', raw: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}' },
  { what: 'an unknown field of every type', raw: '{"zzz": 1, "yyy": [null], "xxx": {"a": "b"}}' },
  { what: 'a NUL in every likely string', raw: JSON.stringify({ name: 'a\u0000b', url: 'https://example.com/\u0000', eventType: 'a\u0000', topic: 'a\u0000', reason: 'a\u0000' }) },
  { what: 'wrong types', raw: JSON.stringify({ name: 5, url: ['x'], events: 'many', ingestRateLimit: 'fast', brokerPrefixes: 'a', secrets: 'x', since: 7 }) },
  { what: 'JSON nested 5,000 deep', raw: deep(5000) },
  { what: 'a body over the size limit', raw: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }) },
  { what: 'a lone surrogate', raw: '{"name": "\\ud800", "eventType": "\\udfff"}' },
  { what: 'form data', raw: 'name=x', contentType: 'application/x-www-form-urlencoded' },
  { what: 'text', raw: '{"name": "x"}', contentType: 'text/plain' },
];

const HOSTILE_IDS = ['x'.repeat(5000), '%00', '..%2F..%2Fprojects', '%E2%80%AE', '%F0%9F%92%A9', "1' OR '1'='1", '%25', '%'];
const HOSTILE_QUERIES = ['limit=-1', 'limit=abc', 'limit=100000', 'limit[]=1', `cursor=${'c'.repeat(5000)}`, 'cursor=%00', 'since=yesterday', 'status=everything', 'eventType[$ne]=x', 'limit=1&limit=2'];

/** Each table's rows as text, to tell whether anything was written. Only what a request could change is compared. */
async function snapshot(db: Db): Promise<Record<string, string>> {
  const tables = ['projects', 'customers', 'portal_sessions', 'event_types', 'endpoints', 'sources', 'source_failures', 'broker_sources', 'events', 'deliveries', 'attempts'];
  const out: Record<string, string> = {};
  for (const table of tables) {
    const { rows } = await db.query<{ digest: string | null }>(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${table} t`);
    out[table] = rows[0]!.digest ?? '';
  }
  // Keys: which exist and whether revoked, not when they were last used.
  const keys = await db.query<{ digest: string }>(`SELECT md5(string_agg(id || ':' || coalesce(revoked_at::text, ''), '|' ORDER BY id)) AS digest FROM api_keys`);
  out.api_keys = keys.rows[0]!.digest;
  return out;
}

describe('hostile input and other projects\' ids, on every route', () => {
  let test: TestApi;
  let owner: Awaited<ReturnType<typeof newProject>>;
  let stranger: Awaited<ReturnType<typeof newProject>>;
  const ids: Record<string, string> = {};

  before(async () => {
    test = await startTestApi();
    owner = await newProject(test, 'owner', { brokerPrefixes: { kafka: ['owner.'] } });
    stranger = await newProject(test, 'stranger', { brokerPrefixes: { kafka: [''] } });
    const made = async (path: string, body: unknown) => {
      const answer = await owner.http.post(path, body);
      assert.equal(answer.status < 300, true, `${path}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    ids.project = owner.id;
    ids.key = (await made('/v1/api-keys', { name: 'second', scope: 'read' })).id;
    ids.customer = (await made('/v1/customers', { uid: 'owner-customer', name: 'Theirs' })).id;
    ids.eventType = (await made('/v1/event-types', { name: 'owner.thing', schema: { type: 'object' } })).id;
    ids.endpoint = (await made('/v1/endpoints', { url: 'https://hooks.example.com/owner' })).id;
    ids.customerEndpoint = (await made('/v1/endpoints', { url: 'https://hooks.example.com/customer', customerId: ids.customer })).id;
    ids.source = (await made('/v1/sources', { name: 'gh', provider: 'github', secrets: ['owner-secret'] })).id;
    ids.broker = (await made('/v1/broker-sources', { broker: 'kafka', topic: 'owner.orders', format: 'envelope' })).id;
    const event = await made('/v1/events', { eventType: 'owner.thing', payload: { n: 1 } });
    ids.event = event.id;
    ids.delivery = event.deliveries[0].id;
    // The start is recorded after the 202: wait for it, so that the snapshots compare settled rows.
    for (let tries = 0; ; tries++) {
      const { rows } = await test.db.query('SELECT 1 FROM deliveries WHERE id = $1 AND workflow_started_at IS NOT NULL', [ids.delivery]);
      if (rows.length > 0) break;
      if (tries > 300) throw new Error('the delivery never started');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  after(() => test?.stop());

  const pathOf = (route: Route, id?: string) => route.path.replace(/:(\w+)/, (_, kind: string) => id ?? ids[kind]!);
  const keyOf = (route: Route) => (route.admin ? test.adminKey : owner.apiKey);
  const send = async (method: string, path: string, key: string, raw?: string, contentType = 'application/json') => {
    const response = await fetch(`${test.api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(raw === undefined ? {} : { 'content-type': contentType }) },
      body: raw,
    });
    const text = await response.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, body };
  };
  const refusedProperly = (what: string, answer: { status: number; body: any }) => {
    assert.ok(answer.status >= 400 && answer.status < 500, `${what}: answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    assert.equal(typeof answer.body?.error?.code, 'string', `${what}: no error code in ${JSON.stringify(answer.body).slice(0, 300)}`);
  };

  it('answers every hostile body with a 4xx and writes nothing', async () => {
    const before = await snapshot(test.db);
    for (const route of ROUTES.filter((r) => r.body)) {
      for (const hostile of HOSTILE_BODIES) {
        refusedProperly(`${route.method} ${route.path} with ${hostile.what}`, await send(route.method, pathOf(route), keyOf(route), hostile.raw, hostile.contentType));
      }
    }
    assert.deepEqual(await snapshot(test.db), before);
  });

  it('answers a body that does not decompress as its Content-Encoding says with a 400, and writes nothing', async () => {
    const before = await snapshot(test.db);
    const notGzip = Buffer.from('this is not gzip at all');
    for (const [path, key] of [['/v1/events', owner.apiKey], [`/in/${ids.source}`, '']] as const) {
      const response = await fetch(`${test.api.url}${path}`, {
        method: 'POST',
        headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: notGzip,
      });
      assert.equal(response.status, 400, path);
      assert.equal(((await response.json()) as any).error.code, 'unreadable_body', path);
    }
    assert.deepEqual(await snapshot(test.db), before);
  });

  it('answers every hostile id and query with a 4xx and writes nothing', async () => {
    const before = await snapshot(test.db);
    for (const route of ROUTES.filter((r) => r.path.includes(':'))) {
      for (const id of HOSTILE_IDS) {
        refusedProperly(`${route.method} ${route.path} with id ${id.slice(0, 20)}`, await send(route.method, pathOf(route, id), keyOf(route), route.body ? '{}' : undefined));
      }
    }
    for (const route of ROUTES.filter((r) => r.list)) {
      for (const query of HOSTILE_QUERIES) {
        const answer = await send('GET', `${route.path}?${query}`, keyOf(route));
        // A filter a list does not have is ignored, like any unknown query parameter; a bad value of one it has is a 400.
        if (answer.status === 200) assert.ok(Array.isArray(answer.body.data), `${route.path}?${query}`);
        else refusedProperly(`${route.path}?${query.slice(0, 30)}`, answer);
      }
    }
    assert.deepEqual(await snapshot(test.db), before);
  });

  it('answers another project\'s ids with a 404, and changes nothing of the owner\'s', async () => {
    const before = await snapshot(test.db);
    const bodies: Record<string, unknown> = {
      pause: {}, resume: {}, disable: {}, enable: {}, 'reset-circuit': {}, 'rotate-secret': {}, resend: {},
      replay: { since: new Date(Date.now() - 3_600_000).toISOString() },
    };
    const patches: Record<string, unknown> = { customers: { name: 'taken over' }, 'event-types': { description: 'taken over' }, endpoints: { description: 'taken over' }, sources: { name: 'taken over' }, 'broker-sources': { format: 'raw' } };
    for (const route of ROUTES.filter((r) => r.path.includes(':') && !r.admin && !r.open)) {
      const last = route.path.split('/').at(-1)!;
      const body = route.method === 'PATCH' ? patches[route.path.split('/')[2]!] : bodies[last];
      const answer = await send(route.method, pathOf(route), stranger.apiKey, body === undefined ? undefined : JSON.stringify(body));
      assert.equal(answer.status, 404, `${route.method} ${route.path} as another project: ${answer.status} ${JSON.stringify(answer.body)}`);
      assert.match(answer.body.error.code, /_not_found$/);
    }
    // Lists and filters show nothing of the owner's.
    const own = client(test.api.url, stranger.apiKey);
    const byCustomer = [ids.customer, 'owner-customer'].flatMap((ref) => [`/v1/endpoints?customerId=${ref}`, `/v1/events?customerId=${ref}`, `/v1/deliveries?customerId=${ref}`]);
    for (const path of ['/v1/customers', '/v1/event-types?includeArchived=true', '/v1/endpoints', '/v1/sources', '/v1/broker-sources', '/v1/events', '/v1/api-keys', `/v1/deliveries?eventId=${ids.event}`, `/v1/deliveries?endpointId=${ids.endpoint}`, ...byCustomer]) {
      const listed = await own.get(path);
      assert.equal(listed.status, 200, path);
      const shown = JSON.stringify(listed.body);
      for (const id of Object.values(ids).filter((id) => id !== stranger.id)) assert.ok(!shown.includes(id), `${path} shows ${id}`);
    }
    // Publishing to the owner's endpoint by id.
    const aimed = await own.post('/v1/events', { eventType: 'owner.thing', payload: {}, endpointIds: [ids.endpoint] });
    assert.equal(aimed.status, 404);
    assert.equal(aimed.body.error.code, 'endpoint_not_found');
    // Publishing to the owner's customer, by its id or its uid, or making an endpoint for it.
    for (const customerId of [ids.customer, 'owner-customer']) {
      const forTheirs = await own.post('/v1/events', { eventType: 'owner.thing', payload: {}, customerId });
      assert.deepEqual([forTheirs.status, forTheirs.body.error.code], [404, 'customer_not_found'], customerId);
      const endpoint = await own.post('/v1/endpoints', { url: 'https://hooks.example.com/x', customerId });
      assert.deepEqual([endpoint.status, endpoint.body.error.code], [404, 'customer_not_found'], customerId);
    }
    // The owner's source, reached through the stranger's project: its failures and settings.
    assert.equal((await own.get(`/v1/sources/${ids.source}/failures`)).status, 404);
    assert.deepEqual(await snapshot(test.db), before);
  });
});
