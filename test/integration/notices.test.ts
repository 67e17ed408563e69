/**
 * Operational notices end to end, with a real receiver, a real SMTP server (smtp-server) and the
 * project's settings set through the API: what arrives, that it verifies, and that failures
 * throw for Temporal to retry without leaking the URL's path or the SMTP password.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import type { AddressObject } from 'mailparser';
import { Webhook } from 'standardwebhooks';
import { createNoticeActivities, type Notice } from '../../activities/notices';
import { createHttpSender, USER_AGENT } from '../../activities/http-send';
import { createEgressPolicy } from '../../src/egress/address-policy';
import { generateSecret } from '../../src/signing/standard-webhooks';
import { newProject, startTestApi, type TestApi } from '../support/api';
import { closedPort } from '../support/http';
import { startMailServer, type MailServer } from '../support/mail-server';
import { scrape } from '../support/metrics';
import { startReceiver, type Receiver } from '../support/receiver';
import { uniqueName } from '../support/services';

function notice(projectId: string, type: Notice['type'], data: Record<string, unknown>): Notice {
  return { id: uniqueName('ntc'), projectId, type, occurredAt: new Date().toISOString(), data };
}

/** Runs `work`, which must throw an ApplicationFailure, and returns it. */
async function failureOf(work: () => Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await work();
  } catch (error) {
    assert.ok(error instanceof ApplicationFailure, `expected an ApplicationFailure, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a failure');
}

const FROM = 'Switchyard Test <notices@switchyard.test>';
/** The receivers here listen on loopback, which the default policy blocks. */
const send = createHttpSender(createEgressPolicy(['127.0.0.0/8']));

describe('operational notices', () => {
  let test: TestApi;
  let receiver: Receiver;
  let mail: MailServer;
  before(async () => {
    [test, receiver, mail] = await Promise.all([startTestApi(), startReceiver(), startMailServer()]);
  });
  after(async () => {
    await Promise.all([test?.stop(), receiver?.close(), mail?.close()]);
  });

  describe('the operational webhook', () => {
    it('arrives signed with the project secret, with webhook-id = notice id', async () => {
      const project = await newProject(test, 'Acme');
      const set = await project.http.patch('/v1/project', { operationalWebhookUrl: `${receiver.url}/ops/signed` });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      const secret: string = set.body.operationalWebhookSecret;
      assert.match(secret, /^whsec_/);

      const activities = createNoticeActivities({ db: test.db, send });
      const sent = notice(project.id, 'endpoint.circuit_opened', { endpointId: 'ep_123', url: 'https://hooks.example.com', reason: '5 failures in a row' });
      assert.equal(await activities.sendNoticeWebhook(sent), 'sent');

      const [request] = await receiver.waitFor('/ops/signed', 1);
      assert.equal(request!.headers['content-type'], 'application/json');
      assert.equal(request!.headers['user-agent'], USER_AGENT);
      assert.equal(request!.headers['webhook-id'], sent.id);
      const headers = {
        'webhook-id': String(request!.headers['webhook-id']),
        'webhook-timestamp': String(request!.headers['webhook-timestamp']),
        'webhook-signature': String(request!.headers['webhook-signature']),
      };
      assert.deepEqual(new Webhook(secret).verify(request!.body, headers), {
        type: 'endpoint.circuit_opened',
        timestamp: sent.occurredAt,
        data: { endpointId: 'ep_123', url: 'https://hooks.example.com', reason: '5 failures in a row' },
      });
      assert.throws(() => new Webhook(generateSecret()).verify(request!.body, headers), /No matching signature/);
    });

    it('throws a retryable failure on a non-2xx that names the origin only, and keeps webhook-id on the retry', async () => {
      const project = await newProject(test);
      const path = '/ops/tok_pathsecret?key=querysecret';
      const set = await project.http.patch('/v1/project', { operationalWebhookUrl: `${receiver.url}${path}` });
      const secret: string = set.body.operationalWebhookSecret;
      receiver.script(path, [{ status: 500 }, { status: 204 }]);

      const activities = createNoticeActivities({ db: test.db, send });
      const sent = notice(project.id, 'delivery.failed', { deliveryId: 'dlv_1', eventId: 'evt_1', endpointId: 'ep_1', attempts: 10 });
      const counted = await scrape(`${test.api.url}/metrics`);
      const failure = await failureOf(() => activities.sendNoticeWebhook(sent));
      assert.equal(failure.nonRetryable, false, 'Temporal retries it');
      assert.equal(failure.type, 'NoticeWebhookFailed');
      assert.match(failure.message, /500/);
      assert.ok(failure.message.includes(receiver.url), failure.message);
      for (const leak of ['tok_pathsecret', 'querysecret', secret]) assert.ok(!failure.message.includes(leak), `${leak} in ${failure.message}`);

      assert.equal(await activities.sendNoticeWebhook(sent), 'sent', 'the retry gets the 204');
      const requests = await receiver.waitFor(path, 2);
      assert.equal(requests[0]!.headers['webhook-id'], requests[1]!.headers['webhook-id'], 'the receiver can deduplicate');

      const metrics = await scrape(`${test.api.url}/metrics`);
      for (const outcome of ['failed', 'sent']) {
        const labels = { channel: 'webhook', outcome };
        assert.equal(metrics.value('switchyard_notices_total', labels) - counted.value('switchyard_notices_total', labels), 1, `one ${outcome} in the metrics`);
      }
    });

    it('throws a retryable failure when the URL cannot be reached', async () => {
      const project = await newProject(test);
      await project.http.patch('/v1/project', { operationalWebhookUrl: `http://127.0.0.1:${await closedPort()}/ops` });
      const failure = await failureOf(() => createNoticeActivities({ db: test.db, send }).sendNoticeWebhook(notice(project.id, 'endpoint.disabled', { endpointId: 'ep_1' })));
      assert.equal(failure.nonRetryable, false);
      assert.match(failure.message, /connect_refused/);
    });

    it('is not configured without a URL, or once the URL is cleared', async () => {
      const project = await newProject(test);
      const activities = createNoticeActivities({ db: test.db, send });
      const nothing = notice(project.id, 'endpoint.disabled', { endpointId: 'ep_1' });
      assert.equal(await activities.sendNoticeWebhook(nothing), 'not_configured');
      assert.equal(await activities.sendNoticeWebhook({ ...nothing, projectId: 'proj_missing' }), 'not_configured');
      await project.http.patch('/v1/project', { operationalWebhookUrl: `${receiver.url}/ops/cleared` });
      await project.http.patch('/v1/project', { operationalWebhookUrl: null });
      assert.equal(await activities.sendNoticeWebhook(nothing), 'not_configured');
      assert.equal(receiver.received.filter((r) => r.path === '/ops/cleared').length, 0);
    });
  });

  describe('the email', () => {
    it('reaches every notice address with the subject, the details and the notice id', async () => {
      const project = await newProject(test, 'Acme Billing');
      const emails = ['oncall@acme.test', 'billing-team@acme.test'];
      assert.equal((await project.http.patch('/v1/project', { noticeEmails: emails })).status, 200);

      const activities = createNoticeActivities({ db: test.db, send, smtp: { url: mail.url, from: FROM } });
      const sent = notice(project.id, 'endpoint.circuit_opened', {
        endpointId: 'ep_123',
        url: 'https://hooks.example.com/in/tok_inpath',
        reason: '5 failures in a row',
      });
      const before = mail.mails.length;
      assert.equal(await activities.sendNoticeEmail(sent), 'sent');
      assert.equal(mail.mails.length, before + 1);
      const received = mail.mails.at(-1)!;

      assert.deepEqual(received.to.sort(), [...emails].sort(), 'the envelope names every address');
      assert.equal(received.from, 'notices@switchyard.test');
      const { parsed } = received;
      assert.equal(parsed.subject, '[Switchyard] Circuit opened for endpoint ep_123');
      assert.deepEqual((parsed.to as AddressObject).value.map((a) => a.address).sort(), [...emails].sort());
      assert.equal(parsed.from?.value[0]?.name, 'Switchyard Test');
      assert.equal(parsed.messageId, `<${sent.id}@notices.switchyard>`);
      assert.equal(parsed.headers.get('x-switchyard-notice-id'), sent.id);
      assert.equal(parsed.html, false, 'plain text only');
      const text = parsed.text ?? '';
      assert.match(text, /endpoint\.circuit_opened/);
      assert.match(text, new RegExp(`Acme Billing \\(${project.id}\\)`));
      assert.match(text, new RegExp(sent.occurredAt.replace(/\./g, '\\.')));
      assert.match(text, /endpointId: ep_123/);
      assert.match(text, /url: https:\/\/hooks\.example\.com$/m);
      assert.match(text, /reason: 5 failures in a row/);
      assert.ok(!received.raw.includes('tok_inpath'), "the endpoint's path stays out of email");
    });

    it('is not configured without SMTP, without addresses, or for an unknown project', async () => {
      const withEmails = await newProject(test);
      await withEmails.http.patch('/v1/project', { noticeEmails: ['ops@acme.test'] });
      const without = await newProject(test);
      const before = mail.mails.length;

      const noSmtp = createNoticeActivities({ db: test.db, send });
      assert.equal(await noSmtp.sendNoticeEmail(notice(withEmails.id, 'endpoint.disabled', { endpointId: 'ep_1' })), 'not_configured');
      const smtp = createNoticeActivities({ db: test.db, send, smtp: { url: mail.url, from: FROM } });
      assert.equal(await smtp.sendNoticeEmail(notice(without.id, 'endpoint.disabled', { endpointId: 'ep_1' })), 'not_configured');
      assert.equal(await smtp.sendNoticeEmail(notice('proj_missing', 'endpoint.disabled', { endpointId: 'ep_1' })), 'not_configured');
      await withEmails.http.patch('/v1/project', { noticeEmails: [] });
      assert.equal(await smtp.sendNoticeEmail(notice(withEmails.id, 'endpoint.disabled', { endpointId: 'ep_1' })), 'not_configured');
      assert.equal(mail.mails.length, before, 'nothing was sent');
    });

    it('keeps SMTP credentials out of the failure when the server is unreachable', async () => {
      const project = await newProject(test);
      await project.http.patch('/v1/project', { noticeEmails: ['ops@acme.test'] });
      const url = `smtp://mailer:secretpass@127.0.0.1:${await closedPort()}`;
      const activities = createNoticeActivities({ db: test.db, send, smtp: { url, from: FROM } });
      const failure = await failureOf(() => activities.sendNoticeEmail(notice(project.id, 'endpoint.disabled', { endpointId: 'ep_1' })));
      assert.equal(failure.nonRetryable, false, 'Temporal retries it');
      assert.equal(failure.type, 'NoticeEmailFailed');
      assert.match(failure.message, /ECONNECTION|ECONNREFUSED/);
      assert.ok(!failure.message.includes('secretpass') && !failure.message.includes('mailer:'), failure.message);
      assert.equal(failure.cause, undefined, "the library's own error is not carried along");
      assert.ok(!JSON.stringify(failure.details ?? []).includes('secretpass'));
    });

    it('keeps SMTP credentials out of the failure when the server refuses them', async () => {
      const refusing = await startMailServer({ rejectAuth: true });
      try {
        const project = await newProject(test);
        await project.http.patch('/v1/project', { noticeEmails: ['ops@acme.test'] });
        const url = refusing.url.replace('smtp://', 'smtp://mailer:secretpass@');
        const activities = createNoticeActivities({ db: test.db, send, smtp: { url, from: FROM } });
        const failure = await failureOf(() => activities.sendNoticeEmail(notice(project.id, 'endpoint.disabled', { endpointId: 'ep_1' })));
        assert.deepEqual(refusing.authPasswords, ['secretpass'], 'the credentials from the URL were used');
        assert.match(failure.message, /EAUTH/);
        assert.ok(!failure.message.includes('secretpass'), failure.message);
        assert.equal(refusing.mails.length, 0);
      } finally {
        await refusing.close();
      }
    });
  });
});

describe('project notice settings API', () => {
  let test: TestApi;
  before(async () => {
    test = await startTestApi();
  });
  after(() => test?.stop());

  it('shows URL and addresses on GET, the secret only in the PATCH answer', async () => {
    const project = await newProject(test, 'Acme');
    const empty = await project.http.get('/v1/project');
    assert.equal(empty.status, 200);
    assert.deepEqual(
      { ...empty.body, createdAt: undefined },
      { id: project.id, name: 'Acme', createdAt: undefined, operationalWebhookUrl: null, noticeEmails: [], validatePayloads: false, portalFrameAncestors: [], retention: '30d', oldestEventAt: null },
    );

    const patched = await project.http.patch('/v1/project', { operationalWebhookUrl: 'https://ops.acme.test/hooks', noticeEmails: ['a@acme.test', 'b@acme.test'] });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.operationalWebhookUrl, 'https://ops.acme.test/hooks');
    assert.deepEqual(patched.body.noticeEmails, ['a@acme.test', 'b@acme.test']);
    const secret = patched.body.operationalWebhookSecret;
    assert.match(secret, /^whsec_/);

    const read = await project.http.get('/v1/project');
    assert.equal(read.body.operationalWebhookUrl, 'https://ops.acme.test/hooks');
    assert.deepEqual(read.body.noticeEmails, ['a@acme.test', 'b@acme.test']);
    assert.equal(read.body.operationalWebhookSecret, undefined);
    assert.ok(!JSON.stringify(read.body).includes(secret));

    const moved = await project.http.patch('/v1/project', { operationalWebhookUrl: 'https://ops2.acme.test/hooks' });
    assert.equal(moved.body.operationalWebhookSecret, secret, 'a new URL keeps the secret');
    assert.deepEqual(moved.body.noticeEmails, ['a@acme.test', 'b@acme.test'], 'fields not named stay');

    const given = generateSecret();
    assert.equal((await project.http.patch('/v1/project', { operationalWebhookSecret: given })).body.operationalWebhookSecret, given);

    const cleared = await project.http.patch('/v1/project', { operationalWebhookUrl: null });
    assert.equal(cleared.status, 200);
    assert.equal(cleared.body.operationalWebhookUrl, null);
    assert.equal(cleared.body.operationalWebhookSecret, null);
    const { rows } = await test.db.query('SELECT operational_webhook_url, operational_webhook_secret FROM projects WHERE id = $1', [project.id]);
    assert.deepEqual(rows[0], { operational_webhook_url: null, operational_webhook_secret: null });

    const again = await project.http.patch('/v1/project', { operationalWebhookUrl: 'https://ops.acme.test/hooks' });
    assert.match(again.body.operationalWebhookSecret, /^whsec_/);
    assert.notEqual(again.body.operationalWebhookSecret, given, 'a URL set after clearing starts with a fresh secret');
  });

  it('answers 400 with the error shape for every bad input, and changes nothing', async () => {
    const project = await newProject(test);
    await project.http.patch('/v1/project', { noticeEmails: ['keep@acme.test'] });
    const bad: [unknown, string][] = [
      [{ operationalWebhookUrl: 'ftp://ops.acme.test' }, 'operationalWebhookUrl'],
      [{ operationalWebhookUrl: 'not a url' }, 'operationalWebhookUrl'],
      [{ operationalWebhookUrl: 'https://user:pw@ops.acme.test' }, 'operationalWebhookUrl'],
      [{ noticeEmails: ['not-an-email'] }, 'noticeEmails.0'],
      [{ noticeEmails: 'ops@acme.test' }, 'noticeEmails'],
      [{ noticeEmails: Array.from({ length: 21 }, (_, i) => `u${i}@acme.test`) }, 'noticeEmails'],
      [{ operationalWebhookUrl: 'https://ops.acme.test', operationalWebhookSecret: 'whsec_short' }, 'operationalWebhookSecret'],
      [{ operationalWebhookSecret: generateSecret() }, 'operationalWebhookSecret'],
      [{ name: 'renamed' }, ''],
      [[], ''],
    ];
    for (const [body, path] of bad) {
      const answer = await project.http.patch('/v1/project', body);
      assert.equal(answer.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, 'invalid_request');
      assert.equal(typeof answer.body.error.message, 'string');
      assert.ok(
        answer.body.error.details.some((d: { path: string }) => d.path === path),
        `${JSON.stringify(body)}: ${JSON.stringify(answer.body.error.details)}`,
      );
    }
    const read = await project.http.get('/v1/project');
    assert.deepEqual(read.body.noticeEmails, ['keep@acme.test']);
    assert.equal(read.body.operationalWebhookUrl, null);

    const notJson = await fetch(`${test.api.url}/v1/project`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${project.apiKey}`, 'content-type': 'application/json' },
      body: '{"noticeEmails": [',
    });
    assert.equal(notJson.status, 400);
    assert.equal(((await notJson.json()) as { error: { code: string } }).error.code, 'invalid_json');
    const noKey = await fetch(`${test.api.url}/v1/project`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(noKey.status, 401);
  });
});
