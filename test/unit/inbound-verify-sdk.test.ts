/**
 * Every preset accepts what the provider's official SDK signs. Where the SDK only verifies (Slack,
 * Paddle, Square), our signer in test/support/inbound-signers.ts is first shown to satisfy that
 * official verifier, and only then used against ours.
 */
import '@shopify/shopify-api/adapters/web-api';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { Paddle } from '@paddle/paddle-node-sdk';
import { ApiVersion, shopifyApi } from '@shopify/shopify-api';
import { getHmac } from '@shopify/shopify-api/test-helpers';
import { verifySlackRequest } from '@slack/bolt';
import { WebhooksHelper } from 'square';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import twilioSdk from 'twilio';
import { verifyInbound, type InboundRequest, type VerifierConfig } from '../../src/inbound/verify';
import { paddleSignature, seconds, signers, slackSignature, squareSignature, twilioJsonUrl, twilioParams } from '../support/inbound-signers';

const whsec = () => `whsec_${crypto.randomBytes(32).toString('base64')}`;
const textSecret = (prefix = '') => prefix + crypto.randomBytes(16).toString('hex');
const header = (request: InboundRequest, name: string) => request.headers[name]!;
// Paddle's verifier reads the real clock, so its tests sign at the real "now".
const now = Date.now();
// Paddle's webhook helpers find no crypto until a client is constructed, as its docs do.
const paddleWebhooks = () => new Paddle('pdl_sdbx_apikey_unused_no_calls_are_made').webhooks;

function assertAccepted(config: VerifierConfig, request: InboundRequest, deliveryId: string | undefined, at = now) {
  assert.deepEqual(verifyInbound(config, request, at), deliveryId === undefined ? { ok: true } : { ok: true, deliveryId });
}

describe('inbound verification: requests signed by the official SDKs are accepted', () => {
  it('stripe: stripe.webhooks.generateTestHeaderString, and the event id for dedupe', async () => {
    const secret = `whsec_${textSecret()}`;
    const body = JSON.stringify({ id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy', object: 'event', type: 'invoice.paid', data: { object: { amount_paid: 4200 } } });
    const request = await signers.stripe({ secret, body, atMs: now });
    // The SDK's own verifier agrees, so the header is what Stripe would send.
    assert.equal(new Stripe('sk_test_unused').webhooks.constructEvent(body, header(request, 'stripe-signature'), secret).id, 'evt_1NG8Du2eZvKYlo2CUI79vXWy');
    assertAccepted({ provider: 'stripe', secrets: [secret] }, request, 'evt_1NG8Du2eZvKYlo2CUI79vXWy');
  });

  it("stripe: while a secret is rolled, Stripe sends one v1 per secret and either secret's holder accepts", async () => {
    const [old, next] = [`whsec_${textSecret()}`, `whsec_${textSecret()}`];
    const body = JSON.stringify({ id: 'evt_roll', object: 'event' });
    const stripe = new Stripe('sk_test_unused');
    const v1 = (secret: string) => stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: seconds(now) }).split(',')[1];
    const request: InboundRequest = { body: Buffer.from(body), headers: { 'stripe-signature': `t=${seconds(now)},${v1(old)},${v1(next)},v0=0000` }, url: 'https://h.example/in' };
    assertAccepted({ provider: 'stripe', secrets: [old] }, request, 'evt_roll');
    assertAccepted({ provider: 'stripe', secrets: [next] }, request, 'evt_roll');
    assert.equal(verifyInbound({ provider: 'stripe', secrets: [`whsec_${textSecret()}`] }, request, now).ok, false);
  });

  it('stripe, paddle, square: a body that is not a JSON object with a text id gives no delivery id, and is still accepted', async () => {
    for (const body of ['not json {', '[{"id":"evt_1"}]', '{"id":42,"event_id":{"x":1},"notification_id":""}', 'null']) {
      const stripeSecret = `whsec_${textSecret()}`;
      assertAccepted({ provider: 'stripe', secrets: [stripeSecret] }, await signers.stripe({ secret: stripeSecret, body, atMs: now }), undefined);
      const secret = textSecret();
      assertAccepted({ provider: 'paddle', secrets: [secret] }, await signers.paddle({ secret, body, atMs: now }), undefined);
      assertAccepted({ provider: 'square', secrets: [secret] }, await signers.square({ secret, body, atMs: now }), undefined);
    }
  });

  it('github: @octokit/webhooks-methods sign, and X-GitHub-Delivery for dedupe', async () => {
    const { verify } = await import('@octokit/webhooks-methods');
    const secret = textSecret();
    const body = JSON.stringify({ action: 'opened', number: 4200 });
    const request = await signers.github({ secret, body, atMs: now });
    assert.ok(await verify(secret, body, header(request, 'x-hub-signature-256')));
    assertAccepted({ provider: 'github', secrets: [secret] }, request, '72d3162e-cc78-11e3-81ab-4c9367dc0958');
  });

  it("shopify: the test helper getHmac, which shopify.webhooks.validate also accepts; the webhook id for dedupe", async () => {
    const secret = textSecret('shpss_');
    const body = JSON.stringify({ id: 820982911946154508, total_price: '42.00' });
    const request = await signers.shopify({ secret, body, atMs: now });
    const shopify = shopifyApi({ apiKey: 'test-key', apiSecretKey: secret, scopes: [], hostName: 'hooks.example.com', apiVersion: ApiVersion.October25, isEmbeddedApp: false, logger: { level: 0 } });
    const rawRequest = new Request(request.url, {
      method: 'POST',
      body,
      headers: { ...(request.headers as Record<string, string>), 'X-Shopify-Topic': 'orders/create', 'X-Shopify-Api-Version': '2025-10', 'X-Shopify-Shop-Domain': 'shop.myshopify.com', 'X-Shopify-Triggered-At': new Date(now).toISOString() },
    });
    assert.equal((await shopify.webhooks.validate({ rawBody: body, rawRequest })).valid, true);
    assertAccepted({ provider: 'shopify', secrets: [secret] }, request, 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043');
  });

  it('shopify: event deliveries use the header names without x-, ids included', () => {
    const secret = textSecret('shpss_');
    const body = JSON.stringify({ id: 1 });
    const request: InboundRequest = { body: Buffer.from(body), headers: { 'shopify-hmac-sha256': getHmac(body, secret), 'shopify-event-id': 'ev-9' }, url: 'https://h.example/in' };
    assertAccepted({ provider: 'shopify', secrets: [secret] }, request, 'ev-9');
    assertAccepted({ provider: 'shopify', secrets: [secret] }, { ...request, headers: { ...request.headers, 'x-shopify-event-id': 'ev-10' } }, 'ev-10');
  });

  it("slack: our signer satisfies @slack/bolt's verifySlackRequest, and the Events API event_id is kept for dedupe", async () => {
    const secret = textSecret();
    const body = JSON.stringify({ type: 'event_callback', event_id: 'Ev08MFMKH6', event: { type: 'app_mention', text: 'pay 4200' } });
    assert.doesNotThrow(() =>
      verifySlackRequest({ signingSecret: secret, body, headers: { 'x-slack-signature': slackSignature(secret, seconds(now), body), 'x-slack-request-timestamp': seconds(now) }, nowMilliseconds: now }),
    );
    assert.throws(() => verifySlackRequest({ signingSecret: secret, body, headers: { 'x-slack-signature': slackSignature(textSecret(), seconds(now), body), 'x-slack-request-timestamp': seconds(now) }, nowMilliseconds: now }), /signature mismatch/);
    const request = await signers.slack({ secret, body, atMs: now });
    assertAccepted({ provider: 'slack', secrets: [secret] }, request, 'Ev08MFMKH6');
    const command = 'token=x&team_id=T1&command=%2Fpay&text=4200';
    assertAccepted({ provider: 'slack', secrets: [secret] }, await signers.slack({ secret, body: command, atMs: now }), undefined);
  });

  it('twilio, form POST: getExpectedTwilioSignature, which validateRequest accepts; the idempotency token, else MessageSid, for dedupe', async () => {
    const token = textSecret();
    const url = 'https://hooks.example.com/in/src_sms?team=blue';
    const body = 'ToCountry=US&Body=Pay+4200+now%21&MessageSid=SM1f0e8ae6ade43cb3c0ce4525424e404f&From=%2B14158675309&To=%2B18005551212&AccountSid=AC123';
    const request = await signers.twilio({ secret: token, body, atMs: now, url });
    assert.ok(twilioSdk.validateRequest(token, header(request, 'x-twilio-signature'), url, twilioParams(body)));
    assertAccepted({ provider: 'twilio', secrets: [token] }, request, 'SM1f0e8ae6ade43cb3c0ce4525424e404f');
    assertAccepted({ provider: 'twilio', secrets: [token] }, { ...request, headers: { ...request.headers, 'i-twilio-idempotency-token': 'idem-1' } }, 'idem-1');
    const call = 'CallSid=CA1234567890ABCDE&CallStatus=ringing';
    assertAccepted({ provider: 'twilio', secrets: [token] }, await signers.twilio({ secret: token, body: call, atMs: now, url }), 'CA1234567890ABCDE:ringing');
  });

  it('twilio, form POST with a repeated parameter: each value counts, sorted', async () => {
    const token = textSecret();
    const body = 'To=%2B15550002&Body=hi&To=%2B15550001&MessageSid=SM2';
    const request = await signers.twilio({ secret: token, body, atMs: now });
    assert.ok(twilioSdk.validateRequest(token, header(request, 'x-twilio-signature'), request.url, twilioParams(body)));
    assertAccepted({ provider: 'twilio', secrets: [token] }, request, 'SM2');
  });

  it('twilio: a signature over the URL with or without the default port is accepted, as its validators do', async () => {
    const token = textSecret();
    const body = 'MessageSid=SM3&Body=x';
    const signedWithPort = await signers.twilio({ secret: token, body, atMs: now, url: 'https://hooks.example.com:443/in/src_sms' });
    assert.ok(twilioSdk.validateRequest(token, header(signedWithPort, 'x-twilio-signature'), 'https://hooks.example.com/in/src_sms', twilioParams(body)));
    assertAccepted({ provider: 'twilio', secrets: [token] }, { ...signedWithPort, url: 'https://hooks.example.com/in/src_sms' }, 'SM3');
    const signedWithout = await signers.twilio({ secret: token, body, atMs: now, url: 'https://hooks.example.com/in/src_sms' });
    assertAccepted({ provider: 'twilio', secrets: [token] }, { ...signedWithout, url: 'https://hooks.example.com:443/in/src_sms' }, 'SM3');
  });

  it('twilio: status callbacks of one message dedupe by message and status, so each status gets through', async () => {
    const token = textSecret();
    const url = 'https://hooks.example.com/in/src_sms';
    for (const status of ['sent', 'delivered']) {
      const request = await signers.twilio({ secret: token, body: `MessageSid=SM5&MessageStatus=${status}`, atMs: now, url });
      assertAccepted({ provider: 'twilio', secrets: [token] }, request, `SM5:${status}`);
    }
  });

  it('twilio, JSON body: the URL carries bodySHA256 (getExpectedBodyHash) and validateRequestWithBody accepts the same request', async () => {
    const token = textSecret();
    const body = JSON.stringify({ event: 'com.twilio.messaging.message.delivered', amount: 4200 });
    const request = await signers['twilio-json']({ secret: token, body, atMs: now, url: 'https://hooks.example.com/in/src_events' });
    assert.equal(request.url, twilioJsonUrl('https://hooks.example.com/in/src_events', body));
    assert.ok(twilioSdk.validateRequestWithBody(token, header(request, 'x-twilio-signature'), request.url, body));
    assertAccepted({ provider: 'twilio', secrets: [token] }, request, 'idem-7');
  });

  it("paddle: our signer satisfies the SDK's isSignatureValid and unmarshal; the event id for dedupe", async () => {
    const now = Date.now(); // the SDK allows its signatures 5 s of age by the real clock
    const secret = `pdl_ntfset_01gkpjp8bkm3tm53kdgkx6sms7_${textSecret()}`;
    const body = JSON.stringify({
      event_id: 'evt_01h8bzakzx3hm2fmen703n5q45',
      event_type: 'customer.created',
      occurred_at: new Date(now).toISOString(),
      notification_id: 'ntf_01h8bzam1z32agrxjwhjgqk8w6',
      data: { id: 'ctm_01h8441jn5pcwrfhwh78jqt8hk', name: null, email: 'a@example.com', status: 'active', custom_data: null, locale: 'en', marketing_consent: false, created_at: '2023-08-18T12:51:57.781Z', updated_at: '2023-08-18T12:51:57.781Z', import_meta: null },
    });
    const signature = paddleSignature(secret, seconds(now), body);
    const webhooks = paddleWebhooks();
    assert.equal(await webhooks.isSignatureValid(body, secret, signature), true);
    assert.equal((await webhooks.unmarshal(body, secret, signature)).eventId, 'evt_01h8bzakzx3hm2fmen703n5q45');
    assert.equal(await webhooks.isSignatureValid(body, textSecret(), signature), false);
    const request = await signers.paddle({ secret, body, atMs: now });
    assertAccepted({ provider: 'paddle', secrets: [secret] }, request, 'evt_01h8bzakzx3hm2fmen703n5q45', now);
    const older = JSON.stringify({ notification_id: 'ntf_only' });
    assertAccepted({ provider: 'paddle', secrets: [secret] }, await signers.paddle({ secret, body: older, atMs: now }), 'ntf_only', now);
  });

  it("paddle: any h1 counts, also one the Node SDK (which reads only the last h1) would miss", async () => {
    const now = Date.now(); // the SDK allows its signatures 5 s of age by the real clock
    const secret = textSecret('pdl_ntfset_');
    const body = JSON.stringify({ event_id: 'evt_2' });
    const good = paddleSignature(secret, seconds(now), body);
    const twoSignatures = `${good};h1=${'0'.repeat(64)}`;
    assert.equal(await paddleWebhooks().isSignatureValid(body, secret, `ts=${seconds(now)};h1=${'0'.repeat(64)};${good.split(';')[1]}`), true, 'the good h1 last');
    assert.equal(await paddleWebhooks().isSignatureValid(body, secret, twoSignatures), false, 'the good h1 first');
    assertAccepted({ provider: 'paddle', secrets: [secret] }, { body: Buffer.from(body), headers: { 'paddle-signature': twoSignatures }, url: 'https://h.example/in' }, 'evt_2', now);
  });

  it("square: our signer satisfies WebhooksHelper.verifySignature (URL + body); the event id for dedupe", async () => {
    const secret = textSecret();
    const url = 'https://hooks.example.com/in/src_square';
    const body = JSON.stringify({ merchant_id: 'M1', type: 'payment.updated', event_id: '6a8f5f28-54a1-4eb0-a98a-3111513fd4fc', data: { amount: 4200 } });
    assert.equal(await WebhooksHelper.verifySignature({ requestBody: body, signatureHeader: squareSignature(secret, url, body), signatureKey: secret, notificationUrl: url }), true);
    assert.equal(await WebhooksHelper.verifySignature({ requestBody: body, signatureHeader: squareSignature(secret, `${url}/`, body), signatureKey: secret, notificationUrl: url }), false);
    const request = await signers.square({ secret, body, atMs: now, url });
    assertAccepted({ provider: 'square', secrets: [secret] }, request, '6a8f5f28-54a1-4eb0-a98a-3111513fd4fc');
    assert.equal(verifyInbound({ provider: 'square', secrets: [secret] }, { ...request, url: `${url}?x=1` }, now).ok, false, 'the URL is signed');
  });

  it('gitlab: X-Gitlab-Token, with Idempotency-Key, else X-Gitlab-Event-UUID, for dedupe', async () => {
    const secret = textSecret('glpat-');
    const request = await signers.gitlab({ secret, body: '{"object_kind":"push"}', atMs: now });
    assertAccepted({ provider: 'gitlab', secrets: [secret] }, request, 'f0a3f1a0-idem');
    const { 'idempotency-key': _dropped, ...withoutKey } = request.headers;
    assertAccepted({ provider: 'gitlab', secrets: [secret] }, { ...request, headers: withoutKey }, 'uuid-1');
  });

  it('gitlab with a signing token: Standard Webhooks headers signed by standardwebhooks Webhook#sign', async () => {
    const signing = whsec();
    const request = await signers['gitlab-signed']({ secret: signing, body: '{"object_kind":"push"}', atMs: now });
    // A source may hold the old plain token and the new signing token during the switch.
    assertAccepted({ provider: 'gitlab', secrets: ['old-plain-token', signing] }, request, 'uuid-2');
    assert.equal(verifyInbound({ provider: 'gitlab', secrets: [whsec()] }, request, now).ok, false);
  });

  it('standard-webhooks: Webhook#sign of the standardwebhooks package, which its verify accepts; webhook-id for dedupe', async () => {
    const secret = whsec();
    const body = JSON.stringify({ type: 'invoice.paid', amount: 4200 });
    const request = await signers['standard-webhooks']({ secret, body, atMs: now });
    assert.ok(new StandardWebhook(secret).verify(body, request.headers as Record<string, string>));
    assertAccepted({ provider: 'standard-webhooks', secrets: [secret] }, request, 'msg_std_1');
  });

  it('svix: Webhook#sign of the svix package on svix-* headers, and on webhook-* headers; svix-id for dedupe', async () => {
    const secret = whsec();
    const body = JSON.stringify({ type: 'user.created', amount: 4200 });
    const request = await signers.svix({ secret, body, atMs: now });
    assert.deepEqual(new SvixWebhook(secret).verify(body, request.headers as Record<string, string>), JSON.parse(body));
    assertAccepted({ provider: 'svix', secrets: [secret] }, request, 'msg_svix_1');
    const unbranded: InboundRequest = {
      ...request,
      headers: { 'webhook-id': 'msg_svix_2', 'webhook-timestamp': String(seconds(now)), 'webhook-signature': new SvixWebhook(secret).sign('msg_svix_2', new Date(now), body) },
    };
    assertAccepted({ provider: 'svix', secrets: [secret] }, unbranded, 'msg_svix_2');
  });
});
