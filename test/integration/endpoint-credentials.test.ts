/**
 * What an endpoint proves besides the signature, end to end on the real stack: mutual TLS against
 * a loopback HTTPS receiver that demands client certificates (made by the test with openssl), and
 * the endpoint's own authentication (basic, bearer, and OAuth 2.0 client credentials from a
 * loopback token server). Credentials are write-only: answers describe them, never show them.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { newCertificateAuthority, startOpensslServer, type CertificateAuthority, type Pem } from '../support/certificates';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { freePort } from '../support/services';

const listen = async (server: http.Server | https.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};
const close = (server: http.Server | https.Server | undefined) => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

describe('endpoint credentials', () => {
  let stack: DeliveryStack;
  before(async () => {
    stack = await startDeliveryStack();
  });
  after(() => stack?.stop());

  /** Posts one event of `type` and waits for its one delivery to settle. */
  const deliverOne = async (type: string) => {
    const accepted = await stack.project.http.post('/v1/events', { eventType: type, payload: { type } });
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    assert.equal(accepted.body.deliveries.length, 1);
    return stack.settled(accepted.body.deliveries[0].id, ['succeeded', 'failed']);
  };

  describe('mutual TLS', () => {
    let serverCa: CertificateAuthority;
    let clientCa: CertificateAuthority;
    let client: Pem;
    let stranger: Pem;
    let server: https.Server;
    let port: number;
    let openssl: { stop(): Promise<void> };
    let opensslPort: number;
    const seen: string[] = [];

    before(async () => {
      serverCa = await newCertificateAuthority('Receiver CA');
      clientCa = await newCertificateAuthority('Client CA');
      client = await clientCa.issue({ commonName: 'switchyard-client', client: true });
      stranger = await (await newCertificateAuthority('Other CA')).issue({ commonName: 'stranger', client: true });
      const identity = await serverCa.issue({ commonName: 'localhost', dnsNames: ['localhost'] });
      server = https.createServer({ ...identity, ca: clientCa.cert, requestCert: true, rejectUnauthorized: true }, (req, res) => {
        seen.push(String((req.socket as TLSSocket).getPeerCertificate().subject.CN));
        req.resume();
        req.on('end', () => res.end('ok'));
      });
      port = await listen(server);
      opensslPort = await freePort();
      openssl = await startOpensslServer(identity, clientCa, opensslPort);
    });
    after(async () => {
      await close(server);
      await openssl?.stop();
    });

    // The refusals come from OpenSSL's server, which says why in a TLS alert; Node's own server drops the connection without one.
    it('presents the endpoint\'s certificate: the right one passes; none, or one the receiver does not trust, is an attempt failed with the tls error class', async () => {
      const url = `https://localhost:${port}/mtls`;
      const refusing = `https://localhost:${opensslPort}/mtls`;
      const right = await stack.endpoint('', { url, eventTypes: ['mtls.right'], retrySchedule: [], tls: { certificate: client.cert, key: client.key, ca: serverCa.cert } });
      await stack.endpoint('', { url: refusing, eventTypes: ['mtls.none'], retrySchedule: [], tls: { ca: serverCa.cert } });
      await stack.endpoint('', { url: refusing, eventTypes: ['mtls.wrong'], retrySchedule: [], tls: { certificate: stranger.cert, key: stranger.key, ca: serverCa.cert } });

      const passed = await deliverOne('mtls.right');
      assert.equal(passed.status, 'succeeded', JSON.stringify(passed.attempts));
      assert.deepEqual(seen, ['switchyard-client']);
      for (const type of ['mtls.none', 'mtls.wrong']) {
        const failed = await deliverOne(type);
        assert.equal(failed.status, 'failed');
        assert.equal(failed.attempts[0].statusCode, null);
        assert.equal(failed.attempts[0].errorClass, 'tls', `${type}: ${failed.attempts[0].error}`);
        assert.match(failed.attempts[0].error, type === 'mtls.none' ? /CERTIFICATE_REQUIRED/ : /UNKNOWN_CA/);
      }

      const shown = (await stack.project.http.get(`/v1/endpoints/${right.id}`)).body;
      assert.equal(shown.tls.certificate.subject, 'CN=switchyard-client');
      assert.equal(shown.tls.customCa, true);
      assert.match(shown.tls.certificate.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      assert.ok(!JSON.stringify(shown).includes('PRIVATE KEY') && !JSON.stringify(right).includes('PRIVATE KEY'), 'the key is never shown');
    });

    it('refuses a key that is not the certificate\'s, or a certificate without its key, with a 400 that does not quote the key', async () => {
      const mismatched = await stack.project.http.post('/v1/endpoints', { url: 'https://example.com/x', tls: { certificate: client.cert, key: stranger.key } });
      assert.equal(mismatched.status, 400);
      assert.equal(mismatched.body.error.code, 'invalid_request');
      assert.deepEqual(mismatched.body.error.details.map((d: { path: string }) => d.path), ['tls.key']);
      assert.ok(!JSON.stringify(mismatched.body).includes('PRIVATE KEY'));
      const alone = await stack.project.http.post('/v1/endpoints', { url: 'https://example.com/x', tls: { certificate: client.cert } });
      assert.equal(alone.status, 400);
    });
  });

  describe('authentication', () => {
    let tokenServer: http.Server;
    let tokenUrl: string;
    const tokenRequests: { authorization: string; body: string }[] = [];
    let issued = 0;

    before(async () => {
      tokenServer = http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
          tokenRequests.push({ authorization: req.headers.authorization ?? '', body });
          const [id, secret] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':');
          if (id !== 'gateway' || secret !== 'client-secret-1' || !body.includes('grant_type=client_credentials')) {
            res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}');
            return;
          }
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `tok-${++issued}`, token_type: 'Bearer', expires_in: 3600 }));
        });
      });
      tokenUrl = `http://127.0.0.1:${await listen(tokenServer)}/oauth/token`;
    });
    after(() => close(tokenServer));

    it('sends basic and bearer credentials as Authorization, keeps them out of the attempt log and out of answers', async () => {
      const basic = await stack.endpoint('/auth/basic', { eventTypes: ['auth.basic'], auth: { type: 'basic', username: 'hooks', password: 'pa55-word' } });
      const bearer = await stack.endpoint('/auth/bearer', { eventTypes: ['auth.bearer'], auth: { type: 'bearer', token: 'static-token-9' } });
      const basicDelivery = await deliverOne('auth.basic');
      await deliverOne('auth.bearer');
      const [basicRequest] = await stack.receiver.waitFor('/auth/basic', 1);
      const [bearerRequest] = await stack.receiver.waitFor('/auth/bearer', 1);
      assert.equal(basicRequest!.headers.authorization, `Basic ${Buffer.from('hooks:pa55-word').toString('base64')}`);
      assert.equal(bearerRequest!.headers.authorization, 'Bearer static-token-9');
      assert.ok(!JSON.stringify(basicDelivery).includes('pa55-word') && !JSON.stringify(basicDelivery).includes(Buffer.from('hooks:pa55-word').toString('base64')));
      assert.equal(basicDelivery.attempts[0].requestHeaders.authorization, '[redacted]', 'the log says the header was sent, not what it was');

      assert.deepEqual((await stack.project.http.get(`/v1/endpoints/${basic.id}`)).body.auth, { type: 'basic', username: 'hooks' });
      assert.deepEqual((await stack.project.http.get(`/v1/endpoints/${bearer.id}`)).body.auth, { type: 'bearer' });
      assert.ok(!JSON.stringify(basic).includes('pa55-word') && !JSON.stringify(bearer).includes('static-token-9'), 'not even at creation');
    });

    it('fetches an OAuth 2.0 token through the egress path, reuses it, and on a 401 retries once with a fresh one', async () => {
      const endpoint = await stack.endpoint('/auth/oauth', {
        eventTypes: ['auth.oauth'],
        auth: { type: 'oauth2', tokenUrl, clientId: 'gateway', clientSecret: 'client-secret-1', scope: 'webhooks:write' },
      });
      // The receiver takes the first token, then (as if it had been revoked) refuses it once.
      stack.receiver.script('/auth/oauth', [{ status: 200 }, { status: 401 }, { status: 200 }]);
      const before = tokenRequests.length;

      assert.equal((await deliverOne('auth.oauth')).status, 'succeeded');
      const second = await deliverOne('auth.oauth');
      assert.equal(second.status, 'succeeded');
      assert.equal(second.attempts.length, 1, 'the retry with a fresh token is part of the one attempt');
      const received = await stack.receiver.waitFor('/auth/oauth', 3);
      assert.deepEqual(received.map((r) => r.headers.authorization), [`Bearer tok-${issued - 1}`, `Bearer tok-${issued - 1}`, `Bearer tok-${issued}`]);
      const asked = tokenRequests.slice(before);
      assert.equal(asked.length, 2, 'one token for the first two requests, a fresh one after the 401');
      assert.equal(asked[0]!.authorization, `Basic ${Buffer.from('gateway:client-secret-1').toString('base64')}`);
      assert.equal(new URLSearchParams(asked[0]!.body).get('scope'), 'webhooks:write');
      assert.ok(!JSON.stringify(second).includes('tok-'), 'tokens stay out of the attempt log');

      assert.deepEqual((await stack.project.http.get(`/v1/endpoints/${endpoint.id}`)).body.auth, { type: 'oauth2', tokenUrl, clientId: 'gateway', scope: 'webhooks:write', audience: null });
    });

    it('records a failed token request as an auth failure, and sends nothing to the endpoint', async () => {
      await stack.endpoint('/auth/refused', { eventTypes: ['auth.refused'], retrySchedule: [], auth: { type: 'oauth2', tokenUrl, clientId: 'gateway', clientSecret: 'wrong-secret' } });
      const failed = await deliverOne('auth.refused');
      assert.equal(failed.status, 'failed');
      assert.equal(failed.attempts[0].errorClass, 'auth');
      assert.match(failed.attempts[0].error, /token endpoint answered 401/);
      assert.ok(!failed.attempts[0].error.includes('wrong-secret'));
      assert.equal(stack.receiver.received.filter((r) => r.path === '/auth/refused').length, 0);
    });

    it('checks the token URL against the egress policy when the endpoint is made', async () => {
      const refused = await stack.project.http.post('/v1/endpoints', {
        url: 'https://example.com/hook',
        auth: { type: 'oauth2', tokenUrl: 'http://10.0.0.1/token', clientId: 'a', clientSecret: 'b' },
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.code, 'address_not_allowed');
      assert.deepEqual(refused.body.error.details.map((d: { path: string }) => d.path), ['auth.tokenUrl']);
    });
  });
});
