import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { frameAncestorsDirective } from '../../src/portal/session';
import { cookieHash, csrfToken, signLinkToken, verifyLinkToken } from '../../src/portal/tokens';

const key = (id: string) => ({ id, key: crypto.randomBytes(32) });

test('a link token names its session under the key that signed it, and nothing once altered', () => {
  const current = key('current');
  const older = key('older');
  const token = signLinkToken(current, 'pss_01ABC');
  assert.equal(verifyLinkToken([current, older], token), 'pss_01ABC');
  assert.equal(verifyLinkToken([older, current], signLinkToken(older, 'pss_02')), 'pss_02', 'an older key still verifies what it signed');
  assert.equal(verifyLinkToken([older], token), undefined, 'an unknown key id');
  assert.equal(verifyLinkToken([{ id: 'current', key: crypto.randomBytes(32) }], token), undefined, 'the same id with other material');
  const [version, keyId, , mac] = token.split(':');
  for (const altered of [
    [version, keyId, 'pss_01ABD', mac].join(':'),
    [version, keyId, 'pss_01ABC', `${mac!.slice(0, -1)}${mac!.endsWith('A') ? 'B' : 'A'}`].join(':'),
    ['v2', keyId, 'pss_01ABC', mac].join(':'),
    `${token}:extra`,
    '',
    'v1:current',
  ]) {
    assert.equal(verifyLinkToken([current], altered), undefined, altered);
  }
});

test('cookie hashes and CSRF tokens are fixed by the cookie and differ between cookies', () => {
  assert.deepEqual(cookieHash('a'), cookieHash('a'));
  assert.notDeepEqual(cookieHash('a'), cookieHash('b'));
  assert.equal(csrfToken('a'), csrfToken('a'));
  assert.notEqual(csrfToken('a'), csrfToken('b'));
  assert.notEqual(csrfToken('a'), cookieHash('a').toString('base64url'), 'the CSRF token is not the stored hash');
});

test('frame-ancestors holds the allowed origins, and none that could end the directive', () => {
  assert.equal(frameAncestorsDirective([]), "frame-ancestors 'none'");
  assert.equal(frameAncestorsDirective(['https://app.example.com', 'https://*.example.org:8443']), 'frame-ancestors https://app.example.com https://*.example.org:8443');
  assert.equal(frameAncestorsDirective(["https://a.example.com; script-src 'unsafe-inline'", 'https://b.example.com']), 'frame-ancestors https://b.example.com');
});
