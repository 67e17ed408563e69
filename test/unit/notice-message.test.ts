import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noticeEmail, noticeMessageId, noticeWebhookBody, type Notice } from '../../src/notices/message';

const base = { id: 'ntc_1', projectId: 'proj_1', occurredAt: '2025-03-04T05:06:07.000Z' } as const;

describe('notice webhook body', () => {
  it('is the type, the time and the data, nothing else', () => {
    const notice: Notice = { ...base, type: 'endpoint.disabled', data: { endpointId: 'ep_1', reason: '410 Gone' } };
    assert.deepEqual(JSON.parse(noticeWebhookBody(notice)), {
      type: 'endpoint.disabled',
      timestamp: '2025-03-04T05:06:07.000Z',
      data: { endpointId: 'ep_1', reason: '410 Gone' },
    });
  });
});

describe('notice email', () => {
  it('names the endpoint or the delivery in the subject', () => {
    const subject = (type: Notice['type'], data: Record<string, unknown>) => noticeEmail({ ...base, type, data }, { id: 'proj_1' }).subject;
    assert.equal(subject('endpoint.circuit_opened', { endpointId: 'ep_123' }), '[Switchyard] Circuit opened for endpoint ep_123');
    assert.equal(subject('endpoint.disabled', { endpointId: 'ep_123' }), '[Switchyard] Endpoint ep_123 disabled');
    assert.equal(subject('delivery.failed', { deliveryId: 'dlv_9', endpointId: 'ep_123' }), '[Switchyard] Delivery dlv_9 failed');
    assert.equal(subject('endpoint.disabled', {}), '[Switchyard] Endpoint (unknown) disabled', 'a missing id does not break the subject');
  });

  it('keeps the subject on one line whatever the data holds', () => {
    const { subject } = noticeEmail({ ...base, type: 'endpoint.disabled', data: { endpointId: 'ep_1\r\nBcc: x@evil.test' } }, { id: 'proj_1' });
    assert.doesNotMatch(subject, /[\r\n]/);
  });

  it('gives the type, project, time, every data field and the notice id in the body', () => {
    const { text } = noticeEmail(
      {
        ...base,
        type: 'delivery.failed',
        data: { deliveryId: 'dlv_9', eventId: 'evt_3', endpointId: 'ep_123', attempts: 10, reason: 'answered 503', retried: true },
      },
      { id: 'proj_1', name: 'Acme' },
    );
    assert.match(text, /^Type: +delivery\.failed$/m);
    assert.match(text, /^Project: +Acme \(proj_1\)$/m);
    assert.match(text, /^Time: +2025-03-04T05:06:07\.000Z$/m);
    for (const line of ['deliveryId: dlv_9', 'eventId: evt_3', 'endpointId: ep_123', 'attempts: 10', 'reason: answered 503', 'retried: true']) {
      assert.match(text, new RegExp(`^  ${line}$`, 'm'), line);
    }
    assert.match(text, /ntc_1/);
    assert.match(text, /resend/, 'says what can be done about it');
  });

  it('shows an endpoint URL by its origin only, since paths and queries can hold tokens', () => {
    const { text } = noticeEmail(
      { ...base, type: 'endpoint.circuit_opened', data: { endpointId: 'ep_1', url: 'https://hooks.example.com:8443/in/tok_secret?key=k1' } },
      { id: 'proj_1' },
    );
    assert.match(text, /^  url: https:\/\/hooks\.example\.com:8443$/m);
    assert.doesNotMatch(text, /tok_secret|key=k1/);
  });

  it('puts each value on one line and cuts very long ones', () => {
    const { text } = noticeEmail(
      { ...base, type: 'endpoint.disabled', data: { endpointId: 'ep_1', reason: 'line one\nline two', body: 'x'.repeat(5000), nested: { a: [1] } } },
      { id: 'proj_1' },
    );
    assert.match(text, /^  reason: line one line two$/m);
    assert.match(text, /^  nested: \{"a":\[1\]\}$/m);
    const bodyLine = text.split('\n').find((line) => line.startsWith('  body: '))!;
    assert.ok(bodyLine.length < 1100 && bodyLine.endsWith('…'));
  });
});

describe('notice Message-ID', () => {
  it('is stable for a notice and valid as an RFC 5322 msg-id', () => {
    assert.equal(noticeMessageId('ntc_1'), noticeMessageId('ntc_1'));
    assert.equal(noticeMessageId('ntc_1'), '<ntc_1@notices.switchyard>');
    for (const id of ['delivery/evt_1/ep_2', 'a b:c<d>..e', 'ünïcode']) {
      assert.match(noticeMessageId(id), /^<[A-Za-z0-9_%-]+@notices\.switchyard>$/, id);
    }
  });

  it('keeps distinct ids distinct', () => {
    const ids = ['a/b', 'a.b', 'a%2Fb', 'a_b', 'a-b', 'A/B'];
    assert.equal(new Set(ids.map(noticeMessageId)).size, ids.length);
  });
});
