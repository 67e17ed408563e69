/** Source settings the verifiers refuse before any request arrives, and the presets that belong to no provider. */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { bodyDigest, verifierConfigProblems, verifyInbound, type InboundRequest, type VerifierConfig } from '../../src/inbound/verify';
import { hmacSigner } from '../support/inbound-signers';

const whsecOf = (bytes: number) => `whsec_${crypto.randomBytes(bytes).toString('base64')}`;
const NOW = 1_760_000_000_000;

describe('verifierConfigProblems', () => {
  it('is empty for a sound config of every preset', () => {
    const sound: VerifierConfig[] = [
      { provider: 'stripe', secrets: ['whsec_abc'] },
      { provider: 'github', secrets: ['s'] },
      { provider: 'shopify', secrets: ['s'] },
      { provider: 'slack', secrets: ['s'] },
      { provider: 'twilio', secrets: ['s'] },
      { provider: 'paddle', secrets: ['pdl_ntfset_x'], toleranceSeconds: 5 },
      { provider: 'square', secrets: ['s'] },
      { provider: 'gitlab', secrets: ['plain-token', whsecOf(32)] },
      { provider: 'standard-webhooks', secrets: [whsecOf(24), whsecOf(64)] },
      { provider: 'svix', secrets: [whsecOf(32)] },
      { provider: 'hmac', secrets: ['s'], hmac: { algorithm: 'sha256', encoding: 'hex', header: 'X-Signature', prefix: 'sha256=', timestampHeader: 'X-Timestamp' } },
      { provider: 'basic-auth', secrets: ['user:pa:ss word'] },
      { provider: 'api-key', secrets: ['k'], apiKey: { header: 'X-Api-Key' } },
    ];
    for (const config of sound) assert.deepEqual(verifierConfigProblems(config), [], config.provider);
  });

  it('names an unknown provider and the known ones', () => {
    const [problem] = verifierConfigProblems({ provider: 'mailgun' as never, secrets: ['s'] });
    assert.match(problem!, /unknown provider "mailgun"; known: stripe, github, .*api-key/);
    assert.equal(verifierConfigProblems({ provider: 'toString' as never, secrets: ['s'] }).length, 1, 'not an inherited property');
  });

  it('needs at least one non-empty secret, without whitespace around it', () => {
    assert.deepEqual(verifierConfigProblems({ provider: 'github', secrets: [] }), ['at least one secret is needed']);
    assert.deepEqual(verifierConfigProblems({ provider: 'github' } as VerifierConfig), ['at least one secret is needed']);
    assert.deepEqual(verifierConfigProblems({ provider: 'github', secrets: ['ok', '', 7 as never, ' padded\n'] }), ['secret 2 is empty', 'secret 3 is empty', 'secret 4 has leading or trailing whitespace']);
  });

  it('wants whsec_ secrets of 24 to 64 bytes for standard-webhooks and svix', () => {
    for (const provider of ['standard-webhooks', 'svix'] as const) {
      assert.deepEqual(verifierConfigProblems({ provider, secrets: [whsecOf(32), whsecOf(16), whsecOf(65), 'c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0', 'whsec_not base64!'] }), [
        "secret 2 is not a 'whsec_' secret holding the base64 of 24 to 64 bytes",
        "secret 3 is not a 'whsec_' secret holding the base64 of 24 to 64 bytes",
        "secret 4 is not a 'whsec_' secret holding the base64 of 24 to 64 bytes",
        "secret 5 is not a 'whsec_' secret holding the base64 of 24 to 64 bytes",
      ]);
    }
  });

  it("catches a Stripe API key pasted where the endpoint's signing secret belongs", () => {
    const problems = verifierConfigProblems({ provider: 'stripe', secrets: ['sk_live_51Habc'] });
    assert.deepEqual(problems, ["secret 1 is not a Stripe endpoint signing secret (they start with 'whsec_')"]);
  });

  it('wants user:password for basic-auth', () => {
    assert.deepEqual(verifierConfigProblems({ provider: 'basic-auth', secrets: ['nocolon', ':password', 'user:'] }), [
      "secret 1 must be 'user:password' with neither part empty",
      "secret 2 must be 'user:password' with neither part empty",
      "secret 3 must be 'user:password' with neither part empty",
    ]);
  });

  it('needs hmac options for hmac and apiKey options for api-key, with valid values', () => {
    assert.deepEqual(verifierConfigProblems({ provider: 'hmac', secrets: ['s'] }), ["provider 'hmac' needs hmac options (algorithm, encoding, header)"]);
    assert.deepEqual(verifierConfigProblems({ provider: 'hmac', secrets: ['s'], hmac: { algorithm: 'md5', encoding: 'base32', header: 'X Sig', prefix: 'v1, ', timestampHeader: '' } as never }), [
      "hmac.algorithm must be 'sha256' or 'sha512'",
      "hmac.encoding must be 'hex' or 'base64'",
      'hmac.header is not a valid header name',
      'hmac.timestampHeader must name a header',
      'hmac.prefix must be text without spaces or commas',
    ]);
    assert.deepEqual(verifierConfigProblems({ provider: 'api-key', secrets: ['s'] }), ["provider 'api-key' needs apiKey options (header)"]);
    assert.deepEqual(verifierConfigProblems({ provider: 'api-key', secrets: ['s'], apiKey: { header: '' } }), ['apiKey.header must name a header']);
  });

  it('wants a positive toleranceSeconds when one is given', () => {
    for (const toleranceSeconds of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, '300' as never]) {
      assert.deepEqual(verifierConfigProblems({ provider: 'slack', secrets: ['s'], toleranceSeconds }), ['toleranceSeconds must be a positive number of seconds'], String(toleranceSeconds));
    }
  });

  it('never quotes a secret', () => {
    const secrets = ['sk_live_do_not_leak', ' whsec_padded_do_not_leak '];
    const problems = verifierConfigProblems({ provider: 'stripe', secrets }).join('\n');
    for (const secret of secrets) assert.ok(!problems.includes(secret.trim()));
  });
});

describe('verifyInbound with a config that has problems', () => {
  it('refuses every request and says why, instead of throwing or trusting it', () => {
    const request: InboundRequest = { body: Buffer.from('{}'), headers: { 'x-api-key': 'k' }, url: 'https://h.example/in' };
    assert.deepEqual(verifyInbound({ provider: 'api-key', secrets: ['k'] }, request, NOW), {
      ok: false,
      reason: "the source's verification settings are invalid: provider 'api-key' needs apiKey options (header)",
    });
    assert.equal(verifyInbound({ provider: 'github', secrets: [] }, request, NOW).ok, false);
    const reason = (verifyInbound({ provider: 'stripe', secrets: ['sk_live_do_not_leak'] }, request, NOW) as { reason: string }).reason;
    assert.ok(!reason.includes('sk_live_do_not_leak'));
  });
});

describe('the generic hmac preset', () => {
  const body = '{"amount":4200}';

  it('accepts hex and base64, sha256 and sha512, with and without a prefix', async () => {
    for (const algorithm of ['sha256', 'sha512'] as const) {
      for (const encoding of ['hex', 'base64'] as const) {
        for (const prefix of [undefined, `${algorithm}=`]) {
          const hmac = { algorithm, encoding, header: 'X-Signature', ...(prefix ? { prefix } : {}) };
          const request = await hmacSigner(hmac)({ secret: 'shh', body, atMs: NOW });
          assert.deepEqual(verifyInbound({ provider: 'hmac', secrets: ['shh'], hmac }, request, NOW), { ok: true }, JSON.stringify(hmac));
        }
      }
    }
  });

  it('refuses the right MAC under the wrong algorithm or without its prefix', async () => {
    const hmac = { algorithm: 'sha256', encoding: 'hex', header: 'X-Signature', prefix: 'sha256=' } as const;
    const request = await hmacSigner(hmac)({ secret: 'shh', body, atMs: NOW });
    assert.equal(verifyInbound({ provider: 'hmac', secrets: ['shh'], hmac: { ...hmac, algorithm: 'sha512' } }, request, NOW).ok, false);
    assert.deepEqual(verifyInbound({ provider: 'hmac', secrets: ['shh'], hmac: { ...hmac, prefix: 'v1=' } }, request, NOW), { ok: false, reason: "X-Signature does not start with 'v1='" });
  });

  it('signs `${timestamp}.${body}` when a timestamp header is named', async () => {
    const hmac = { algorithm: 'sha256', encoding: 'base64', header: 'X-Signature', timestampHeader: 'X-Timestamp' } as const;
    const request = await hmacSigner(hmac)({ secret: 'shh', body, atMs: NOW });
    const expected = crypto.createHmac('sha256', 'shh').update(`${NOW / 1000}.${body}`).digest('base64');
    assert.equal(request.headers['x-signature'], expected);
    assert.equal(verifyInbound({ provider: 'hmac', secrets: ['shh'], hmac }, request, NOW).ok, true);
    assert.equal(verifyInbound({ provider: 'hmac', secrets: ['shh'], hmac }, { ...request, headers: { ...request.headers, 'x-timestamp': String(NOW / 1000 + 1) } }, NOW).ok, false);
    assert.deepEqual(verifyInbound({ provider: 'hmac', secrets: ['shh'], hmac }, { ...request, headers: { 'x-signature': expected } }, NOW), { ok: false, reason: 'missing X-Timestamp' });
  });

  it('accepts any of several signatures in the header', async () => {
    const hmac = { algorithm: 'sha256', encoding: 'hex', header: 'X-Signature', prefix: 'sha256=' } as const;
    const request = await hmacSigner(hmac)({ secret: 'new', body, atMs: NOW });
    const both = `sha256=${'ab'.repeat(32)}, ${request.headers['x-signature']}`;
    assert.equal(verifyInbound({ provider: 'hmac', secrets: ['new'], hmac }, { ...request, headers: { 'x-signature': both } }, NOW).ok, true);
  });
});

describe('basic-auth and api-key', () => {
  const request = (headers: Record<string, string>): InboundRequest => ({ body: Buffer.from('{}'), headers, url: 'https://h.example/in' });
  const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

  it('basic-auth accepts any configured user:password, with the scheme in any case', () => {
    const config: VerifierConfig = { provider: 'basic-auth', secrets: ['hooks:old-pass', 'hooks:new-pass'] };
    assert.deepEqual(verifyInbound(config, request({ authorization: basic('hooks:new-pass') }), NOW), { ok: true });
    assert.equal(verifyInbound(config, request({ authorization: basic('hooks:old-pass').replace('Basic', 'basic') }), NOW).ok, true);
  });

  it('basic-auth refuses other credentials and other schemes', () => {
    const config: VerifierConfig = { provider: 'basic-auth', secrets: ['hooks:pass'] };
    assert.deepEqual(verifyInbound(config, request({ authorization: basic('hooks:Pass') }), NOW), { ok: false, reason: 'Basic credentials match no configured user:password' });
    assert.equal(verifyInbound(config, request({ authorization: basic('hooks:pass ') }), NOW).ok, false);
    assert.deepEqual(verifyInbound(config, request({ authorization: 'Bearer hooks:pass' }), NOW), { ok: false, reason: 'Authorization is not Basic credentials' });
    assert.deepEqual(verifyInbound(config, request({}), NOW), { ok: false, reason: 'missing Authorization header' });
  });

  it('api-key reads the configured header whatever its case, and wants an exact key', () => {
    const config: VerifierConfig = { provider: 'api-key', secrets: ['key-1', 'key-2'], apiKey: { header: 'X-Source-Key' } };
    assert.deepEqual(verifyInbound(config, request({ 'x-source-key': 'key-2' }), NOW), { ok: true });
    assert.deepEqual(verifyInbound(config, request({ 'x-source-key': 'key-' }), NOW), { ok: false, reason: 'X-Source-Key matches no configured key' });
    assert.deepEqual(verifyInbound(config, request({ 'x-api-key': 'key-1' }), NOW), { ok: false, reason: 'missing X-Source-Key header' });
  });
});

describe('bodyDigest', () => {
  it('is the SHA-256 of the exact bytes, in hex', () => {
    assert.equal(bodyDigest(Buffer.from('')), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(bodyDigest(Buffer.from('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.notEqual(bodyDigest(Buffer.from('{"a":1}')), bodyDigest(Buffer.from('{"a": 1}')));
  });
});
