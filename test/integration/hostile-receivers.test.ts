/**
 * Receivers that misbehave, on the real stack: each attempt ends within the endpoint's timeout,
 * reads at most 64 KiB of any answer, and is recorded with a class that says what went wrong;
 * and an endpoint that hangs holds at most DELIVERY_ENDPOINT_CONCURRENCY of the worker's attempt
 * slots, so other endpoints' deliveries go on while it hangs.
 */
import assert from 'node:assert/strict';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { MAX_RESPONSE_BODY_BYTES } from '../../activities/http-send';
import { newCertificateAuthority } from '../support/certificates';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { misbehaviours, startHostileReceiver, type HostileReceiver, type Misbehaviour } from '../support/hostile-receivers';
import { eventually } from '../support/receiver';

const CONCURRENCY = 4;

describe('hostile receivers', () => {
  let stack: DeliveryStack;
  const receivers: HostileReceiver[] = [];
  let tlsServer: https.Server | undefined;
  before(async () => {
    stack = await startDeliveryStack({ DELIVERY_ENDPOINT_CONCURRENCY: String(CONCURRENCY) });
  });
  after(async () => {
    await Promise.all(receivers.map((receiver) => receiver.close()));
    tlsServer?.closeAllConnections();
    tlsServer?.close();
    await stack?.stop();
  });

  const hostile = async (misbehave: Misbehaviour, options?: { atOnce?: boolean }) => {
    const receiver = await startHostileReceiver(misbehave, options);
    receivers.push(receiver);
    return receiver;
  };

  /** An endpoint for events of `type`: one attempt of at most 2 s, unless `extra` says otherwise. */
  const endpointAt = async (url: string, type: string, extra: Record<string, unknown> = {}) => {
    const created = await stack.project.http.post('/v1/endpoints', { url, eventTypes: [type], timeoutMs: 2_000, retrySchedule: [], ...extra });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body;
  };

  /** Posts one event of `type` (to its one endpoint) and waits for the delivery to settle. */
  const deliverOne = async (type: string) => {
    const accepted = await stack.project.http.post('/v1/events', { eventType: type, payload: { type } });
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    return stack.settled(accepted.body.deliveries[0].id, ['succeeded', 'failed']);
  };

  it('cuts off a receiver that never answers, or answers a byte a second, at the timeout', async () => {
    const silent = await hostile(misbehaviours.silent());
    const trickle = await hostile(misbehaviours.trickle());
    await endpointAt(`${silent.url}/`, 'silent.one');
    await endpointAt(`${trickle.url}/`, 'trickle.one');
    const [quiet, slow] = await Promise.all([deliverOne('silent.one'), deliverOne('trickle.one')]);
    for (const delivery of [quiet, slow]) {
      assert.equal(delivery.status, 'failed');
      assert.equal(delivery.attempts.length, 1);
      assert.equal(delivery.attempts[0].errorClass, 'timeout');
      assert.equal(delivery.attempts[0].statusCode, null, 'no status line came whole');
    }
    // The gateway hung up: the receivers hold no connection, and the trickle got a few bytes out.
    await eventually('the hostile connections to close', async () => (silent.open === 0 && trickle.open === 0 ? true : undefined));
    assert.ok(trickle.bytesWritten <= 5, `${trickle.bytesWritten} bytes trickled`);
  });

  it('fails an answer that breaks off, keeping the status that came: a reset mid-body, malformed chunks', async () => {
    const reset = await hostile(misbehaviours.resetMidBody());
    const malformed = await hostile(misbehaviours.badChunks());
    await endpointAt(`${reset.url}/`, 'reset.one');
    await endpointAt(`${malformed.url}/`, 'chunks.one');
    const [cut, garbled] = await Promise.all([deliverOne('reset.one'), deliverOne('chunks.one')]);
    assert.equal(cut.status, 'failed', 'a 200 whose body broke off is not taken as delivered');
    assert.equal(cut.attempts[0].statusCode, 200);
    assert.equal(cut.attempts[0].errorClass, 'connection_reset');
    assert.match(cut.statusReason, /HTTP 200 cut short by connection_reset/);
    assert.equal(garbled.status, 'failed');
    assert.equal(garbled.attempts[0].statusCode, 200);
    assert.equal(garbled.attempts[0].errorClass, 'invalid_response');
    assert.match(garbled.attempts[0].error, /chunk size/);
  });

  it('reads 64 KiB of an endless answer and hangs up: a 1 GiB body, endless chunks', async () => {
    const gigabyte = await hostile(misbehaviours.gigabyte());
    const endless = await hostile(misbehaviours.endlessChunks());
    await endpointAt(`${gigabyte.url}/`, 'gigabyte.one');
    await endpointAt(`${endless.url}/`, 'endless.one');
    const [big, forever] = await Promise.all([deliverOne('gigabyte.one'), deliverOne('endless.one')]);
    for (const delivery of [big, forever]) {
      assert.equal(delivery.status, 'succeeded', 'the status line and 64 KiB of the body are the answer');
      assert.equal(delivery.attempts[0].responseBody.length, MAX_RESPONSE_BODY_BYTES);
    }
    await eventually('both receivers to be cut off', async () => (gigabyte.cutOff === 1 && endless.cutOff === 1 ? true : undefined));
    // What the receivers got out before the gateway hung up: 64 KiB read, and socket buffers.
    for (const receiver of [gigabyte, endless]) assert.ok(receiver.bytesWritten < 16 * 1024 * 1024, `${receiver.bytesWritten} bytes written`);
  });

  it('records a redirect as the answer and follows none, even one that loops', async () => {
    stack.receiver.script('/loop', [{ status: 302, headers: { location: '/loop' } }]);
    await endpointAt(`${stack.receiver.url}/loop`, 'loop.one', { retrySchedule: ['1s'] });
    const delivery = await deliverOne('loop.one');
    assert.equal(delivery.status, 'failed');
    assert.deepEqual(
      delivery.attempts.map((attempt: { statusCode: number }) => attempt.statusCode),
      [302, 302],
    );
    assert.equal(stack.receiver.received.filter((request) => request.path === '/loop').length, 2, 'one request per attempt');
  });

  it('names a failed TLS handshake and an expired certificate as tls', async () => {
    const plain = await hostile(misbehaviours.notTls(), { atOnce: true });
    const ca = await newCertificateAuthority('Hostile CA');
    const expired = await ca.issue({ commonName: 'localhost', dnsNames: ['localhost'], expired: true });
    tlsServer = https.createServer(expired, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => tlsServer!.listen(0, '127.0.0.1', resolve));
    const { port } = tlsServer.address() as AddressInfo;
    await endpointAt(`https://127.0.0.1:${plain.url.split(':').at(-1)}/`, 'handshake.one');
    await endpointAt(`https://localhost:${port}/`, 'expired.one', { tls: { ca: ca.cert } });
    const [handshake, stale] = await Promise.all([deliverOne('handshake.one'), deliverOne('expired.one')]);
    assert.equal(handshake.attempts[0].errorClass, 'tls');
    assert.equal(stale.attempts[0].errorClass, 'tls');
    assert.match(stale.attempts[0].error, /CERT_HAS_EXPIRED/);
  });

  it('takes a 2xx that comes after the timeout as a timeout, and delivers again with the same webhook-id', async () => {
    stack.receiver.script('/late', [{ status: 200, delayMs: 3_000 }, { status: 200 }]);
    await endpointAt(`${stack.receiver.url}/late`, 'late.one', { timeoutMs: 1_000, retrySchedule: ['1s'] });
    const delivery = await deliverOne('late.one');
    assert.equal(delivery.status, 'succeeded');
    assert.deepEqual(
      delivery.attempts.map((attempt: { errorClass: string | null; statusCode: number | null }) => [attempt.errorClass, attempt.statusCode]),
      [
        ['timeout', null],
        [null, 200],
      ],
    );
    const requests = await stack.receiver.waitFor('/late', 2);
    assert.equal(requests[0]!.headers['webhook-id'], requests[1]!.headers['webhook-id'], 'the receiver can tell the second for a repeat');
  });

  it('keeps other endpoints prompt while one hangs: the hanging one holds at most DELIVERY_ENDPOINT_CONCURRENCY attempts', async () => {
    const hang = await hostile(misbehaviours.silent());
    await endpointAt(`${hang.url}/`, 'hang.one', { timeoutMs: 60_000 });
    const stuck = await stack.project.http.post('/v1/events/batch', { events: Array.from({ length: 3 * CONCURRENCY }, (_, i) => ({ eventType: 'hang.one', payload: { i } })) });
    assert.equal(stuck.status, 202, JSON.stringify(stuck.body));
    await eventually(`${CONCURRENCY} attempts to hang`, async () => (hang.open === CONCURRENCY ? true : undefined));

    await stack.endpoint('/calm', { eventTypes: ['calm.*'] });
    const calm = await stack.project.http.post('/v1/events/batch', { events: Array.from({ length: 10 }, (_, i) => ({ eventType: 'calm.one', payload: { i } })) });
    assert.equal(calm.status, 202, JSON.stringify(calm.body));
    const delivered = await Promise.all(calm.body.data.map((event: { deliveries: { id: string }[] }) => stack.settled(event.deliveries[0]!.id)));
    assert.deepEqual(
      delivered.map((delivery) => delivery.status),
      Array(10).fill('succeeded'),
    );
    // All of that while the hanging endpoint's attempts still hang, no more of them than the cap.
    assert.equal(hang.open, CONCURRENCY);
    assert.equal(hang.mostOpen, CONCURRENCY);
    assert.equal(hang.connections, CONCURRENCY);
  });
});
