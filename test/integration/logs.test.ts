/**
 * The gateway's logs as an operator's collector reads them: `switchyard serve` (what `dev` runs)
 * at debug, through deliveries that succeed and fail, inbound webhooks verified and forged, and
 * the creation and rotation of keys and secrets. Every line is a JSON object; lines about a
 * delivery carry its ids; no line holds a secret or a payload.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../../src/config';
import { client } from '../support/api';
import { eventually, startReceiver, type Receiver } from '../support/receiver';
import { logEntry, uniqueName } from '../support/services';

describe('logs', () => {
  let gateway: ChildProcess;
  let receiver: Receiver;
  let output = '';
  const adminKey = `admin_${crypto.randomBytes(24).toString('hex')}`;

  before(async () => {
    receiver = await startReceiver();
    gateway = spawn(process.execPath, [path.join(repoRoot, 'src', 'launcher.mjs'), 'serve'], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'debug', LOG_FORMAT: 'json', SWITCHYARD_ADMIN_KEY: adminKey, TEMPORAL_TASK_QUEUE: uniqueName('logs') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    gateway.stdout!.on('data', (chunk) => (output += chunk));
    gateway.stderr!.on('data', (chunk) => (output += chunk));
  });
  after(async () => {
    gateway?.kill('SIGTERM');
    await receiver?.close();
  });

  it('are JSON lines with the ids of the delivery they are about, and hold no secret or payload', async () => {
    const url = await eventually('the gateway to listen', async () => logEntry(output, 'API listening')?.url as string | undefined, 90_000);
    const admin = client(url, adminKey);
    const project = await admin.post('/v1/projects', { name: 'logs' });
    assert.equal(project.status, 201);
    const apiKey: string = project.body.apiKey;
    const http = client(url, apiKey);

    const headerSecret = `hdr-${crypto.randomBytes(8).toString('hex')}`;
    const good = await http.post('/v1/endpoints', { url: `${receiver.url}/good`, eventTypes: ['good.*'], headers: { authorization: `Bearer ${headerSecret}` } });
    const bad = await http.post('/v1/endpoints', { url: `${receiver.url}/bad`, eventTypes: ['bad.*'], retrySchedule: ['1s'] });
    assert.equal(good.status, 201);
    assert.equal(bad.status, 201);
    receiver.script('/bad', [{ status: 503 }]);
    const rotated = await http.post(`/v1/endpoints/${good.body.id}/rotate-secret`, {});
    assert.equal(rotated.status, 200);

    const marker = `payload-${crypto.randomBytes(8).toString('hex')}`;
    const delivered = await http.post('/v1/events', { eventType: 'good.one', payload: { marker } });
    const failing = await http.post('/v1/events', { eventType: 'bad.one', payload: { marker } });
    assert.equal(delivered.status, 202);
    assert.equal(failing.status, 202);

    const sourceSecret = `src-${crypto.randomBytes(8).toString('hex')}`;
    const source = await http.post('/v1/sources', { name: 'gh', provider: 'github', secrets: [sourceSecret], routes: [{ endpointIds: [good.body.id] }] });
    assert.equal(source.status, 201);
    const { sign } = await import('@octokit/webhooks-methods');
    const inboundBody = JSON.stringify({ zen: marker });
    const inbound = (signature: string) =>
      fetch(`${url}/in/${source.body.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': crypto.randomUUID(), 'x-hub-signature-256': signature },
        body: inboundBody,
      });
    assert.equal((await inbound(await sign(sourceSecret, inboundBody))).status, 202);
    assert.equal((await inbound(await sign('forged', inboundBody))).status, 401);

    await receiver.waitFor('/good', 2);
    const failedId = failing.body.deliveries[0].id;
    const failedLine = await eventually('the failed delivery to be logged', async () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line))
        .find((entry) => entry.msg === 'delivery failed' && entry.deliveryId === failedId),
    );

    const lines = output.split('\n').filter((line) => line.trim() !== '');
    const entries = lines.map((line) => {
      assert.doesNotThrow(() => JSON.parse(line), `not a JSON line: ${line}`);
      return JSON.parse(line);
    });
    assert.ok(entries.every((entry) => typeof entry.level === 'string' && typeof entry.time === 'string' && typeof entry.msg === 'string'));

    assert.equal(failedLine.eventId, failing.body.id);
    assert.equal(failedLine.endpointId, bad.body.id);
    assert.match(failedLine.workflowId, new RegExp(`^delivery/${failing.body.id}/${bad.body.id}`));
    assert.equal(failedLine.statusCode, 503);
    const attempt = entries.find((entry) => entry.msg === 'delivery attempt' && entry.deliveryId === delivered.body.deliveries[0].id);
    assert.ok(attempt, 'each attempt at debug');
    assert.deepEqual([attempt.eventId, attempt.endpointId, attempt.outcome, attempt.statusCode], [delivered.body.id, good.body.id, 'succeeded', 200]);
    assert.match(attempt.workflowId, /^delivery\//);

    const secrets = {
      apiKey,
      adminKey,
      headerSecret,
      endpointSecret: good.body.secret,
      rotatedSecret: rotated.body.secret,
      sourceSecret,
      marker,
    };
    for (const [what, secret] of Object.entries(secrets)) {
      assert.ok(typeof secret === 'string' && secret.length > 8, what);
      assert.ok(!output.includes(secret), `${what} appears in the logs`);
      // Secrets are also looked for without their prefix (whsec_...): the key material itself.
      const material = secret.replace(/^[a-z]+_/, '');
      assert.ok(!output.includes(material), `${what}'s key material appears in the logs`);
    }
  });
});
