/**
 * The egress policy where it acts: the HTTP send (literal addresses, and names through a resolver
 * that answers blocked addresses), the API at creation, and a whole delivery under the default
 * policy. Every packet stays on loopback: other ranges are only ever answered by the test's
 * resolver, and a tripwire destroys any socket whose lookup yields a non-loopback address before
 * it can connect.
 */
import assert from 'node:assert/strict';
import diagnostics from 'node:diagnostics_channel';
import type dns from 'node:dns';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createHttpSender, type Resolve } from '../../activities/http-send';
import { createNoticeActivities } from '../../activities/notices';
import { LOOPBACK_CIDRS, createEgressPolicy } from '../../src/egress/address-policy';
import { createEndpoint } from '../../src/endpoints/repository';
import { createEndpointSchema } from '../../src/endpoints/schema';
import { SECRET_PURPOSE, sealSecret } from '../../src/secrets/keyring';
import { generateSecret } from '../../src/signing/standard-webhooks';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';

/** A server on loopback that counts the connections it is offered. */
async function countingServer(host = '127.0.0.1') {
  let connections = 0;
  const server = http.createServer((_req, res) => res.end('ok'));
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Watches every client socket made while `work` runs: which connected, and which lookups
 * answered. A lookup that hands a socket anything but loopback destroys it on the spot, so a
 * broken guard fails the test without a packet leaving the machine.
 */
async function watchingSockets<T>(work: () => Promise<T>): Promise<{ result: T; connected: number; lookups: (string | Error)[] }> {
  let connected = 0;
  const lookups: (string | Error)[] = [];
  const loopback = createEgressPolicy(LOOPBACK_CIDRS);
  const onSocket = ({ socket }: { socket: Socket }) => {
    socket.on('lookup', (error: Error | null, address: string) => {
      lookups.push(error ?? address);
      if (!error && loopback.blockedRange(address) !== undefined) socket.destroy(new Error(`tripwire: a lookup answered ${address}`));
    });
    socket.on('connect', () => connected++);
  };
  diagnostics.subscribe('net.client.socket', onSocket as (message: unknown) => void);
  try {
    return { result: await work(), connected, lookups };
  } finally {
    diagnostics.unsubscribe('net.client.socket', onSocket as (message: unknown) => void);
  }
}

/** A resolver with fixed answers, counting the questions. */
function fixedResolver(answers: Record<string, string[]>): Resolve & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (hostname: string): Promise<dns.LookupAddress[]> => {
    asked.push(hostname);
    const addresses = answers[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { asked });
}

const body = Buffer.from('{}');
const post = (url: string) => ({ url, headers: { 'content-type': 'application/json' }, body, timeoutMs: 5_000 });

describe('the egress guard in the HTTP send', () => {
  it('refuses a literal loopback address under the default policy: no connection reaches the receiver', async () => {
    const server = await countingServer();
    try {
      const send = createHttpSender(createEgressPolicy([]));
      const watched = await watchingSockets(() => send(post(`http://127.0.0.1:${server.port}/hook`)));
      assert.equal(watched.result.ok, false);
      assert.equal(!watched.result.ok && watched.result.errorClass, 'egress_blocked');
      assert.match(!watched.result.ok ? watched.result.error : '', /loopback range.*no connection was made/);
      assert.equal(watched.connected, 0);
      assert.equal(server.connections(), 0);
    } finally {
      await server.close();
    }
  });

  it('refuses names that resolve only to blocked addresses, without connecting', async () => {
    const answers = {
      'metadata.test': ['169.254.169.254'],
      'private.test': ['10.0.0.7'],
      'cgnat.test': ['100.64.1.1'],
      'mapped.test': ['::ffff:10.0.0.7'],
      'nat64.test': ['64:ff9b::a9fe:a9fe'],
      'ula.test': ['fd00::1'],
      'sixtofour.test': ['2002:a00:7::1'],
      'loopback.test': ['127.0.0.1', '::1'],
    };
    const resolver = fixedResolver(answers);
    const send = createHttpSender(createEgressPolicy([]), { resolve: resolver });
    for (const host of Object.keys(answers)) {
      const watched = await watchingSockets(() => send(post(`http://${host}:8080/hook`)));
      assert.equal(!watched.result.ok && watched.result.errorClass, 'egress_blocked', `${host}: ${JSON.stringify(watched.result)}`);
      assert.match(!watched.result.ok ? watched.result.error : '', new RegExp(`^${host.replace('.', '\\.')} resolves only to blocked addresses`));
      assert.doesNotMatch(!watched.result.ok ? watched.result.error : '', /10\.0\.0\.7|169\.254|fd00/, 'the error does not name the addresses behind the name');
      assert.equal(watched.connected, 0, host);
      assert.ok(watched.lookups.length > 0 && watched.lookups.every((answer) => answer instanceof Error), `${host}: every lookup failed`);
    }
    assert.deepEqual(resolver.asked, Object.keys(answers));
  });

  it('connects to the allowed address of a name whose answer mixes allowed and blocked ones', async () => {
    const server = await countingServer();
    try {
      // 127.0.0.1 opened, 127.0.0.2 (also loopback, so nothing can leave the machine) left blocked.
      const resolver = fixedResolver({ 'mixed.test': ['127.0.0.2', '127.0.0.1'] });
      const send = createHttpSender(createEgressPolicy(['127.0.0.1/32']), { resolve: resolver });
      const watched = await watchingSockets(() => send(post(`http://mixed.test:${server.port}/hook`)));
      assert.equal(watched.result.ok && watched.result.statusCode, 200, JSON.stringify(watched.result));
      assert.deepEqual(watched.lookups, ['127.0.0.1']);
      assert.equal(server.connections(), 1);
    } finally {
      await server.close();
    }
  });

  it('checks the address at every connect, so a name that changes its answer cannot slip past', async () => {
    const server = await countingServer();
    try {
      let answer = '127.0.0.1';
      const resolve: Resolve = async () => [{ address: answer, family: 4 }];
      const send = createHttpSender(createEgressPolicy(['127.0.0.1/32']), { resolve });
      const first = await send({ ...post(`http://rebind.test:${server.port}/hook`), headers: { connection: 'close' } });
      assert.equal(first.ok && first.statusCode, 200);
      answer = '127.0.0.2'; // the rebinding: same name, now an address the policy blocks
      const second = await watchingSockets(() => send(post(`http://rebind.test:${server.port}/hook`)));
      assert.equal(!second.result.ok && second.result.errorClass, 'egress_blocked', JSON.stringify(second.result));
      assert.equal(second.connected, 0);
      assert.equal(server.connections(), 1);
    } finally {
      await server.close();
    }
  });
});

describe('the egress policy, end to end under the default policy', () => {
  let stack: DeliveryStack;
  before(async () => {
    // An empty allow-list: what production runs when SWITCHYARD_EGRESS_ALLOW is unset.
    stack = await startDeliveryStack({ SWITCHYARD_EGRESS_ALLOW: '' });
  });
  after(() => stack?.stop());

  it('refuses endpoint and operational webhook URLs that name a blocked address, and writes nothing', async () => {
    const urls = [
      'http://169.254.169.254/latest/meta-data/',
      'http://127.0.0.1:55432/',
      'http://[::ffff:127.0.0.1]:3000/',
      'http://2130706433:3000/',
      'http://localhost:3000/',
      `${stack.receiver.url}/direct`,
    ];
    for (const url of urls) {
      const created = await stack.project.http.post('/v1/endpoints', { url });
      assert.equal(created.status, 400, url);
      assert.equal(created.body.error.code, 'address_not_allowed', url);
      assert.equal(created.body.error.details[0].path, 'url');
    }
    assert.deepEqual((await stack.project.http.get('/v1/endpoints')).body.data, []);

    const kept = await stack.project.http.post('/v1/endpoints', { url: 'https://hooks.example.com/in' });
    assert.equal(kept.status, 201, 'a name is judged at connect time, not here');
    const moved = await stack.project.http.patch(`/v1/endpoints/${kept.body.id}`, { url: 'http://10.0.0.1/' });
    assert.equal(moved.body.error?.code, 'address_not_allowed');
    assert.equal((await stack.project.http.get(`/v1/endpoints/${kept.body.id}`)).body.url, 'https://hooks.example.com/in');
    await stack.project.http.delete(`/v1/endpoints/${kept.body.id}`);

    const ops = await stack.project.http.patch('/v1/project', { operationalWebhookUrl: 'http://[fd00::1]/ops' });
    assert.equal(ops.status, 400);
    assert.equal(ops.body.error.code, 'address_not_allowed');
    assert.equal((await stack.project.http.get('/v1/project')).body.operationalWebhookUrl, null);
  });

  it('records a stored endpoint on loopback as blocked, and the receiver stays untouched', async () => {
    // As if stored before the operator closed the policy: straight into the database.
    const endpoint = (await createEndpoint(stack.workerDb, stack.project.id, createEndpointSchema.parse({ url: `${stack.receiver.url}/stored`, eventTypes: ['egress.*'], retrySchedule: [] })))!;
    const accepted = await stack.project.http.post('/v1/events', { eventType: 'egress.test', payload: { n: 1 } });
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    const [delivery] = accepted.body.deliveries;
    assert.equal(delivery.endpointId, endpoint.id);
    const settled = await stack.settled(delivery.id);
    assert.equal(settled.status, 'failed');
    assert.equal(settled.attempts.length, 1);
    assert.equal(settled.attempts[0].errorClass, 'egress_blocked');
    assert.equal(settled.attempts[0].statusCode, null);
    assert.equal(stack.receiver.received.length, 0);
  });

  it('blocks the operational webhook the same way', async () => {
    const server = await countingServer();
    try {
      // As if stored before the operator closed the policy: straight into the database.
      await stack.workerDb.query('UPDATE projects SET operational_webhook_url = $2, operational_webhook_secret = $3 WHERE id = $1', [
        stack.project.id,
        `http://127.0.0.1:${server.port}/ops`,
        sealSecret(generateSecret(), SECRET_PURPOSE.noticeWebhookSecret),
      ]);
      const notices = createNoticeActivities({ db: stack.workerDb, send: createHttpSender(createEgressPolicy([])) });
      await assert.rejects(
        notices.sendNoticeWebhook({ id: 'ntc_egress', projectId: stack.project.id, type: 'endpoint.disabled', occurredAt: new Date().toISOString(), data: {} }),
        /could not be reached \(egress_blocked\)/,
      );
      assert.equal(server.connections(), 0);
    } finally {
      await server.close();
    }
  });
});
