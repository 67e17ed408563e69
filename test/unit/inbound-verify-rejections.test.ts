/**
 * What every preset refuses: a tampered body, a wrong secret, a stale or future timestamp where one
 * is signed, missing headers; and what it must not refuse: a request under either of two secrets.
 * Requests are signed as in inbound-verify-sdk.test.ts, by the official SDKs where they sign.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { verifyInbound, type InboundRequest, type Verification, type VerifierConfig } from '../../src/inbound/verify';
import { hmacSigner, signers, type Signer } from '../support/inbound-signers';

const NOW = 1_760_000_000_000;
const hex = () => crypto.randomBytes(16).toString('hex');
const whsec = () => `whsec_${crypto.randomBytes(32).toString('base64')}`;

interface PresetCase {
  name: string;
  config: (secrets: string[]) => VerifierConfig;
  newSecret: () => string;
  sign: Signer;
  body: string;
  /** Whether the body is covered by what the provider sends (not so for a plain shared token). */
  signsBody: boolean;
  /** Whether a timestamp is signed, with the default window of 300 s. */
  signsTimestamp: boolean;
}

const JSON_BODY = JSON.stringify({ id: 'evt_1', event_id: 'e_1', type: 'invoice.paid', amount: 4200 });
const FORM_BODY = 'MessageSid=SM1&From=%2B14158675309&Body=Pay+4200';
const generic = { algorithm: 'sha512', encoding: 'base64', header: 'x-signature', prefix: 'sha512=', timestampHeader: 'x-timestamp' } as const;

const cases: PresetCase[] = [
  { name: 'stripe', config: (secrets) => ({ provider: 'stripe', secrets }), newSecret: () => `whsec_${hex()}`, sign: signers.stripe, body: JSON_BODY, signsBody: true, signsTimestamp: true },
  { name: 'github', config: (secrets) => ({ provider: 'github', secrets }), newSecret: hex, sign: signers.github, body: JSON_BODY, signsBody: true, signsTimestamp: false },
  { name: 'shopify', config: (secrets) => ({ provider: 'shopify', secrets }), newSecret: hex, sign: signers.shopify, body: JSON_BODY, signsBody: true, signsTimestamp: false },
  { name: 'slack', config: (secrets) => ({ provider: 'slack', secrets }), newSecret: hex, sign: signers.slack, body: JSON_BODY, signsBody: true, signsTimestamp: true },
  { name: 'twilio (form)', config: (secrets) => ({ provider: 'twilio', secrets }), newSecret: hex, sign: signers.twilio, body: FORM_BODY, signsBody: true, signsTimestamp: false },
  { name: 'twilio (JSON)', config: (secrets) => ({ provider: 'twilio', secrets }), newSecret: hex, sign: signers['twilio-json'], body: JSON_BODY, signsBody: true, signsTimestamp: false },
  { name: 'paddle', config: (secrets) => ({ provider: 'paddle', secrets }), newSecret: () => `pdl_ntfset_${hex()}`, sign: signers.paddle, body: JSON_BODY, signsBody: true, signsTimestamp: true },
  { name: 'square', config: (secrets) => ({ provider: 'square', secrets }), newSecret: hex, sign: signers.square, body: JSON_BODY, signsBody: true, signsTimestamp: false },
  { name: 'gitlab (token)', config: (secrets) => ({ provider: 'gitlab', secrets }), newSecret: hex, sign: signers.gitlab, body: JSON_BODY, signsBody: false, signsTimestamp: false },
  { name: 'gitlab (signing token)', config: (secrets) => ({ provider: 'gitlab', secrets }), newSecret: whsec, sign: signers['gitlab-signed'], body: JSON_BODY, signsBody: true, signsTimestamp: true },
  { name: 'standard-webhooks', config: (secrets) => ({ provider: 'standard-webhooks', secrets }), newSecret: whsec, sign: signers['standard-webhooks'], body: JSON_BODY, signsBody: true, signsTimestamp: true },
  { name: 'svix', config: (secrets) => ({ provider: 'svix', secrets }), newSecret: whsec, sign: signers.svix, body: JSON_BODY, signsBody: true, signsTimestamp: true },
  { name: 'hmac (sha512, base64, prefix, timestamp)', config: (secrets) => ({ provider: 'hmac', secrets, hmac: generic }), newSecret: hex, sign: hmacSigner(generic), body: JSON_BODY, signsBody: true, signsTimestamp: true },
  { name: 'hmac (sha256, hex)', config: (secrets) => ({ provider: 'hmac', secrets, hmac: { algorithm: 'sha256', encoding: 'hex', header: 'X-Sig' } }), newSecret: hex, sign: hmacSigner({ algorithm: 'sha256', encoding: 'hex', header: 'X-Sig' }), body: JSON_BODY, signsBody: true, signsTimestamp: false },
  { name: 'basic-auth', config: (secrets) => ({ provider: 'basic-auth', secrets }), newSecret: () => `hooks:${hex()}`, sign: signers['basic-auth'], body: JSON_BODY, signsBody: false, signsTimestamp: false },
  { name: 'api-key', config: (secrets) => ({ provider: 'api-key', secrets, apiKey: { header: 'X-Api-Key' } }), newSecret: hex, sign: signers['api-key'], body: JSON_BODY, signsBody: false, signsTimestamp: false },
];

/** A refusal whose reason gives away no secret and no signature-like run of characters. */
function assertRefused(result: Verification, secrets: string[], reason?: RegExp): string {
  assert.equal(result.ok, false, 'expected a refusal');
  const text = (result as { reason: string }).reason;
  for (const secret of secrets) {
    assert.ok(!text.includes(secret), `reason gives the secret away: ${text}`);
    if (secret.startsWith('whsec_')) assert.ok(!text.includes(secret.slice(6)), `reason gives the secret away: ${text}`);
  }
  assert.doesNotMatch(text, /[A-Za-z0-9+/]{24,}/, 'reason holds something like a signature');
  if (reason) assert.match(text, reason);
  return text;
}

const tampered = (request: InboundRequest): InboundRequest => {
  const body = request.body.toString('utf8');
  assert.ok(body.includes('4200'));
  return { ...request, body: Buffer.from(body.replace('4200', '4201')) };
};

describe('inbound verification: every preset refuses what is not genuine', () => {
  for (const preset of cases) {
    describe(preset.name, () => {
      it('accepts the genuine request, and a request signed with either of two configured secrets', async () => {
        const [first, second] = [preset.newSecret(), preset.newSecret()];
        const config = preset.config([first, second]);
        assert.equal(verifyInbound(config, await preset.sign({ secret: first, body: preset.body, atMs: NOW }), NOW).ok, true, 'first secret');
        assert.equal(verifyInbound(config, await preset.sign({ secret: second, body: preset.body, atMs: NOW }), NOW).ok, true, 'second secret');
      });

      it('refuses a request signed with another secret, naming no secret', async () => {
        const [configured, other] = [preset.newSecret(), preset.newSecret()];
        const request = await preset.sign({ secret: other, body: preset.body, atMs: NOW });
        assertRefused(verifyInbound(preset.config([configured]), request, NOW), [configured, other], /match(es)? no configured|no .* signature matches/);
      });

      if (preset.signsBody) {
        it('refuses a tampered body', async () => {
          const secret = preset.newSecret();
          const request = await preset.sign({ secret, body: preset.body, atMs: NOW });
          assertRefused(verifyInbound(preset.config([secret]), tampered(request), NOW), [secret]);
        });
      } else {
        it('signs no body, so only the shared secret is checked (the caller dedupes on the body hash)', async () => {
          const secret = preset.newSecret();
          const request = await preset.sign({ secret, body: preset.body, atMs: NOW });
          assert.equal(verifyInbound(preset.config([secret]), tampered(request), NOW).ok, true);
        });
      }

      it('refuses a request without its headers', async () => {
        const secret = preset.newSecret();
        const request = await preset.sign({ secret, body: preset.body, atMs: NOW });
        assertRefused(verifyInbound(preset.config([secret]), { ...request, headers: { 'content-type': request.headers['content-type'] } }, NOW), [secret], /^missing /);
      });

      if (preset.signsTimestamp) {
        it('refuses a timestamp more than 300 s old or ahead, and accepts one at 300 s', async () => {
          const secret = preset.newSecret();
          const config = preset.config([secret]);
          for (const offset of [-301_000, 301_000]) {
            const request = await preset.sign({ secret, body: preset.body, atMs: NOW + offset });
            assertRefused(verifyInbound(config, request, NOW), [secret], /is 301 s from now, more than the 300 s allowed/);
          }
          for (const offset of [-300_000, 300_000]) {
            assert.equal(verifyInbound(config, await preset.sign({ secret, body: preset.body, atMs: NOW + offset }), NOW).ok, true);
          }
        });

        it('honours toleranceSeconds', async () => {
          const secret = preset.newSecret();
          const request = await preset.sign({ secret, body: preset.body, atMs: NOW - 6_000 });
          assertRefused(verifyInbound({ ...preset.config([secret]), toleranceSeconds: 5 }, request, NOW), [secret], /more than the 5 s allowed/);
          const old = await preset.sign({ secret, body: preset.body, atMs: NOW - 3_600_000 });
          assert.equal(verifyInbound({ ...preset.config([secret]), toleranceSeconds: 3_600 }, old, NOW).ok, true);
        });
      }
    });
  }
});

describe('inbound verification: signatures and timestamps that are malformed or repeated', () => {
  it('a Standard Webhooks header with one signature per rotating key passes with either key', () => {
    const [old, next] = [whsec(), whsec()];
    const body = '{"amount":4200}';
    const at = new Date(NOW);
    const headers = { 'webhook-id': 'msg_r', 'webhook-timestamp': String(NOW / 1000), 'webhook-signature': `${new StandardWebhook(old).sign('msg_r', at, body)} ${new StandardWebhook(next).sign('msg_r', at, body)}` };
    for (const secret of [old, next]) {
      assert.equal(verifyInbound({ provider: 'standard-webhooks', secrets: [secret] }, { body: Buffer.from(body), headers, url: '' }, NOW).ok, true);
    }
    // The same header repeated by a proxy arrives joined with ', '.
    const joined = { ...headers, 'webhook-signature': headers['webhook-signature'].replace(' ', ', ') };
    for (const secret of [old, next]) {
      assert.equal(verifyInbound({ provider: 'standard-webhooks', secrets: [secret] }, { body: Buffer.from(body), headers: joined, url: '' }, NOW).ok, true);
    }
  });

  it('the webhook id is signed: changing it breaks the signature', async () => {
    const secret = whsec();
    const request = await signers['standard-webhooks']({ secret, body: JSON_BODY, atMs: NOW });
    assertRefused(verifyInbound({ provider: 'standard-webhooks', secrets: [secret] }, { ...request, headers: { ...request.headers, 'webhook-id': 'msg_other' } }, NOW), [secret]);
  });

  it('a timestamp that is not whole Unix seconds is refused', async () => {
    const secret = `whsec_${hex()}`;
    const request = await signers.stripe({ secret, body: JSON_BODY, atMs: NOW });
    const signature = request.headers['stripe-signature']!;
    for (const t of ['', '1760000000.5', '-1', '1760000000000000000', 'soon']) {
      const headers = { 'stripe-signature': signature.replace(/^t=\d+/, `t=${t}`) };
      assertRefused(verifyInbound({ provider: 'stripe', secrets: [secret] }, { ...request, headers }, NOW), [secret], t === '' ? /not a Unix time|missing/ : /not a Unix time in seconds/);
    }
    assertRefused(verifyInbound({ provider: 'stripe', secrets: [secret] }, { ...request, headers: { 'stripe-signature': signature.replace(/^t=\d+,/, '') } }, NOW), [secret], /missing Stripe-Signature t=/);
    assertRefused(verifyInbound({ provider: 'stripe', secrets: [secret] }, { ...request, headers: { 'stripe-signature': `t=${NOW / 1000},${signature}` } }, NOW), [secret], /more than one t=/);
  });

  it('a Stripe header with only a v0 (test-mode legacy) signature is refused', async () => {
    const secret = `whsec_${hex()}`;
    const request = await signers.stripe({ secret, body: JSON_BODY, atMs: NOW });
    const headers = { 'stripe-signature': request.headers['stripe-signature']!.replace('v1=', 'v0=') };
    assertRefused(verifyInbound({ provider: 'stripe', secrets: [secret] }, { ...request, headers }, NOW), [secret], /no v1= signature/);
  });

  it('a signature that is not in the encoding, or has the wrong prefix, is refused', async () => {
    const secret = hex();
    const github = await signers.github({ secret, body: JSON_BODY, atMs: NOW });
    const value = github.headers['x-hub-signature-256']!;
    for (const broken of [value.replace('sha256=', 'sha1='), `${value}zz`, `${value}0`, value.slice(0, -2)]) {
      assertRefused(verifyInbound({ provider: 'github', secrets: [secret] }, { ...github, headers: { 'x-hub-signature-256': broken } }, NOW), [secret]);
    }
  });

  it('a Twilio body with no form content type needs bodySHA256 in the URL, and a body that does not hash to it is refused', async () => {
    const token = hex();
    const form = await signers.twilio({ secret: token, body: FORM_BODY, atMs: NOW });
    assertRefused(verifyInbound({ provider: 'twilio', secrets: [token] }, { ...form, headers: { ...form.headers, 'content-type': 'application/json' } }, NOW), [token], /must carry bodySHA256/);
    const json = await signers['twilio-json']({ secret: token, body: JSON_BODY, atMs: NOW });
    assertRefused(verifyInbound({ provider: 'twilio', secrets: [token] }, tampered(json), NOW), [token], /does not hash to the bodySHA256/);
    assertRefused(verifyInbound({ provider: 'twilio', secrets: [token] }, { ...json, url: json.url.replace('hooks.example.com', 'hooks.example.org') }, NOW), [token], /matches no configured Auth Token/);
  });

  it('Square refuses a request when only its legacy SHA-1 header is present', () => {
    const request: InboundRequest = { body: Buffer.from(JSON_BODY), headers: { 'x-square-signature': 'bm90IGNoZWNrZWQ=' }, url: 'https://h.example/in' };
    assertRefused(verifyInbound({ provider: 'square', secrets: [hex()] }, request, NOW), [], /legacy x-square-signature/);
  });

  it('GitLab never lets a request that carries a signature through on its token', async () => {
    const token = hex();
    const request = await signers.gitlab({ secret: token, body: JSON_BODY, atMs: NOW });
    const withForgedSignature = { ...request, headers: { ...request.headers, 'webhook-id': 'm', 'webhook-timestamp': String(NOW / 1000), 'webhook-signature': 'v1,AAAA' } };
    assertRefused(verifyInbound({ provider: 'gitlab', secrets: [token] }, withForgedSignature, NOW), [token], /no configured secret is a whsec_ signing secret/);
  });
});
