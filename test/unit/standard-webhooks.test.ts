import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { generateSecret, isValidSecret, sign, signedHeaders } from '../../src/signing/standard-webhooks';

describe('Standard Webhooks signing', () => {
  const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'inv_1', amount: 4200 } });
  const now = () => Math.floor(Date.now() / 1000);

  it('produces signatures the official verifier accepts', () => {
    const secret = generateSecret();
    const headers = signedHeaders([secret], 'msg_1', now(), body);
    assert.deepEqual(new Webhook(secret).verify(body, { ...headers }), JSON.parse(body));
  });

  it('matches the official signer byte for byte', () => {
    const secret = generateSecret();
    const at = new Date(1_700_000_000_000);
    assert.equal(sign(secret, 'msg_2', 1_700_000_000, body), new Webhook(secret).sign('msg_2', at, body));
  });

  it('signs with every secret during a rotation, so either one verifies', () => {
    const [next, previous] = [generateSecret(), generateSecret()];
    const headers = signedHeaders([next, previous], 'msg_3', now(), body);
    assert.equal(headers['webhook-signature'].split(' ').length, 2);
    assert.ok(new Webhook(next).verify(body, { ...headers }));
    assert.ok(new Webhook(previous).verify(body, { ...headers }));
    assert.throws(() => new Webhook(generateSecret()).verify(body, { ...headers }), /No matching signature/);
  });

  it('fails verification when the body or the timestamp is tampered with', () => {
    const secret = generateSecret();
    const headers = signedHeaders([secret], 'msg_4', now(), body);
    assert.throws(() => new Webhook(secret).verify(body.replace('4200', '4201'), { ...headers }));
    assert.throws(() => new Webhook(secret).verify(body, { ...headers, 'webhook-timestamp': String(now() + 1) }));
  });

  it('accepts only whsec_ secrets of 24 to 64 bytes', () => {
    assert.ok(isValidSecret(generateSecret()));
    assert.ok(isValidSecret(`whsec_${Buffer.alloc(24, 1).toString('base64')}`));
    assert.ok(!isValidSecret(`whsec_${Buffer.alloc(16, 1).toString('base64')}`), 'too short');
    assert.ok(!isValidSecret(`whsec_${Buffer.alloc(65, 1).toString('base64')}`), 'too long');
    assert.ok(!isValidSecret(Buffer.alloc(32, 1).toString('base64')), 'no prefix');
    assert.ok(!isValidSecret('whsec_not base64!'));
    assert.throws(() => sign('nope', 'm', 1, body));
  });
});
