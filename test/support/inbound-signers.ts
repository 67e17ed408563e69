/**
 * Genuine inbound requests for each verifier preset, signed the way the provider signs them: by
 * the provider's official SDK wherever it ships a signer. Slack, Paddle and Square ship only a
 * verifier, so their signers are written here and checked against that verifier in
 * test/unit/inbound-verify-sdk.test.ts; basic-auth, api-key and the generic hmac belong to no
 * provider.
 */
import crypto from 'node:crypto';
import { getHmac } from '@shopify/shopify-api/test-helpers';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import twilioSdk from 'twilio';
import type { HmacOptions, InboundRequest, ProviderName } from '../../src/inbound/verify';

export interface SigningInput {
  secret: string;
  body: string;
  /** When the provider signs (its clock), in ms. */
  atMs: number;
  url?: string;
}

export type Signer = (input: SigningInput) => Promise<InboundRequest>;

export const seconds = (ms: number) => Math.floor(ms / 1000);
const DEFAULT_URL = 'https://hooks.example.com/in/src_123?team=blue';

const request = (body: string, headers: Record<string, string>, url = DEFAULT_URL): InboundRequest => ({
  body: Buffer.from(body, 'utf8'),
  headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
  url,
});

// Slack, Paddle and Square: written from their documented schemes (see the module comment).
export const slackSignature = (secret: string, timestamp: number, body: string) =>
  `v0=${crypto.createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
export const paddleSignature = (secret: string, timestamp: number, body: string) =>
  `ts=${timestamp};h1=${crypto.createHmac('sha256', secret).update(`${timestamp}:${body}`).digest('hex')}`;
export const squareSignature = (secret: string, notificationUrl: string, body: string) =>
  crypto.createHmac('sha256', secret).update(notificationUrl + body).digest('base64');

/** A form body's parameters as Twilio's helpers take them: repeated names become arrays. */
export function twilioParams(form: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(form)) {
    const seen = params[name];
    params[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return params;
}

/** The URL Twilio posts a JSON body to: the configured one with `bodySHA256` appended. */
export function twilioJsonUrl(url: string, body: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}bodySHA256=${twilioSdk.getExpectedBodyHash(body)}`;
}

const stripe = new Stripe('sk_test_unused_no_calls_are_made');

export const signers: Record<Exclude<ProviderName, 'hmac'>, Signer> & { 'twilio-json': Signer; 'gitlab-signed': Signer } = {
  stripe: async ({ secret, body, atMs }) =>
    request(body, { 'Stripe-Signature': stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: seconds(atMs) }) }),

  github: async ({ secret, body }) => {
    // ESM only: it cannot be required from this CommonJS build.
    const { sign } = await import('@octokit/webhooks-methods');
    return request(body, { 'X-Hub-Signature-256': await sign(secret, body), 'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958', 'X-GitHub-Event': 'push' });
  },

  shopify: async ({ secret, body }) =>
    request(body, { 'X-Shopify-Hmac-Sha256': getHmac(body, secret), 'X-Shopify-Webhook-Id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043', 'X-Shopify-Event-Id': 'e-1' }),

  slack: async ({ secret, body, atMs }) =>
    request(body, { 'X-Slack-Signature': slackSignature(secret, seconds(atMs), body), 'X-Slack-Request-Timestamp': String(seconds(atMs)) }),

  twilio: async ({ secret, body, url = DEFAULT_URL }) =>
    request(body, { 'X-Twilio-Signature': twilioSdk.getExpectedTwilioSignature(secret, url, twilioParams(body)), 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }, url),

  'twilio-json': async ({ secret, body, url = DEFAULT_URL }) => {
    const signedUrl = twilioJsonUrl(url, body);
    return request(body, { 'X-Twilio-Signature': twilioSdk.getExpectedTwilioSignature(secret, signedUrl, {}), 'Content-Type': 'application/json', 'I-Twilio-Idempotency-Token': 'idem-7' }, signedUrl);
  },

  paddle: async ({ secret, body, atMs }) => request(body, { 'Paddle-Signature': paddleSignature(secret, seconds(atMs), body) }),

  square: async ({ secret, body, url = DEFAULT_URL }) => request(body, { 'x-square-hmacsha256-signature': squareSignature(secret, url, body) }, url),

  gitlab: async ({ secret, body }) => request(body, { 'X-Gitlab-Token': secret, 'X-Gitlab-Event': 'Push Hook', 'Idempotency-Key': 'f0a3f1a0-idem', 'X-Gitlab-Event-UUID': 'uuid-1' }),

  'gitlab-signed': async ({ secret, body, atMs }) =>
    request(body, {
      'webhook-id': 'msg_gl_1',
      'webhook-timestamp': String(seconds(atMs)),
      'webhook-signature': new StandardWebhook(secret).sign('msg_gl_1', new Date(atMs), body),
      'X-Gitlab-Event': 'Push Hook',
      'X-Gitlab-Event-UUID': 'uuid-2',
    }),

  'standard-webhooks': async ({ secret, body, atMs }) =>
    request(body, { 'webhook-id': 'msg_std_1', 'webhook-timestamp': String(seconds(atMs)), 'webhook-signature': new StandardWebhook(secret).sign('msg_std_1', new Date(atMs), body) }),

  svix: async ({ secret, body, atMs }) =>
    request(body, { 'svix-id': 'msg_svix_1', 'svix-timestamp': String(seconds(atMs)), 'svix-signature': new SvixWebhook(secret).sign('msg_svix_1', new Date(atMs), body) }),

  'basic-auth': async ({ secret, body }) => request(body, { Authorization: `Basic ${Buffer.from(secret).toString('base64')}` }),

  'api-key': async ({ secret, body }) => request(body, { 'X-Api-Key': secret }),
};

/** The generic hmac preset's signer, for the given options. */
export function hmacSigner(options: HmacOptions): Signer {
  return async ({ secret, body, atMs }) => {
    const signed = options.timestampHeader ? `${seconds(atMs)}.${body}` : body;
    const signature = (options.prefix ?? '') + crypto.createHmac(options.algorithm, secret).update(signed).digest(options.encoding);
    return request(body, { [options.header]: signature, ...(options.timestampHeader ? { [options.timestampHeader]: String(seconds(atMs)) } : {}) });
  };
}
