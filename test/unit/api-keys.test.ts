import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bearerToken } from '../../src/api/auth';
import { generateApiKey, hashApiKey, looksLikeApiKey, scopeAllows } from '../../src/projects/api-keys';

describe('API keys', () => {
  it('are 256 random bits behind a prefix, stored as a digest', () => {
    const { key, hash, displayPrefix } = generateApiKey(Buffer.alloc(32, 7));
    assert.match(key, /^sk_[A-Za-z0-9_-]{43}$/);
    assert.equal(displayPrefix, key.slice(0, 9));
    assert.deepEqual(hash, hashApiKey(key));
    assert.equal(hash.length, 32);
    assert.notEqual(generateApiKey().key, generateApiKey().key);
  });

  it('reject strings that cannot be keys', () => {
    assert.ok(looksLikeApiKey(generateApiKey().key));
    assert.ok(!looksLikeApiKey('sk_short'));
    assert.ok(!looksLikeApiKey(`pk_${'a'.repeat(43)}`));
    assert.ok(!looksLikeApiKey(`${generateApiKey().key} `));
  });

  it('are read from an Authorization: Bearer header', () => {
    assert.equal(bearerToken('Bearer abc'), 'abc');
    assert.equal(bearerToken('bearer   abc  '), 'abc');
    assert.equal(bearerToken('Basic abc'), undefined);
    assert.equal(bearerToken('Bearer a b'), undefined);
    assert.equal(bearerToken(undefined), undefined);
  });

  it('allow what their scope says: full everything, read GET only, ingest publishing only', () => {
    const requests = [
      ['GET', '/endpoints'],
      ['POST', '/endpoints'],
      ['DELETE', '/api-keys/key_1'],
      ['POST', '/events'],
      ['POST', '/events/batch/'],
      ['GET', '/events'],
      ['POST', '/deliveries/dlv_1/resend'],
      ['POST', '/api-keys'],
    ] as const;
    const allowed = (scope: 'full' | 'read' | 'ingest') => requests.filter(([method, path]) => scopeAllows(scope, method, path));
    assert.deepEqual(allowed('full'), requests);
    assert.deepEqual(allowed('read'), [requests[0], requests[5]]);
    assert.deepEqual(allowed('ingest'), [requests[3], requests[4]]);
    assert.ok(!scopeAllows('ingest', 'POST', '/events/evt_1'), 'only the publishing routes');
    assert.ok(scopeAllows('read', 'HEAD', '/endpoints'));
  });
});
