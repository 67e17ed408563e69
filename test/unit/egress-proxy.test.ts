import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifySendError } from '../../activities/http-send';
import { ConfigError, loadConfig } from '../../src/config';
import { connectRequest, parseConnectAnswer, parseProxyUrl, type EgressProxy } from '../../src/egress/proxy';

describe('the egress proxy setting', () => {
  it('reads host, port and Basic credentials (decoded) from the URL, and prints none of them', () => {
    const proxy = parseProxyUrl('http://us%40er:p%3Ass@proxy.internal:3128') as EgressProxy;
    assert.equal(proxy.host, 'proxy.internal');
    assert.equal(proxy.port, 3128);
    assert.equal(proxy.authorization, `Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
    assert.equal(proxy.display, 'http://proxy.internal:3128 (with credentials)');
    assert.deepEqual(parseProxyUrl('http://[::1]:8888'), { host: '::1', port: 8888, display: 'http://[::1]:8888' });
    assert.equal((parseProxyUrl('http://proxy') as EgressProxy).port, 80);
  });

  it('refuses what is not an http proxy URL, without quoting it', () => {
    for (const text of ['socks5://u:secret@proxy:1080', 'https://u:secret@proxy:443', 'proxy:3128', 'http://u:secret@proxy:3128/path', 'http://u:secret@proxy:3128/?q']) {
      const parsed = parseProxyUrl(text);
      assert.ok('error' in parsed, text);
      assert.ok(!parsed.error.includes('secret'), parsed.error);
    }
    assert.throws(() => loadConfig({ SWITCHYARD_EGRESS_PROXY: 'socks5://u:hunter2@proxy:1080' }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /SWITCHYARD_EGRESS_PROXY: must be an http:\/\/ proxy URL/);
      assert.ok(!error.message.includes('hunter2'));
      return true;
    });
    assert.equal(loadConfig({}).egressProxy, undefined);
  });

  it('asks for a tunnel to an address, in brackets for IPv6, with the credentials when there are some', () => {
    const proxy = parseProxyUrl('http://u:p@proxy:3128') as EgressProxy;
    assert.equal(connectRequest(proxy, '203.0.113.7', 443), `CONNECT 203.0.113.7:443 HTTP/1.1\r\nHost: 203.0.113.7:443\r\nProxy-Authorization: ${proxy.authorization}\r\n\r\n`);
    assert.equal(connectRequest(parseProxyUrl('http://proxy:3128') as EgressProxy, '2001:db8::1', 8443), 'CONNECT [2001:db8::1]:8443 HTTP/1.1\r\nHost: [2001:db8::1]:8443\r\n\r\n');
  });

  it("reads the proxy's answer once its head is whole, and says where the tunnel's bytes begin", () => {
    assert.equal(parseConnectAnswer(Buffer.from('HTTP/1.1 200 Connection established\r\n')), undefined);
    assert.deepEqual(parseConnectAnswer(Buffer.from('HTTP/1.1 200 Connection established\r\n\r\n')), { status: 200, reason: 'Connection established', headBytes: 39 });
    const withBytes = Buffer.from('HTTP/1.0 200 OK\r\nProxy-Agent: x\r\n\r\n\u0016\u0003');
    assert.equal(parseConnectAnswer(withBytes)!.headBytes, withBytes.length - 2);
    assert.deepEqual(parseConnectAnswer(Buffer.from('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n')), { status: 407, reason: 'Proxy Authentication Required', headBytes: 46 });
    assert.equal(parseConnectAnswer(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'))!.status, 0);
  });

  it("classes a proxy's refusal and a certificate nobody vouches for", () => {
    assert.equal(classifySendError(Object.assign(new Error('answered 407'), { code: 'PROXY_REFUSED' })).errorClass, 'proxy');
    for (const code of ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA']) {
      assert.equal(classifySendError(Object.assign(new Error('tls'), { code })).errorClass, 'tls', code);
    }
  });
});
