/** The providers' published test vectors (reference/providers.md), through verifyInbound. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import twilioSdk from 'twilio';
import { verifyInbound, type InboundRequest } from '../../src/inbound/verify';

describe('inbound verification: published vectors', () => {
  it("GitHub's documented example: secret \"It's a Secret to Everybody\", body \"Hello, World!\"", () => {
    const request: InboundRequest = {
      body: Buffer.from('Hello, World!'),
      headers: { 'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' },
      url: 'https://hooks.example.com/in/gh',
    };
    const config = { provider: 'github' as const, secrets: ["It's a Secret to Everybody"] };
    assert.deepEqual(verifyInbound(config, request, 0), { ok: true });
    // Hex case does not matter: the decoded bytes are compared.
    const upper = { ...request, headers: { 'x-hub-signature-256': 'sha256=757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17' } };
    assert.equal(verifyInbound(config, upper, 0).ok, true);
    assert.equal(verifyInbound(config, { ...request, body: Buffer.from('Hello, World?') }, 0).ok, false);
  });

  describe("Twilio's documented example: token 12345, form parameters, URL with a query", () => {
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
    const request: InboundRequest = {
      body: Buffer.from(new URLSearchParams(params).toString()),
      headers: { 'x-twilio-signature': 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', 'content-type': 'application/x-www-form-urlencoded' },
      url,
    };

    it('the SDK computes the published signature, and verifyInbound accepts it with CallSid as the delivery id', () => {
      assert.equal(twilioSdk.getExpectedTwilioSignature('12345', url, params), 'RSOYDt4T1cUTdK1PDd93/VVr8B8=');
      assert.deepEqual(verifyInbound({ provider: 'twilio', secrets: ['12345'] }, request, 0), { ok: true, deliveryId: 'CA1234567890ABCDE' });
    });

    it('the order of the form fields on the wire does not matter; their values and the URL do', () => {
      const reordered = new URLSearchParams(Object.entries(params).reverse()).toString();
      assert.equal(verifyInbound({ provider: 'twilio', secrets: ['12345'] }, { ...request, body: Buffer.from(reordered) }, 0).ok, true);
      assert.equal(verifyInbound({ provider: 'twilio', secrets: ['12345'] }, { ...request, body: Buffer.from(reordered.replace('1234', '1235')) }, 0).ok, false);
      assert.equal(verifyInbound({ provider: 'twilio', secrets: ['12345'] }, { ...request, url: 'https://mycompany.com/myapp.php?bar=2&foo=1' }, 0).ok, false);
    });
  });

  describe('Standard Webhooks v1 vector, under each preset that uses the scheme', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
    const timestamp = 1614265330;
    const body = Buffer.from('{"test": 2432232314}');
    const v1 = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
    const v1a = 'v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==';
    const at = timestamp * 1000;
    const headers = (prefix: string, signature: string) => ({ [`${prefix}-id`]: id, [`${prefix}-timestamp`]: String(timestamp), [`${prefix}-signature`]: signature });

    it('standard-webhooks, svix and gitlab accept it, with the message id for dedupe', () => {
      assert.deepEqual(verifyInbound({ provider: 'standard-webhooks', secrets: [secret] }, { body, headers: headers('webhook', v1), url: '' }, at), { ok: true, deliveryId: id });
      assert.deepEqual(verifyInbound({ provider: 'svix', secrets: [secret] }, { body, headers: headers('svix', v1), url: '' }, at), { ok: true, deliveryId: id });
      assert.deepEqual(verifyInbound({ provider: 'gitlab', secrets: [secret] }, { body, headers: headers('webhook', v1), url: '' }, at), { ok: true, deliveryId: id });
    });

    it('an asymmetric v1a beside it is skipped, and alone it is not enough', () => {
      const config = { provider: 'standard-webhooks' as const, secrets: [secret] };
      assert.equal(verifyInbound(config, { body, headers: headers('webhook', `${v1a} ${v1}`), url: '' }, at).ok, true);
      assert.deepEqual(verifyInbound(config, { body, headers: headers('webhook', v1a), url: '' }, at), { ok: false, reason: 'webhook-signature holds no v1 signature' });
    });

    it('five minutes either side of its timestamp, and not a second more', () => {
      const config = { provider: 'standard-webhooks' as const, secrets: [secret] };
      const request = { body, headers: headers('webhook', v1), url: '' };
      assert.equal(verifyInbound(config, request, at + 300_000).ok, true);
      assert.equal(verifyInbound(config, request, at - 300_000).ok, true);
      assert.match((verifyInbound(config, request, at + 301_000) as { reason: string }).reason, /webhook-timestamp 1614265330 is 301 s from now, more than the 300 s allowed/);
      assert.match((verifyInbound(config, request, at - 301_000) as { reason: string }).reason, /is 301 s from now/);
    });
  });
});
