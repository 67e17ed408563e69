/** Secrets at rest: sealing and opening, keys in rotation, tampering, and the key list's parsing. */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { createSealer, isSealed, newEncryptionKeyEntry, parseEncryptionKeys, type EncryptionKey } from '../../src/secrets/sealing';

const key = (id: string): EncryptionKey => ({ id, key: crypto.randomBytes(32) });

describe('sealing', () => {
  const old = key('k1');
  const current = key('k2');

  it('round-trips, with a fresh IV each time, and names its key', () => {
    const sealer = createSealer([current, old]);
    const a = sealer.seal('whsec_secret', 'endpoints.secret');
    const b = sealer.seal('whsec_secret', 'endpoints.secret');
    assert.notEqual(a, b);
    assert.match(a, /^enc:v1:k2:[A-Za-z0-9_-]+$/);
    assert.ok(!a.includes('whsec_secret'));
    assert.equal(sealer.open(a, 'endpoints.secret'), 'whsec_secret');
    assert.equal(sealer.open(sealer.seal('', 'x'), 'x'), '');
    assert.equal(sealer.open(sealer.seal('ünïcode ✓', 'x'), 'x'), 'ünïcode ✓');
  });

  it('opens what an older key sealed while that key is listed, and says it is not current', () => {
    const before = createSealer([old]).seal('s3cret', 'sources.secrets');
    const rotated = createSealer([current, old]);
    assert.equal(rotated.open(before, 'sources.secrets'), 's3cret');
    assert.equal(rotated.isCurrent(before), false);
    assert.equal(rotated.isCurrent(rotated.seal('s3cret', 'sources.secrets')), true);
    assert.throws(() => createSealer([current]).open(before, 'sources.secrets'), /sealed under the key "k1", which SWITCHYARD_ENCRYPTION_KEYS does not hold/);
  });

  it('refuses a value moved to another column, altered, truncated or never sealed', () => {
    const sealer = createSealer([current]);
    const sealed = sealer.seal('value', 'endpoints.headers');
    assert.throws(() => sealer.open(sealed, 'endpoints.secret'), /does not open/);
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1);
    assert.throws(() => sealer.open(flipped, 'endpoints.headers'), /does not open/);
    assert.throws(() => sealer.open('enc:v1:k2:AAAA', 'endpoints.headers'), /damaged/);
    assert.throws(() => sealer.open('whsec_plain', 'endpoints.secret'), /not encrypted; run `switchyard migrate`/);
    assert.equal(isSealed('whsec_plain'), false);
    assert.equal(sealer.isCurrent('whsec_plain'), false);
  });

  it('keeps the plaintext out of its errors', () => {
    const sealer = createSealer([current]);
    try {
      createSealer([key('other')]).open(sealer.seal('hunter2', 'p'), 'p');
      assert.fail('expected a failure');
    } catch (error) {
      assert.ok(!String(error).includes('hunter2'));
    }
  });
});

describe('SWITCHYARD_ENCRYPTION_KEYS', () => {
  it('parses id:base64key entries, the first one current', () => {
    const a = newEncryptionKeyEntry('a');
    const b = newEncryptionKeyEntry('b.2026-12');
    const keys = parseEncryptionKeys(` ${a} , ${b} `);
    assert.ok(Array.isArray(keys));
    assert.deepEqual(keys.map((k) => k.id), ['a', 'b.2026-12']);
    assert.equal(keys[0]!.key.length, 32);
    assert.equal(createSealer(keys).currentKeyId, 'a');
  });

  it('refuses bad entries without quoting the key material', () => {
    const material = crypto.randomBytes(16).toString('base64');
    for (const [text, message] of [
      ['', /at least one/],
      [`nocolon${material}`, /expected id:base64key/],
      [`bad id:${crypto.randomBytes(32).toString('base64')}`, /expected id:base64key/],
      [`short:${material}`, /32 bytes/],
      [`x:not*base64`, /32 bytes/],
      [`${newEncryptionKeyEntry('same')},${newEncryptionKeyEntry('same')}`, /used twice/],
    ] as const) {
      const parsed = parseEncryptionKeys(text);
      assert.ok('error' in parsed, text);
      assert.match(parsed.error, message);
      assert.ok(!parsed.error.includes(material));
    }
  });
});
