import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import crypto from 'node:crypto';
import {
  generateSecret,
  generateSigningKey,
  isValidSecret,
  isValidSigningKey,
  publicKeyObject,
  publicKeyOf,
  sign,
  signAsymmetric,
  signedHeaders,
} from '../../src/signing/standard-webhooks';

describe('Standard Webhooks signing', () => {
  const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'inv_1', amount: 4200 } });
  const now = () => Math.floor(Date.now() / 1000);

  it('produces signatures the official verifier accepts', () => {
    const secret = generateSecret();
    const headers = signedHeaders({ secrets: [secret], signingKeys: [] }, 'msg_1', now(), body);
    assert.deepEqual(new Webhook(secret).verify(body, { ...headers }), JSON.parse(body));
  });

  it('matches the official signer byte for byte', () => {
    const secret = generateSecret();
    const at = new Date(1_700_000_000_000);
    assert.equal(sign(secret, 'msg_2', 1_700_000_000, body), new Webhook(secret).sign('msg_2', at, body));
  });

  it('signs with every secret during a rotation, so either one verifies', () => {
    const [next, previous] = [generateSecret(), generateSecret()];
    const headers = signedHeaders({ secrets: [next, previous], signingKeys: [] }, 'msg_3', now(), body);
    assert.equal(headers['webhook-signature'].split(' ').length, 2);
    assert.ok(new Webhook(next).verify(body, { ...headers }));
    assert.ok(new Webhook(previous).verify(body, { ...headers }));
    assert.throws(() => new Webhook(generateSecret()).verify(body, { ...headers }), /No matching signature/);
  });

  it('fails verification when the body or the timestamp is tampered with', () => {
    const secret = generateSecret();
    const headers = signedHeaders({ secrets: [secret], signingKeys: [] }, 'msg_4', now(), body);
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

/** What a receiver holding only the whpk_ key does: Node's crypto, no library of ours. */
function receiverVerifies(publicKey: string, headers: Record<string, string>, body: string): boolean {
  const raw = Buffer.from(publicKey.slice('whpk_'.length), 'base64');
  const key = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  const signed = Buffer.from(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`);
  return headers['webhook-signature']!
    .split(' ')
    .filter((entry) => entry.startsWith('v1a,'))
    .some((entry) => crypto.verify(null, signed, key, Buffer.from(entry.slice(4), 'base64')));
}

describe('Standard Webhooks v1a (ed25519) signing', () => {
  const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'inv_1' } });

  it("reproduces the specification's published v1a test vector", () => {
    // libraries/go/webhook_asymmetric_test.go in the standard-webhooks repository (TestAsymmetricWebhookSign).
    const key = 'whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=';
    assert.equal(
      signAsymmetric(key, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'),
      'v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag==',
    );
  });

  it('gives a public key with which a receiver verifies, and nothing else does', () => {
    const key = generateSigningKey();
    const publicKey = publicKeyOf(key);
    assert.match(publicKey, /^whpk_[A-Za-z0-9+/]{43}=$/);
    const headers = { ...signedHeaders({ secrets: [], signingKeys: [key] }, 'msg_5', 1_700_000_000, body) };
    assert.ok(receiverVerifies(publicKey, headers, body));
    assert.ok(!receiverVerifies(publicKey, headers, body.replace('inv_1', 'inv_2')), 'a changed body fails');
    assert.ok(!receiverVerifies(publicKeyOf(generateSigningKey()), headers, body), "another key's public key fails");
    assert.ok(crypto.verify(null, Buffer.from(`msg_5.1700000000.${body}`), publicKeyObject(publicKey)!, Buffer.from(headers['webhook-signature'].slice(4), 'base64')));
  });

  it('signs with both schemes at once: the v1 verifier and the v1a receiver each find theirs', () => {
    const [secret, key, previousKey] = [generateSecret(), generateSigningKey(), generateSigningKey()];
    const headers = { ...signedHeaders({ secrets: [secret], signingKeys: [key, previousKey] }, 'msg_6', Math.floor(Date.now() / 1000), body) };
    assert.deepEqual(headers['webhook-signature'].split(' ').map((entry) => entry.split(',')[0]), ['v1', 'v1a', 'v1a']);
    assert.deepEqual(new Webhook(secret).verify(body, headers), JSON.parse(body));
    assert.ok(receiverVerifies(publicKeyOf(key), headers, body));
    assert.ok(receiverVerifies(publicKeyOf(previousKey), headers, body), 'a rotated-out key still verifies in its grace');
  });

  it('accepts only whsk_ keys of a 32-byte seed, and refuses to sign with nothing', () => {
    assert.ok(isValidSigningKey(generateSigningKey()));
    assert.ok(!isValidSigningKey(`whsk_${Buffer.alloc(31, 1).toString('base64')}`));
    assert.ok(!isValidSigningKey(`whsk_${Buffer.alloc(64, 1).toString('base64')}`));
    assert.ok(!isValidSigningKey(generateSecret()));
    assert.equal(publicKeyObject('whpk_nope'), undefined);
    assert.throws(() => signAsymmetric(generateSecret(), 'm', 1, body), /whsk_/);
    assert.throws(() => signedHeaders({ secrets: [], signingKeys: [] }, 'm', 1, body), /at least one/);
  });
});
