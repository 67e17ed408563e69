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
    const ownEndpoint = await stack.endpoint('/portal/mine', { customerId: mine.id, eventTypes: ['order.*'] });
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
    assert.equal((await portal.get(`/portal/endpoints/${ownEndpoint.id}`)).status, 200);

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
    const search = await console.get(`/portal/messages?q=${needle}`);
    assert.ok(search.text.includes(found.body.id) && !search.text.includes(missed.body.id), 'payload search finds the one event');

    await console.get('/portal/endpoints');
    assert.equal((await console.post('/portal/logout')).status, 303);
    assert.equal((await console.get('/portal/endpoints')).status, 401);
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
