/**
 * Portal sessions and the portal's pages over HTTP, on the real stack: links and their tokens,
 * cookies, expiry, revocation, CSRF, read-only sessions, the operator's login, and the scope of
 * a customer's session on every route. The browser test (portal-browser.test.ts) clicks through.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { newProject } from '../support/api';
import { openLink, visitor, type PortalVisitor } from '../support/portal';

describe('portal', () => {
  let stack: DeliveryStack;
  let api: DeliveryStack['project']['http'];
  let base: string;
  before(async () => {
    stack = await startDeliveryStack();
    api = stack.project.http;
    base = stack.test.api.url;
  });
  after(async () => {
    await stack?.stop();
  });

  const customer = async (uid: string) => {
    const created = await api.post('/v1/customers', { uid, name: `Customer ${uid}` });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { id: string };
  };
  const link = async (ref: string, body: object = {}) => {
    const made = await api.post(`/v1/customers/${ref}/portal-sessions`, body);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    return made.body as { url: string; expiresAt: string; permissions: string };
  };
  const session = async (ref: string, body: object = {}): Promise<PortalVisitor> => {
    const opened = await openLink((await link(ref, body)).url);
    assert.equal(opened.status, 204, JSON.stringify(opened.body));
    return visitor(base, opened.cookie!);
  };

  it('makes links whose token rides in the fragment, for a time and permissions within bounds', async () => {
    await customer('links');
    const made = await link('links');
    const url = new URL(made.url);
    assert.equal(url.origin, base);
    assert.equal(url.pathname, `/portal/open/${stack.project.id}`);
    assert.equal(url.search, '', 'nothing in the query: servers and logs see the query');
    assert.match(url.hash, /^#v1:/);
    assert.equal(made.permissions, 'manage');
    const hour = Date.parse(made.expiresAt) - Date.now();
    assert.ok(hour > 59 * 60_000 && hour <= 60 * 60_000, `expires in an hour by default, not ${hour} ms`);

    const week = await link('links', { expiresIn: '7d', permissions: 'read', returnUrl: 'https://dashboard.example.com/settings' });
    assert.ok(Date.parse(week.expiresAt) - Date.now() > 6.9 * 86_400_000);
    for (const body of [{ expiresIn: '8d' }, { permissions: 'admin' }, { returnUrl: 'javascript:alert(1)' }, { extra: 1 }]) {
      const refused = await api.post('/v1/customers/links/portal-sessions', body);
      assert.deepEqual([refused.status, refused.body.error.code], [400, 'invalid_request'], JSON.stringify(body));
    }
    const unknown = await api.post('/v1/customers/nobody/portal-sessions', {});
    assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'customer_not_found']);
    const other = await newProject(stack.test, 'other');
    assert.equal((await other.http.post('/v1/customers/links/portal-sessions', {})).status, 404, "another project's customer is not found");
  });

  it('opens a link once, into an HttpOnly SameSite cookie, and refuses forged, reused and cross-site openings', async () => {
    await customer('opening');
    const page = await fetch((await link('opening')).url);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "form-action 'self'"]) assert.ok(csp.includes(directive), csp);
    assert.match(await page.text(), /src="\/portal\/assets\/portal.js"/);

    const made = await link('opening');
    const forged = new URL(made.url);
    forged.hash = forged.hash.slice(0, -2) + (forged.hash.endsWith('AA') ? 'BB' : 'AA');
    assert.deepEqual([(await openLink(forged.toString())).status, (await openLink(forged.toString())).body.error.code], [401, 'invalid_link']);
    const crossSite = await openLink(made.url, { origin: 'https://evil.example' });
    assert.equal(crossSite.status, 403);

    const opened = await openLink(made.url);
    assert.equal(opened.status, 204);
    assert.match(opened.setCookie!, /HttpOnly/);
    assert.match(opened.setCookie!, /SameSite=Lax/);
    assert.match(opened.setCookie!, /Path=\/portal/);
    const again = await openLink(made.url);
    assert.deepEqual([again.status, again.body.error.code], [401, 'link_expired'], 'a link opens one session');

    const portal = visitor(base, opened.cookie!);
    assert.equal((await portal.get('/portal/endpoints')).status, 200);
    assert.equal((await visitor(base, 'not-a-session').get('/portal/endpoints')).status, 401);
  });

  it("lets only the project's own sites frame the portal", async () => {
    const framed = await newProject(stack.test, 'framed');
    const openPage = () => fetch(`${base}/portal/open/${framed.id}`);
    assert.match((await openPage()).headers.get('content-security-policy')!, /frame-ancestors 'none'/);
    const set = await framed.http.patch('/v1/project', { portalFrameAncestors: ['https://dashboard.example.com', 'https://*.example.org'] });
    assert.deepEqual([set.status, set.body.portalFrameAncestors], [200, ['https://dashboard.example.com', 'https://*.example.org']]);
    assert.deepEqual((await framed.http.get('/v1/project')).body.portalFrameAncestors, ['https://dashboard.example.com', 'https://*.example.org']);
    assert.match((await openPage()).headers.get('content-security-policy')!, /frame-ancestors https:\/\/dashboard\.example\.com https:\/\/\*\.example\.org(;|$)/);
    for (const origins of [["https://a.example.com; script-src 'unsafe-inline'"], ['dashboard.example.com'], ['https://a.example.com/path']]) {
      const refused = await framed.http.patch('/v1/project', { portalFrameAncestors: origins });
      assert.deepEqual([refused.status, refused.body.error.code], [400, 'invalid_request'], origins[0]);
    }
  });

  it("shows a customer its own endpoints and deliveries only: another customer's ids answer 404 on every route", async () => {
    const mine = await customer('mine');
    await customer('theirs');
    const ownEndpoint = await stack.endpoint('/portal/mine', { customerId: mine.id, eventTypes: ['order.*'], signatureScheme: 'both' });
    const theirEndpoint = await stack.endpoint('/portal/theirs', { customerId: 'theirs', eventTypes: ['order.*'] });
    const providerEndpoint = await stack.endpoint('/portal/provider', { eventTypes: ['order.*'] });
    const theirEvent = await api.post('/v1/events', { eventType: 'order.created', payload: { n: 1 }, customerId: 'theirs' });
    const providerEvent = await api.post('/v1/events', { eventType: 'order.created', payload: { n: 2 } });
    const delivered = async (eventId: string) => (await api.get(`/v1/events/${eventId}`)).body.deliveries[0].id as string;
    const theirDelivery = await delivered(theirEvent.body.id);
    const providerDelivery = await delivered(providerEvent.body.id);

    const portal = await session('mine');
    const list = await portal.get('/portal/endpoints');
    assert.ok(list.text.includes('/portal/mine'), 'its own endpoint is listed');
    assert.ok(!list.text.includes('/portal/theirs') && !list.text.includes('/portal/provider'), "nobody else's is");
    const own = await portal.get(`/portal/endpoints/${ownEndpoint.id}`);
    assert.equal(own.status, 200);
    const { publicKey } = (await api.get(`/v1/endpoints/${ownEndpoint.id}`)).body;
    assert.ok(own.text.includes(publicKey), 'a v1a endpoint shows the public key its receiver verifies with');

    for (const id of [theirEndpoint.id, providerEndpoint.id]) {
      for (const path of [`/portal/endpoints/${id}`, `/portal/endpoints/${id}/edit`, `/portal/endpoints/${id}?recoverSince=2020-01-01T00:00`, `/portal/messages?endpointId=${id}`]) {
        const answer = await portal.get(path);
        if (path.startsWith('/portal/messages')) assert.ok(!answer.text.includes(theirDelivery) && !answer.text.includes(providerDelivery), path);
        else assert.equal(answer.status, 404, path);
      }
      for (const action of ['', '/pause', '/resume', '/delete', '/secret', '/rotate-secret', '/test', '/recover']) {
        const answer = await portal.post(`/portal/endpoints/${id}${action}`, { url: 'https://hooks.example.com/x', eventType: 'order.created', since: '2020-01-01T00:00' });
        assert.equal(answer.status, 404, `POST /portal/endpoints/${id}${action}`);
      }
    }
    for (const id of [theirDelivery, providerDelivery]) {
      assert.equal((await portal.get(`/portal/deliveries/${id}`)).status, 404);
      assert.equal((await portal.post(`/portal/deliveries/${id}/resend`)).status, 404);
    }
    const log = await portal.get('/portal/messages');
    assert.ok(!log.text.includes(theirDelivery) && !log.text.includes(providerDelivery), "the message log holds no one else's deliveries");
    const searched = await portal.get('/portal/messages?customerId=theirs&q=n');
    assert.ok(!searched.text.includes(theirDelivery), 'a customer cannot widen its log by asking for another customer');
    const widened = await portal.get('/portal/endpoints?customerId=theirs');
    assert.ok(widened.text.includes('/portal/mine') && !widened.text.includes('/portal/theirs'), 'nor its endpoints');
    const endpointAfter = await api.get(`/v1/endpoints/${theirEndpoint.id}`);
    assert.deepEqual([endpointAfter.status, endpointAfter.body.status], [200, 'active'], 'nothing was changed by the refused requests');
  });

  it('refuses forms without the CSRF token or from another site, and changes nothing in a read-only session', async () => {
    const owner = await customer('guarded');
    const endpoint = await stack.endpoint('/portal/guarded', { customerId: owner.id });
    const portal = await session('guarded');
    await portal.get(`/portal/endpoints/${endpoint.id}`);
    assert.equal((await portal.post(`/portal/endpoints/${endpoint.id}/pause`, { _csrf: 'forged' })).status, 403);
    const crossSite = await fetch(`${base}/portal/endpoints/${endpoint.id}/pause`, {
      method: 'POST',
      headers: { cookie: `switchyard_portal=${portal.cookie}`, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
    assert.equal(crossSite.status, 403);
    assert.equal((await api.get(`/v1/endpoints/${endpoint.id}`)).body.status, 'active');

    const reader = await session('guarded', { permissions: 'read' });
    const page = await reader.get(`/portal/endpoints/${endpoint.id}`);
    assert.ok(page.text.includes('Read only') && !page.text.includes('/rotate-secret'), 'a read-only page offers no changes');
    assert.equal((await reader.post(`/portal/endpoints/${endpoint.id}/pause`)).status, 403);
    assert.equal((await reader.post(`/portal/endpoints/${endpoint.id}/secret`)).status, 403, 'nor the secret');
    assert.equal((await api.get(`/v1/endpoints/${endpoint.id}`)).body.status, 'active');

    const managed = await portal.post(`/portal/endpoints/${endpoint.id}/pause`);
    assert.deepEqual([managed.status, managed.location], [303, `/portal/endpoints/${endpoint.id}?done=paused`]);
    assert.equal((await api.get(`/v1/endpoints/${endpoint.id}`)).body.status, 'paused');
  });

  it('ends sessions when they expire, are revoked, or their customer is deleted', async () => {
    await customer('ending');
    const shortLived = await session('ending', { expiresIn: '1s' });
    const unopened = await link('ending', { expiresIn: '1s' });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    assert.equal((await shortLived.get('/portal/endpoints')).status, 401, 'expired');
    assert.equal((await openLink(unopened.url)).status, 401, 'an expired link opens nothing');

    const first = await session('ending');
    const second = await session('ending');
    const waiting = await link('ending');
    const revoked = await api.delete('/v1/customers/ending/portal-sessions');
    assert.deepEqual([revoked.status, revoked.body.revoked], [200, 3]);
    for (const portal of [first, second]) assert.equal((await portal.get('/portal/endpoints')).status, 401);
    assert.equal((await openLink(waiting.url)).status, 401, 'a revoked link opens nothing');
    assert.equal((await (await session('ending')).get('/portal/endpoints')).status, 200, 'new links work again');

    await customer('leaving');
    const leaving = await session('leaving');
    assert.equal((await api.delete('/v1/customers/leaving')).status, 204);
    assert.equal((await leaving.get('/portal/endpoints')).status, 401);
  });

  it('lets an operator sign in with an API key, see every customer and search payloads; logging out ends it', async () => {
    const login = (apiKey: string) =>
      fetch(`${base}/portal/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base }, body: new URLSearchParams({ apiKey }) });
    assert.equal((await login('sk_wrong')).status, 401);
    const ingestKey = (await api.post('/v1/api-keys', { name: 'ingest only', scope: 'ingest' })).body.key;
    assert.equal((await login(ingestKey)).status, 401, 'an ingest key opens no console');

    const signedIn = await login(stack.project.apiKey);
    assert.deepEqual([signedIn.status, signedIn.headers.get('location')], [303, '/portal/endpoints']);
    const console = visitor(base, /switchyard_portal=([^;]+)/.exec(signedIn.headers.get('set-cookie')!)![1]!);
    const a = await customer('console-a');
    await customer('console-b');
    await stack.endpoint('/portal/console-a', { customerId: a.id });
    await stack.endpoint('/portal/console-b', { customerId: 'console-b' });
    const everything = await console.get('/portal/endpoints');
    assert.ok(everything.text.includes('/portal/console-a') && everything.text.includes('/portal/console-b'));
    const onlyA = await console.get(`/portal/endpoints?customerId=${a.id}`);
    assert.ok(onlyA.text.includes('/portal/console-a') && !onlyA.text.includes('/portal/console-b'));

    const needle = `needle-${Date.now()}`;
    const found = await api.post('/v1/events', { eventType: 'order.created', payload: { note: needle }, customerId: 'console-b' });
    const missed = await api.post('/v1/events', { eventType: 'order.created', payload: { note: 'hay' }, customerId: 'console-b' });
    assert.equal((await console.get('/portal/messages?q=%00')).status, 400, 'a NUL searched for is the visitor\'s mistake');
    const search = await console.get(`/portal/messages?q=${needle}`);
    assert.ok(search.text.includes(found.body.id) && !search.text.includes(missed.body.id), 'payload search finds the one event');

    await console.get('/portal/endpoints');
    assert.equal((await console.post('/portal/logout')).status, 303);
    assert.equal((await console.get('/portal/endpoints')).status, 401);
  });

  it('adds, edits and deletes endpoints through forms checked as the API checks them', async () => {
    const owner = await customer('forms');
    const portal = await session('forms');
    await portal.get('/portal/endpoints/new');
    for (const [fields, says] of [
      [{ url: 'not a url' }, /url/i],
      [{ url: 'http://10.1.2.3/hook' }, /not allowed|blocked|private|address/i],
      [{ url: `${stack.receiver.url}/forms`, patterns: 'in valid' }, /event type|pattern/i],
    ] as const) {
      const refused = await portal.post('/portal/endpoints', fields);
      assert.equal(refused.status, 400, JSON.stringify(fields));
      assert.match(refused.text, /class="field-error"/);
      assert.match(refused.text, says);
    }
    assert.equal((await api.get(`/v1/endpoints?customerId=${owner.id}`)).body.data.length, 0, 'nothing was made');

    const made = await portal.post('/portal/endpoints', { url: `${stack.receiver.url}/forms`, description: 'Orders', patterns: 'order.*, refund.created' });
    assert.equal(made.status, 303);
    const id = /endpoints\/(ep_\w+)/.exec(made.location!)![1]!;
    const created = (await api.get(`/v1/endpoints/${id}`)).body;
    assert.deepEqual([created.customerId, created.description, created.eventTypes], [owner.id, 'Orders', ['order.*', 'refund.created']]);

    await portal.get(`/portal/endpoints/${id}/edit`);
    const edited = await portal.post(`/portal/endpoints/${id}`, { url: `${stack.receiver.url}/forms-2`, description: 'Orders v2', patterns: '' });
    assert.equal(edited.status, 303);
    const after = (await api.get(`/v1/endpoints/${id}`)).body;
    assert.deepEqual([after.url, after.description, after.eventTypes], [`${stack.receiver.url}/forms-2`, 'Orders v2', ['*']]);

    assert.equal((await portal.post(`/portal/endpoints/${id}/delete`)).status, 303);
    assert.equal((await api.get(`/v1/endpoints/${id}`)).status, 404);
    assert.ok(!(await portal.get('/portal/endpoints')).text.includes('/forms-2'));
  });

  it('counts the failed messages since a time, and resends them once confirmed', async () => {
    const owner = await customer('recovering');
    const endpoint = await stack.endpoint('/portal/recovering', { customerId: owner.id, retrySchedule: [] });
    stack.receiver.script('/portal/recovering', [{ status: 500 }, { status: 500 }, { status: 200 }]);
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const event = await api.post('/v1/events', { eventType: 'order.created', payload: { n }, customerId: owner.id });
      ids.push((await api.get(`/v1/events/${event.body.id}`)).body.deliveries[0].id);
    }
    for (const id of ids) assert.equal((await stack.settled(id)).status, 'failed');

    const portal = await session('recovering');
    const since = new Date(Date.now() - 3_600_000).toISOString().slice(0, 16);
    const counted = await portal.get(`/portal/endpoints/${endpoint.id}?recoverSince=${since}`);
    assert.match(counted.text, /2 failed messages since/);
    assert.equal(stack.receiver.received.filter((r) => r.path === '/portal/recovering').length, 2, 'counting resends nothing');
    const confirmed = await portal.post(`/portal/endpoints/${endpoint.id}/recover`, { since: `${since}:00.000Z`, confirm: 'yes' });
    assert.deepEqual([confirmed.status, confirmed.location], [303, `/portal/endpoints/${endpoint.id}?done=recovering`]);
    await stack.receiver.waitFor('/portal/recovering', 4);
    const latest = (await api.get(`/v1/deliveries?endpointId=${endpoint.id}`)).body.data;
    assert.equal(latest.length, 4, 'two new deliveries, one per failed event');
  });

  it('answers hostile ids, queries and forms on every portal route with a 4xx page, and writes nothing', async () => {
    const owner = await customer('hostile');
    const endpoint = await stack.endpoint('/portal/hostile', { customerId: owner.id });
    const portal = await session('hostile');
    const rows = async () =>
      (
        await stack.test.db.query(
          `SELECT (SELECT count(*) FROM endpoints WHERE project_id = $1) AS endpoints, (SELECT count(*) FROM events WHERE project_id = $1) AS events,
                  (SELECT count(*) FROM deliveries WHERE project_id = $1) AS deliveries, (SELECT version FROM endpoints WHERE id = $2) AS version`,
          [stack.project.id, endpoint.id],
        )
      ).rows[0];
    const before = await rows();
    // 400 or 404: a 403 would mean the CSRF check stopped the request before the route saw it.
    const fine = (what: string, status: number) => assert.ok(status === 400 || status === 404 || status === 413, `${what}: ${status}`);
    await portal.get('/portal/endpoints');
    const ids = ['x'.repeat(5000), '%00', '..%2F..%2Fprojects', '%E2%80%AE', "1' OR '1'='1", '%25', '%'];
    for (const id of ids) {
      for (const path of [`/portal/endpoints/${id}`, `/portal/endpoints/${id}/edit`, `/portal/deliveries/${id}`]) fine(`GET ${path.slice(0, 60)}`, (await portal.get(path)).status);
      for (const action of ['', '/pause', '/resume', '/delete', '/secret', '/rotate-secret', '/test', '/recover']) {
        fine(`POST endpoint ${id.slice(0, 20)}${action}`, (await portal.post(`/portal/endpoints/${id}${action}`)).status);
      }
      fine(`POST resend ${id.slice(0, 20)}`, (await portal.post(`/portal/deliveries/${id}/resend`)).status);
    }
    for (const query of ['status=everything', 'since=yesterday', 'until=%00', 'eventType=%00', 'endpointId=%00', `cursor=${'c'.repeat(5000)}`, 'cursor=%00', 'eventType[$ne]=x', 'status=failed&status=succeeded']) {
      const answer = await portal.get(`/portal/messages?${query}`);
      assert.ok(answer.status === 200 || (answer.status >= 400 && answer.status < 500), `${query.slice(0, 40)}: ${answer.status}`);
    }
    await portal.get(`/portal/endpoints/${endpoint.id}`);
    for (const fields of [{ url: 'https://example.com/\u0000' }, { url: `${stack.receiver.url}/x`, description: 'a\u0000b' }, { url: ['a', 'b'] }, { url: 'x'.repeat(70_000) }]) {
      fine(`form ${JSON.stringify(fields).slice(0, 40)}`, (await portal.post(`/portal/endpoints/${endpoint.id}`, fields as Record<string, string>)).status);
    }
    for (const [action, fields] of [['/test', { eventType: 'no.such.type' }], ['/recover', { since: 'last week' }], ['/test', {}]] as const) {
      fine(`POST ${action} ${JSON.stringify(fields)}`, (await portal.post(`/portal/endpoints/${endpoint.id}${action}`, fields)).status);
    }
    const session404 = await fetch(`${base}/portal/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: '{"token": ' });
    fine('a malformed opening', session404.status);
    assert.deepEqual(await rows(), before);
  });

  it('shows a delivery with every attempt, the response body escaped, and resends it', async () => {
    const owner = await customer('detail');
    const endpoint = await stack.endpoint('/portal/detail', { customerId: owner.id });
    stack.receiver.script('/portal/detail', [{ status: 200, body: '<script>alert("x")</script><b>ok</b>' }]);
    const event = await api.post('/v1/events', { eventType: 'order.created', payload: { n: 3 }, customerId: 'detail' });
    const deliveryId = (await api.get(`/v1/events/${event.body.id}`)).body.deliveries[0].id;
    await stack.settled(deliveryId);
    const portal = await session('detail');
    const page = await portal.get(`/portal/deliveries/${deliveryId}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;ok&lt;/b&gt;'), 'the body is shown, escaped');
    assert.ok(!page.text.includes('<script>alert'), 'and never as markup');
    assert.ok(page.text.includes('webhook-signature'), 'request headers are shown');
    const resent = await portal.post(`/portal/deliveries/${deliveryId}/resend`);
    assert.equal(resent.status, 303);
    const newId = /\/portal\/deliveries\/(dlv_\w+)/.exec(resent.location!)![1]!;
    assert.notEqual(newId, deliveryId);
    assert.equal((await stack.settled(newId)).status, 'succeeded');
    assert.equal(endpoint.id, (await api.get(`/v1/deliveries/${newId}`)).body.endpointId);
  });
});
