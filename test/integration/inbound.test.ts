/**
 * Inbound webhooks end to end, on the real stack: requests signed by the providers' own SDKs are
 * accepted at POST /in/:sourceId, deduplicated, routed by header and body rules, and delivered to
 * internal endpoints with the original bytes and Switchyard's own signature; forged ones are not.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { hmacSigner, signers, type Signer } from '../support/inbound-signers';

/** The official GitHub signer (an ES module, so imported dynamically from this CommonJS file). */
async function signGithub(secret: string, payload: string): Promise<string> {
  const { sign } = await import('@octokit/webhooks-methods');
  return sign(secret, payload);
}

describe('inbound webhooks', () => {
  let stack: DeliveryStack;
  const post = async (sourceId: string, body: string, headers: Record<string, string>) => {
    const response = await fetch(`${stack.test.api.url}/in/${sourceId}`, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, text, json: text.startsWith('{') ? JSON.parse(text) : undefined };
  };
  const eventsOf = async (sourceId: string) =>
    (await stack.test.db.query<{ id: string; provider_event_id: string | null }>('SELECT id, provider_event_id FROM events WHERE source_id = $1', [sourceId])).rows;

  before(async () => {
    stack = await startDeliveryStack();
  });
  after(() => stack?.stop());

  it('accepts a GitHub delivery signed by @octokit/webhooks-methods, routes it by header and body, and delivers the original bytes re-signed', async () => {
    const ci = await stack.endpoint('/in-ci', { eventTypes: ['github.*'] });
    const audit = await stack.endpoint('/in-audit', { eventTypes: ['github.*'] });
    const secret = 'It is a secret to everybody';
    const created = await stack.project.http.post('/v1/sources', {
      name: 'GitHub',
      provider: 'github',
      secrets: [secret],
      routes: [
        { match: { headers: { 'x-github-event': 'push' } }, endpointIds: [ci.id] },
        { match: { body: { 'repository.private': true } }, endpointIds: [audit.id] },
      ],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.ingestUrl, `${stack.test.api.url}/in/${created.body.id}`);
    assert.equal(created.body.secrets, undefined, 'secrets are never shown');

    const body = '{"ref":"refs/heads/main",  "repository":{"private":false}}'; // odd spacing: the bytes must survive
    const delivery = crypto.randomUUID();
    const headers = { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': delivery, 'x-hub-signature-256': await signGithub(secret, body) };
    const accepted = await post(created.body.id, body, headers);
    assert.equal(accepted.status, 202, accepted.text);

    const [received] = await stack.receiver.waitFor('/in-ci', 1);
    assert.equal(received!.body, body, 'the original body, byte for byte');
    assert.equal(received!.headers['x-github-event'], 'push', 'selected provider headers travel on');
    new Webhook(ci.secret).verify(received!.body, received!.headers as Record<string, string>);

    const event = (await stack.project.http.get(`/v1/events/${accepted.json.eventId}`)).body;
    assert.equal(event.eventType, 'github.push');
    assert.equal(event.inbound.sourceId, created.body.id);
    assert.equal(event.inbound.providerEventId, delivery);
    assert.equal(event.inbound.verification.verified, true);
    assert.equal(event.inbound.headers['x-hub-signature-256'], '[redacted]');
    assert.deepEqual(event.deliveries.map((d: { endpointId: string }) => d.endpointId), [ci.id], 'the body rule did not match a public repository');

    // The provider's retry: the same 2xx, nothing new.
    const retried = await post(created.body.id, body, headers);
    assert.equal(retried.status, 202);
    assert.equal(retried.json.eventId, accepted.json.eventId);
    assert.equal((await eventsOf(created.body.id)).length, 1);

    // A private repository's push goes to both.
    const privateBody = '{"ref":"refs/heads/main","repository":{"private":true}}';
    const second = await post(created.body.id, privateBody, { ...headers, 'x-github-delivery': crypto.randomUUID(), 'x-hub-signature-256': await signGithub(secret, privateBody) });
    assert.equal(second.status, 202);
    await stack.receiver.waitFor('/in-audit', 1);
    await stack.receiver.waitFor('/in-ci', 2);
  });

  it('refuses a forged request with a bare 401, routes nothing, and shows the reason to the project', async () => {
    const ep = await stack.endpoint('/in-forged', { eventTypes: ['github.*'] });
    const source = (await stack.project.http.post('/v1/sources', { name: 'gh', provider: 'github', secrets: ['right'], routes: [{ endpointIds: [ep.id] }] })).body;
    const body = '{"zen":"Keep it logically awesome."}';
    const tampered = await post(source.id, body.replace('awesome', 'awful'), { 'x-github-event': 'ping', 'x-hub-signature-256': await signGithub('right', body) });
    assert.equal(tampered.status, 401);
    assert.deepEqual(tampered.json, { error: { code: 'unauthorized', message: 'The request could not be verified.' } });
    const wrongSecret = await post(source.id, body, { 'x-github-event': 'ping', 'x-hub-signature-256': await signGithub('wrong', body) });
    assert.equal(wrongSecret.status, 401);
    assert.deepEqual(await eventsOf(source.id), [], 'nothing from an unverified request is kept or routed');
    const failures = (await stack.project.http.get(`/v1/sources/${source.id}/failures`)).body.data;
    assert.equal(failures.length, 2);
    assert.ok(failures.every((f: { reason: string }) => f.reason.length > 0 && !f.reason.includes('right')));
    assert.ok(failures[0].headerNames.includes('x-hub-signature-256'));
  });

  it('accepts a Stripe event signed by the stripe SDK with either of two secrets, answers the custom response, and refuses a stale one', async () => {
    const ep = await stack.endpoint('/in-stripe', { eventTypes: ['stripe.*'] });
    const [oldSecret, newSecret] = ['whsec_old_' + crypto.randomBytes(8).toString('hex'), 'whsec_new_' + crypto.randomBytes(8).toString('hex')];
    const source = (
      await stack.project.http.post('/v1/sources', {
        name: 'Stripe',
        provider: 'stripe',
        secrets: [newSecret, oldSecret],
        routes: [{ match: { body: { type: { $in: ['invoice.paid'] } } }, endpointIds: [ep.id] }],
        response: { status: 200, body: 'thanks', contentType: 'text/plain' },
      })
    ).body;
    const stripe = new Stripe('sk_test_not_used');
    for (const [i, secret] of [oldSecret, newSecret].entries()) {
      const payload = JSON.stringify({ id: `evt_${i}_${crypto.randomBytes(4).toString('hex')}`, type: 'invoice.paid', data: { object: { amount: 100 } } });
      const answer = await post(source.id, payload, { 'content-type': 'application/json', 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret }) });
      assert.deepEqual([answer.status, answer.text], [200, 'thanks'], `signed with secret ${i}`);
    }
    await stack.receiver.waitFor('/in-stripe', 2);
    const events = await eventsOf(source.id);
    assert.ok(events.every((e) => e.provider_event_id?.startsWith('evt_')), 'deduplicated by the Stripe event id');

    const payload = JSON.stringify({ id: 'evt_stale', type: 'invoice.paid' });
    const stale = stripe.webhooks.generateTestHeaderString({ payload, secret: newSecret, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    assert.equal((await post(source.id, payload, { 'stripe-signature': stale })).status, 401);
    const reason = (await stack.project.http.get(`/v1/sources/${source.id}/failures`)).body.data[0].reason;
    assert.match(reason, /stale|allowed/i);
  });

  it('accepts Standard Webhooks signed by the standardwebhooks package, and drops duplicates by webhook-id', async () => {
    const ep = await stack.endpoint('/in-std', { eventTypes: ['standard-webhooks.*'] });
    const secret = 'whsec_' + crypto.randomBytes(32).toString('base64');
    const source = (await stack.project.http.post('/v1/sources', { name: 'partner', provider: 'standard-webhooks', secrets: [secret], routes: [{ endpointIds: [ep.id] }] })).body;
    const payload = '{"type":"order.shipped","data":{"order":7}}';
    const id = `msg_${crypto.randomBytes(6).toString('hex')}`;
    const now = new Date();
    const headers = { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, now, payload) };
    assert.equal((await post(source.id, payload, headers)).status, 202);
    assert.equal((await post(source.id, payload, headers)).status, 202);
    await stack.receiver.waitFor('/in-std', 1);
    const events = await eventsOf(source.id);
    assert.deepEqual(events.map((e) => e.provider_event_id), [id]);
    const event = (await stack.project.http.get(`/v1/events/${events[0]!.id}`)).body;
    assert.equal(event.eventType, 'standard-webhooks.order.shipped');
    assert.equal(event.deliveries.length, 1);
  });

  it('accepts every preset through POST /in/:sourceId, signed as its provider signs, drops its retry, and refuses it tampered', async () => {
    const ep = await stack.endpoint('/in-every', { eventTypes: ['*'] });
    const text = () => crypto.randomBytes(16).toString('hex');
    const whsec = () => 'whsec_' + crypto.randomBytes(24).toString('base64');
    const hmac = { algorithm: 'sha512', encoding: 'base64', header: 'x-signature', prefix: 'sha512=', timestampHeader: 'x-timestamp' } as const;
    const json = (fields: Record<string, unknown>) => JSON.stringify({ ...fields, nonce: text() });
    const cases: { provider: string; secret: string; sign: Signer; body: string; extra?: Record<string, unknown> }[] = [
      { provider: 'stripe', secret: `whsec_${text()}`, sign: signers.stripe, body: json({ id: `evt_${text()}`, type: 'charge.succeeded' }) },
      { provider: 'github', secret: text(), sign: signers.github, body: json({ zen: 'hi' }) },
      { provider: 'shopify', secret: text(), sign: signers.shopify, body: json({ id: 1 }) },
      { provider: 'slack', secret: text(), sign: signers.slack, body: json({ type: 'event_callback', event_id: `Ev${text()}`, event: { type: 'app_mention' } }) },
      { provider: 'twilio', secret: text(), sign: signers.twilio, body: `MessageSid=SM${text()}&MessageStatus=delivered` },
      { provider: 'paddle', secret: `pdl_ntfset_${text()}`, sign: signers.paddle, body: json({ event_id: `evt_${text()}`, event_type: 'transaction.completed' }) },
      { provider: 'square', secret: text(), sign: signers.square, body: json({ event_id: text(), type: 'payment.created' }) },
      { provider: 'gitlab', secret: text(), sign: signers.gitlab, body: json({ object_kind: 'push' }) },
      { provider: 'gitlab', secret: whsec(), sign: signers['gitlab-signed'], body: json({ object_kind: 'merge_request' }) },
      { provider: 'standard-webhooks', secret: whsec(), sign: signers['standard-webhooks'], body: json({ type: 'a.b' }) },
      { provider: 'svix', secret: whsec(), sign: signers.svix, body: json({ type: 'a.b' }) },
      { provider: 'hmac', secret: text(), sign: hmacSigner(hmac), body: json({}), extra: { hmac } },
      { provider: 'basic-auth', secret: `user:${text()}`, sign: signers['basic-auth'], body: json({}) },
      { provider: 'api-key', secret: text(), sign: signers['api-key'], body: json({}), extra: { apiKey: { header: 'x-api-key' } } },
    ];
    let delivered = 0;
    for (const c of cases) {
      const created = await stack.project.http.post('/v1/sources', { name: c.provider, provider: c.provider, secrets: [c.secret], routes: [{ endpointIds: [ep.id] }], ...c.extra });
      assert.equal(created.status, 201, JSON.stringify([c.provider, created.body]));
      const url = created.body.ingestUrl;
      const signed = await c.sign({ secret: c.secret, body: c.body, atMs: Date.now(), url });
      const headers = Object.fromEntries(Object.entries(signed.headers).filter((e): e is [string, string] => e[1] !== undefined));
      headers['content-type'] ??= 'application/json';
      const target = new URL(signed.url);
      const send = (body: string) => post(`${created.body.id}${target.search}`, body, headers);
      const first = await send(c.body);
      assert.equal(first.status, 202, `${c.provider}: ${first.text}`);
      delivered++;
      const again = await send(c.body);
      assert.deepEqual([again.status, again.json?.eventId], [202, first.json.eventId], `${c.provider}: the retry is the same event`);
      const tampered = await send(c.body.replace(/.$/, ' '));
      // Token and password schemes sign nothing: a changed body is a new, still genuine request.
      const signsBody = !['gitlab', 'basic-auth', 'api-key'].includes(c.provider) || c.sign === signers['gitlab-signed'];
      assert.equal(tampered.status, signsBody ? 401 : 202, `${c.provider}: tampered body`);
      // ...unless it carries the same delivery id (GitLab's Idempotency-Key): then it is a retry.
      if (!signsBody && c.provider !== 'gitlab') delivered++;
      const wrong = await c.sign({ secret: c.provider === 'basic-auth' ? 'user:wrong' : c.secret.replace(/.{4}$/, 'AAAA'), body: c.body, atMs: Date.now(), url });
      const wrongHeaders = { ...headers, ...Object.fromEntries(Object.entries(wrong.headers).filter((e): e is [string, string] => e[1] !== undefined)) };
      assert.equal((await post(`${created.body.id}${target.search}`, c.body, wrongHeaders)).status, 401, `${c.provider}: wrong secret`);
    }
    await stack.receiver.waitFor('/in-every', delivered);
  });

  it('verifies a URL-signing provider against the configured publicUrl, and forgets a delivery id once its dedupe window has passed', async () => {
    const publicUrl = 'https://hooks.example.com/webhooks/square';
    const secret = crypto.randomBytes(16).toString('hex');
    const source = (await stack.project.http.post('/v1/sources', { name: 'sq', provider: 'square', secrets: [secret], publicUrl, dedupeWindow: '1s' })).body;
    const body = JSON.stringify({ event_id: 'sq-event-1', type: 'payment.created' });
    const headers = { ...(await signers.square({ secret, body, atMs: Date.now(), url: publicUrl })).headers, 'content-type': 'application/json' } as Record<string, string>;
    const first = await post(source.id, body, headers);
    assert.equal(first.status, 202, 'signed for the URL Square has, though it reached us at another');
    assert.equal((await post(source.id, body, headers)).json.eventId, first.json.eventId, 'a retry within the window');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const later = await post(source.id, body, headers);
    assert.equal(later.status, 202);
    assert.notEqual(later.json.eventId, first.json.eventId, 'past the window the same id is a new delivery');
    const other = (await stack.project.http.patch(`/v1/sources/${source.id}`, { publicUrl: 'https://elsewhere.example.com/x' })).body;
    assert.equal(other.publicUrl, 'https://elsewhere.example.com/x');
    assert.equal((await post(source.id, body, headers)).status, 401, 'the signature no longer matches the configured URL');
  });

  it('answers 404 for an unknown source, 413 over the size limit, and 4xx for a source that cannot work', async () => {
    assert.equal((await post('src_missing', '{}', { 'content-type': 'application/json' })).status, 404);
    const source = (await stack.project.http.post('/v1/sources', { name: 'big', provider: 'api-key', secrets: ['k'.repeat(32)], apiKey: { header: 'x-api-key' } })).body;
    assert.equal((await post(source.id, 'x'.repeat(2 * 1024 * 1024), { 'x-api-key': 'k'.repeat(32) })).status, 413);
    assert.equal((await post(source.id, 'hello', { 'x-api-key': 'k'.repeat(32) })).status, 202, 'no routes: accepted and kept, delivered nowhere');

    // A key in a header of the source's own naming is a credential too: not kept on the event.
    const custom = (await stack.project.http.post('/v1/sources', { name: 'custom-key', provider: 'api-key', secrets: ['c'.repeat(32)], apiKey: { header: 'X-Auth' } })).body;
    const keyed = await post(custom.id, '{"a":1}', { 'x-auth': 'c'.repeat(32), 'content-type': 'application/json' });
    assert.equal(keyed.status, 202, keyed.text);
    const [kept] = await eventsOf(custom.id);
    const event = (await stack.project.http.get(`/v1/events/${kept!.id}`)).body;
    assert.equal(event.inbound.headers['x-auth'], '[redacted]');
    assert.ok(!JSON.stringify(event).includes('c'.repeat(32)), 'the key appears nowhere in the event');

    const bad = [
      [{ name: 'x', provider: 'nope', secrets: ['s'] }, 400],
      [{ name: 'x', provider: 'standard-webhooks', secrets: ['not-a-whsec'] }, 400],
      [{ name: 'x', provider: 'hmac', secrets: ['s'] }, 400],
      [{ name: 'x', provider: 'github', secrets: ['s'], routes: [{ endpointIds: ['ep_missing'] }] }, 404],
      [{ name: 'x', provider: 'github', secrets: [] }, 400],
      [{ name: 'x', provider: 'github', secrets: ['nul\u0000'] }, 400],
      [{ name: 'x', provider: 'github', secrets: ['s'], response: { status: 200, contentType: 'text/plain\r\nx-evil: 1' } }, 400],
      [{ name: 'x', provider: 'github', secrets: ['s'], dedupeWindow: '999999999d' }, 400],
      [{ name: 'x', provider: 'github', secrets: ['s'], dedupeWindow: '31d' }, 400],
    ] as const;
    for (const [body, status] of bad) {
      const answer = await stack.project.http.post('/v1/sources', body);
      assert.equal(answer.status, status, JSON.stringify([body, answer.body]));
    }
    const patched = await stack.project.http.patch(`/v1/sources/${source.id}`, { secrets: ['n'.repeat(32), 'k'.repeat(32)] });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.secretCount, 2);
    assert.equal((await stack.project.http.delete(`/v1/sources/${source.id}`)).status, 204);
    assert.equal((await post(source.id, 'hello', { 'x-api-key': 'k'.repeat(32) })).status, 404);
  });
});
