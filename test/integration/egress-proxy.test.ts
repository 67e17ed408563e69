/**
 * The egress proxy (SWITCHYARD_EGRESS_PROXY) against a real forward proxy: Debian's tinyproxy on
 * loopback, asking for credentials and connecting out from 127.0.0.2, so a receiver tells a
 * request that came through it by its peer address. Every packet stays on loopback: names are
 * answered by the tests' own resolver, and a blocked address is only ever an answer, never
 * connected to.
 */
import assert from 'node:assert/strict';
import type dns from 'node:dns';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createHttpSender, type Resolve } from '../../activities/http-send';
import { createEgressPolicy } from '../../src/egress/address-policy';
import { parseProxyUrl, type EgressProxy } from '../../src/egress/proxy';
import { startLocalProxy, type LocalProxy } from '../../src/stack/tinyproxy';
import { newCertificateAuthority, type CertificateAuthority } from '../support/certificates';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { client } from '../support/api';
import { startReceiver, type Receiver } from '../support/receiver';
import { freePort } from '../support/services';

const PROXY_PEER = '127.0.0.2';

/** A resolver with fixed answers, counting the questions. */
function fixedResolver(answers: Record<string, string>): Resolve & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (hostname: string): Promise<dns.LookupAddress[]> => {
    asked.push(hostname);
    const address = answers[hostname];
    if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
  return Object.assign(resolve, { asked });
}

const proxyOf = (url: string): EgressProxy => {
  const parsed = parseProxyUrl(url);
  assert.ok(!('error' in parsed), 'error' in parsed ? parsed.error : '');
  return parsed;
};

/** The CONNECT lines tinyproxy has logged so far. */
const tunnels = (proxy: LocalProxy) => fs.readFileSync(proxy.accessLog, 'utf8').split('\n').filter((line) => /Request \(file descriptor \d+\): CONNECT /.test(line));

const post = (url: string) => ({ url, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"through":"proxy"}'), timeoutMs: 5_000 });

describe('the egress proxy', () => {
  let proxy: LocalProxy;
  let receiver: Receiver;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-proxy-'));

  before(async () => {
    proxy = await startLocalProxy({ dataDir, port: await freePort(), outgoingAddress: PROXY_PEER, user: 'switchyard', password: 'proxy-pass-1' });
    receiver = await startReceiver();
  });
  after(async () => {
    await receiver?.close();
    await proxy?.stop();
  });

  it('sends through a CONNECT tunnel to the address the gateway resolved: the receiver sees the proxy as its peer, and the proxy logs the tunnel', async () => {
    const port = new URL(receiver.url).port;
    const resolve = fixedResolver({ 'receiver.test': '127.0.0.1' });
    const send = createHttpSender(createEgressPolicy(['127.0.0.0/8']), { resolve, proxy: proxyOf(proxy.url) });
    const before = tunnels(proxy).length;

    const result = await send(post(`http://receiver.test:${port}/through`));
    assert.ok(result.ok && result.statusCode === 200, JSON.stringify(result));
    const [request] = await receiver.waitFor('/through', 1);
    assert.equal(request!.peer, PROXY_PEER, 'the connection came from the proxy');
    assert.equal(request!.headers.host, `receiver.test:${port}`, 'the request still names the endpoint');
    assert.deepEqual(resolve.asked, ['receiver.test'], 'the gateway resolved the name');
    const logged = tunnels(proxy).slice(before);
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, new RegExp(`CONNECT 127\\.0\\.0\\.1:${port} `), 'the proxy was asked for the address, not the name');
  });

  it('keeps the egress policy on the destination: a name that resolves to a blocked address is refused before the proxy is asked', async () => {
    const resolve = fixedResolver({ 'internal.test': '10.1.2.3' });
    const send = createHttpSender(createEgressPolicy(['127.0.0.0/8']), { resolve, proxy: proxyOf(proxy.url) });
    const before = tunnels(proxy).length;
    const result = await send(post('http://internal.test:8080/secret'));
    assert.ok(!result.ok);
    assert.equal(result.errorClass, 'egress_blocked');
    assert.ok(!result.error.includes('10.1.2.3'), 'the resolved address is not told');
    const literal = await send(post('http://169.254.169.254/latest/meta-data'));
    assert.ok(!literal.ok && literal.errorClass === 'egress_blocked');
    assert.equal(tunnels(proxy).length, before, 'the proxy was never asked');
  });

  // tinyproxy answers a CONNECT with wrong credentials 401, where RFC 9110 says 407.
  it("records the proxy's refusal as a proxy error: wrong credentials give its 401 or 407", async () => {
    const wrong = proxy.url.replace('proxy-pass-1', 'wrong-pass');
    const send = createHttpSender(createEgressPolicy(['127.0.0.0/8']), { proxy: proxyOf(wrong) });
    const result = await send(post(`${receiver.url}/refused`));
    assert.ok(!result.ok);
    assert.equal(result.errorClass, 'proxy');
    assert.match(result.error, /answered the tunnel request with 40[17] /);
    assert.ok(!result.error.includes('wrong-pass'), 'no credentials in the error');
    assert.equal(receiver.received.filter((r) => r.path === '/refused').length, 0);
  });

  describe('https through the tunnel', () => {
    let ca: CertificateAuthority;
    let server: https.Server;
    let seenFrom: string[];

    before(async () => {
      ca = await newCertificateAuthority('Switchyard test CA');
      const identity = await ca.issue({ commonName: 'secure.test', dnsNames: ['secure.test'] });
      seenFrom = [];
      server = https.createServer({ ...identity }, (req, res) => {
        seenFrom.push(req.socket.remoteAddress ?? '');
        req.resume();
        req.on('end', () => res.end('secure'));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    after(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

    it("runs TLS end to end inside the tunnel, checking the endpoint's certificate against its name", async () => {
      const { port } = server.address() as AddressInfo;
      const resolve = fixedResolver({ 'secure.test': '127.0.0.1', 'other.test': '127.0.0.1' });
      const send = createHttpSender(createEgressPolicy(['127.0.0.0/8']), { resolve, proxy: proxyOf(proxy.url) });
      const route = { key: 'test-ca', tls: { ca: ca.cert } };

      const result = await send({ ...post(`https://secure.test:${port}/hook`), route });
      assert.ok(result.ok && result.statusCode === 200 && result.body === 'secure', JSON.stringify(result));
      assert.deepEqual(seenFrom, [PROXY_PEER]);

      const misnamed = await send({ ...post(`https://other.test:${port}/hook`), route });
      assert.ok(!misnamed.ok && misnamed.errorClass === 'tls', `a certificate for another name is refused: ${JSON.stringify(misnamed)}`);
      const untrusted = await send(post(`https://secure.test:${port}/hook`));
      assert.ok(!untrusted.ok && untrusted.errorClass === 'tls', `an authority the system does not trust is refused: ${JSON.stringify(untrusted)}`);
      assert.equal(seenFrom.length, 1, 'neither refused attempt got a request through');
    });
  });

  describe('a whole delivery, with the worker configured by SWITCHYARD_EGRESS_PROXY', () => {
    let stack: DeliveryStack;
    before(async () => {
      stack = await startDeliveryStack({ SWITCHYARD_EGRESS_PROXY: proxy.url });
    });
    after(() => stack?.stop());

    it('delivers through the proxy and records the attempt as any other', async () => {
      const endpoint = await stack.endpoint('/proxied', { eventTypes: ['proxied.*'] });
      const accepted = await stack.project.http.post('/v1/events', { eventType: 'proxied.sent', payload: { n: 1 } });
      assert.equal(accepted.status, 202);
      const [request] = await stack.receiver.waitFor('/proxied', 1);
      assert.equal(request!.peer, PROXY_PEER);
      const delivery = await stack.settled(accepted.body.deliveries[0].id);
      assert.equal(delivery.status, 'succeeded');
      assert.equal(delivery.attempts[0].statusCode, 200);
      assert.equal(delivery.endpointId, endpoint.id);
      assert.ok(tunnels(proxy).some((line) => line.includes(`CONNECT 127.0.0.1:${new URL(stack.receiver.url).port} `)));
    });
  });

  describe("a project's own proxy, set by the operator", () => {
    let stack: DeliveryStack;
    before(async () => {
      stack = await startDeliveryStack();
    });
    after(() => stack?.stop());

    it("sends that project's deliveries through it from the next attempt on, shows it without credentials, and goes back to direct when unset", async () => {
      const admin = client(stack.test.api.url, stack.test.adminKey);
      await stack.endpoint('/per-project', { eventTypes: ['own.*'] });
      const deliver = async (n: number) => {
        assert.equal((await stack.project.http.post('/v1/events', { eventType: 'own.sent', payload: { n } })).status, 202);
        return (await stack.receiver.waitFor('/per-project', n))[n - 1]!;
      };
      assert.equal((await deliver(1)).peer, '127.0.0.1', 'straight out before');

      const set = await admin.patch(`/v1/projects/${stack.project.id}`, { egressProxy: proxy.url });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      assert.equal(set.body.egressProxy, `http://127.0.0.1:${new URL(proxy.url).port} (with credentials)`);
      assert.ok(!JSON.stringify((await admin.get(`/v1/projects/${stack.project.id}`)).body).includes('proxy-pass-1'), 'the password is never shown');
      const sealed = (await stack.test.db.query('SELECT egress_proxy FROM projects WHERE id = $1', [stack.project.id])).rows[0].egress_proxy;
      assert.match(sealed, /^enc:v1:/, 'stored sealed: the URL holds the credentials');
      assert.equal((await deliver(2)).peer, PROXY_PEER, 'through the project proxy');

      assert.equal((await admin.patch(`/v1/projects/${stack.project.id}`, { egressProxy: null })).body.egressProxy, null);
      assert.equal((await deliver(3)).peer, '127.0.0.1', 'straight out again');

      const refused = await admin.patch(`/v1/projects/${stack.project.id}`, { egressProxy: 'socks5://u:hunter2@proxy:1080' });
      assert.equal(refused.status, 400);
      assert.ok(!JSON.stringify(refused.body).includes('hunter2'));
      const stored = (await stack.test.db.query('SELECT egress_proxy FROM projects WHERE id = $1', [stack.project.id])).rows[0];
      assert.equal(stored.egress_proxy, null);
    });
  });
});
