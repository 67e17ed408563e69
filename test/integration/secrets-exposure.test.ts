/**
 * Every kind of secret Switchyard holds, put through a full run (deliveries that succeed, fail
 * and disable, a rotation, inbound webhooks genuine and forged, operational notices, refused
 * requests), then looked for where it must never be: the logs of the API and worker, every
 * Temporal history the run made, API answers after creation, and error answers.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config';
import { findEndpoint } from '../../src/endpoints/repository';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { eventually } from '../support/receiver';

/** What the process writes to stderr (the logger's home) and stdout while the test runs. */
function captureOutput(): { text(): string; stop(): void } {
  const chunks: string[] = [];
  const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const tap = (original: typeof process.stdout.write) =>
    ((chunk: unknown, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
  process.stdout.write = tap(originals.out);
  process.stderr.write = tap(originals.err);
  return {
    text: () => chunks.join(''),
    stop() {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    },
  };
}

/**
 * A history as text, every payload's bytes decoded (they come base64-encoded in `data`), so a
 * secret inside a payload, a memo or a failure's details shows.
 */
function historyText(history: unknown): string {
  return JSON.stringify(history, (key, value) => {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
    if (key === 'data' && typeof value === 'string') return Buffer.from(value, 'base64').toString('utf8');
    return value;
  });
}

describe('secrets stay secret', () => {
  let stack: DeliveryStack;
  let output: ReturnType<typeof captureOutput>;
  const startedAt = new Date();
  /** Each secret by what it is, and the forms it could leak in. */
  const secrets = new Map<string, string[]>();
  const keep = (what: string, value: string, ...forms: string[]) => secrets.set(what, [value, ...forms]);
  const leaksIn = (text: string) => [...secrets].filter(([, forms]) => forms.some((form) => text.includes(form))).map(([what]) => what);

  before(async () => {
    output = captureOutput();
    stack = await startDeliveryStack();
  });
  after(async () => {
    output?.stop();
    await stack?.stop();
  });

  it('appear nowhere but the answers that hand them out', async () => {
    const http = stack.project.http;
    const config = loadConfig();
    for (const [i, key] of (config.encryptionKeys ?? []).entries()) keep(`encryption key ${i}`, key.key.toString('base64'), key.key.toString('base64url'));
    keep('admin key', stack.test.adminKey);
    keep('first API key', stack.project.apiKey);

    const ingestKey = (await http.post('/v1/api-keys', { name: 'producer', scope: 'ingest' })).body.key;
    keep('ingest API key', ingestKey);

    const endpointKey = crypto.randomBytes(32).toString('base64');
    keep('endpoint secret', `whsec_${endpointKey}`, endpointKey);
    const headerValue = `hdr-${crypto.randomBytes(16).toString('hex')}`;
    keep('endpoint header value', headerValue);
    const basicPassword = `pw-${crypto.randomBytes(16).toString('hex')}`;
    keep('endpoint basic password', basicPassword, Buffer.from(`hooks:${basicPassword}`).toString('base64'));
    const ok = await stack.endpoint('/secrets/ok', {
      secret: `whsec_${endpointKey}`,
      headers: { 'X-Token': headerValue },
      eventTypes: ['s.*'],
      signatureScheme: 'both',
      auth: { type: 'basic', username: 'hooks', password: basicPassword },
    });
    const rotated = await http.post(`/v1/endpoints/${ok.id}/rotate-secret`, {});
    keep('rotated endpoint secret', rotated.body.secret, rotated.body.secret.replace(/^whsec_/, ''));
    // The v1a keys are never handed out, not even at creation: only the database holds them.
    const { signingKey: firstSigningKey } = (await findEndpoint(stack.test.db, stack.project.id, ok.id))!;
    await http.post(`/v1/endpoints/${ok.id}/rotate-signing-key`, {});
    const { signingKey } = (await findEndpoint(stack.test.db, stack.project.id, ok.id))!;
    keep('v1a signing key', firstSigningKey!, firstSigningKey!.replace(/^whsk_/, ''));
    keep('rotated v1a signing key', signingKey!, signingKey!.replace(/^whsk_/, ''));
    const failing = await stack.endpoint('/secrets/fail', { retrySchedule: ['1s'], headers: { 'X-Token': headerValue }, eventTypes: ['s.*'] });
    keep('second endpoint secret', failing.secret, failing.secret.replace(/^whsec_/, ''));
    stack.receiver.script('/secrets/fail', [{ status: 500, body: 'no' }]);
    const gone = await stack.endpoint('/secrets/gone', { eventTypes: ['s.*'] });
    keep('third endpoint secret', gone.secret, gone.secret.replace(/^whsec_/, ''));
    stack.receiver.script('/secrets/gone', [{ status: 410 }]);

    const ops = await http.patch('/v1/project', { operationalWebhookUrl: `${stack.receiver.url}/secrets/ops` });
    keep('operational webhook secret', ops.body.operationalWebhookSecret, ops.body.operationalWebhookSecret.replace(/^whsec_/, ''));

    const sourceSecret = `src-${crypto.randomBytes(16).toString('hex')}`;
    keep('source secret', sourceSecret);
    const source = (await http.post('/v1/sources', { name: 'gh', provider: 'github', secrets: [sourceSecret], routes: [{ endpointIds: [ok.id] }] })).body;
    const inboundBody = JSON.stringify({ action: 'opened' });
    const signature = `sha256=${crypto.createHmac('sha256', sourceSecret).update(inboundBody).digest('hex')}`;
    const inbound = (headers: Record<string, string>) =>
      fetch(`${stack.test.api.url}/in/${source.id}`, { method: 'POST', body: inboundBody, headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': crypto.randomUUID(), ...headers } });
    assert.equal((await inbound({ 'x-hub-signature-256': signature })).status, 202);
    assert.equal((await inbound({ 'x-hub-signature-256': 'sha256=00' })).status, 401);

    // Deliveries that succeed, fail (with a notice) and disable their endpoint (with a notice).
    const published = await fetch(`${stack.test.api.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ingestKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ eventType: 's.happened', payload: { n: 1 } }),
    });
    assert.equal(published.status, 202);
    const deliveries = ((await published.json()) as { deliveries: { id: string }[] }).deliveries;
    for (const delivery of deliveries) await stack.settled(delivery.id);
    await stack.receiver.waitFor('/secrets/ops', 2, 60_000);

    // Refused requests that carry secrets: the refusal must not echo them.
    const marker = `leak-${crypto.randomBytes(8).toString('hex')}`;
    keep('secret in a refused request', marker);
    const refusals = [
      await http.post('/v1/endpoints', { url: `${stack.receiver.url}/x`, secret: `whsec_${marker}!!` }),
      await http.post('/v1/endpoints', { url: `${stack.receiver.url}/x`, headers: { 'X-Token': `${marker}\u0007` } }),
      await http.post('/v1/sources', { name: 'bad', provider: 'github', secrets: [`${marker}\u0000`] }),
      await http.patch('/v1/project', { operationalWebhookSecret: `not-whsec-${marker}` }),
      await http.patch(`/v1/endpoints/${ok.id}`, { headers: { 'X-Token': '[redacted]' }, secret: marker }),
    ];
    for (const refused of refusals) assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.deepEqual(refusals.flatMap((r) => leaksIn(JSON.stringify(r.body))), [], 'error answers');

    // Answers after creation.
    const reads = [
      '/v1/project', '/v1/api-keys', '/v1/endpoints', `/v1/endpoints/${ok.id}`, `/v1/endpoints/${failing.id}`, `/v1/endpoints/${ok.id}/health`,
      '/v1/sources', `/v1/sources/${source.id}`, `/v1/sources/${source.id}/failures`, '/v1/events', '/v1/deliveries',
      ...deliveries.map((d) => `/v1/deliveries/${d.id}`), `/v1/events/${(await http.get('/v1/events?limit=1')).body.data[0].id}`,
    ];
    for (const path of reads) {
      const answer = await http.get(path);
      assert.equal(answer.status, 200, path);
      assert.deepEqual(leaksIn(JSON.stringify(answer.body)), [], path);
    }

    // Every workflow this run made: deliveries, entities, notices, inbound.
    const histories = await eventually('the run\'s workflows to be listed', async () => {
      const found: string[] = [];
      for await (const execution of stack.temporalClient.workflow.list({ query: `StartTime >= '${startedAt.toISOString()}'` })) found.push(execution.workflowId);
      return found.some((id) => id.startsWith('notice/')) && found.some((id) => id.startsWith('endpoint/')) ? found : undefined;
    });
    let allHistories = '';
    for (const workflowId of histories) {
      const text = historyText(await stack.temporalClient.workflow.getHandle(workflowId).fetchHistory());
      assert.deepEqual(leaksIn(text), [], `the history of ${workflowId}`);
      allHistories += text;
    }
    assert.ok(histories.length >= 5, `histories checked: ${histories.join(', ')}`);
    assert.ok(allHistories.includes('s.happened') && allHistories.includes(ok.id), 'payloads were decoded: the event type and endpoint id show in them');

    // The logs, with everything above in them.
    const logs = output.text();
    assert.ok(logs.includes('inbound request refused'), 'the logs were captured');
    assert.deepEqual(leaksIn(logs), [], 'logs');

    // The header value did reach its receiver: the check looks for something that exists.
    const [received] = await stack.receiver.waitFor('/secrets/ok', 1);
    assert.equal(received!.headers['x-token'], headerValue);
    assert.equal(received!.headers.authorization, `Basic ${Buffer.from(`hooks:${basicPassword}`).toString('base64')}`);
  });
});
