import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyNoticeSettingsChange, updateNoticeSettingsSchema, type NoticeSettings } from '../../src/projects/notice-settings';

const none: NoticeSettings = { operationalWebhookUrl: null, operationalWebhookSecret: null, noticeEmails: [] };
const secretA = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
const secretB = `whsec_${Buffer.alloc(32, 2).toString('base64')}`;
const fresh = () => secretB;

describe('notice settings changes', () => {
  it('generates a secret when a URL is first set without one', () => {
    const applied = applyNoticeSettingsChange(none, { operationalWebhookUrl: 'https://ops.example.com/h' }, fresh);
    assert.deepEqual(applied, { ok: true, settings: { operationalWebhookUrl: 'https://ops.example.com/h', operationalWebhookSecret: secretB, noticeEmails: [] } });
  });

  it('takes a given secret, and keeps the secret when only the URL changes', () => {
    const first = applyNoticeSettingsChange(none, { operationalWebhookUrl: 'https://a.example.com', operationalWebhookSecret: secretA }, fresh);
    assert.ok(first.ok);
    assert.equal(first.settings.operationalWebhookSecret, secretA);
    const moved = applyNoticeSettingsChange(first.settings, { operationalWebhookUrl: 'https://b.example.com' }, fresh);
    assert.ok(moved.ok);
    assert.equal(moved.settings.operationalWebhookSecret, secretA);
    const rotated = applyNoticeSettingsChange(moved.settings, { operationalWebhookSecret: secretB }, fresh);
    assert.ok(rotated.ok);
    assert.deepEqual(rotated.settings, { operationalWebhookUrl: 'https://b.example.com', operationalWebhookSecret: secretB, noticeEmails: [] });
  });

  it('clears URL and secret together, and leaves what the change does not name', () => {
    const current = { operationalWebhookUrl: 'https://a.example.com', operationalWebhookSecret: secretA, noticeEmails: ['ops@example.com'] };
    assert.deepEqual(applyNoticeSettingsChange(current, { operationalWebhookUrl: null }, fresh), {
      ok: true,
      settings: { operationalWebhookUrl: null, operationalWebhookSecret: null, noticeEmails: ['ops@example.com'] },
    });
    assert.deepEqual(applyNoticeSettingsChange(current, { noticeEmails: [] }, fresh), { ok: true, settings: { ...current, noticeEmails: [] } });
  });

  it('refuses a secret with no URL to sign for', () => {
    const applied = applyNoticeSettingsChange(none, { operationalWebhookSecret: secretA }, fresh);
    assert.equal(applied.ok, false);
    assert.equal(!applied.ok && applied.path, 'operationalWebhookSecret');
    const clearing = { operationalWebhookUrl: 'https://a.example.com', operationalWebhookSecret: secretA, noticeEmails: [] };
    assert.equal(applyNoticeSettingsChange(clearing, { operationalWebhookUrl: null, operationalWebhookSecret: secretB }, fresh).ok, false);
  });

  it('mails each address once', () => {
    const applied = applyNoticeSettingsChange(none, { noticeEmails: ['a@example.com', 'b@example.com', 'A@Example.com'] }, fresh);
    assert.ok(applied.ok);
    assert.deepEqual(applied.settings.noticeEmails, ['a@example.com', 'b@example.com']);
  });
});

describe('notice settings schema', () => {
  const valid = (body: unknown) => updateNoticeSettingsSchema.safeParse(body).success;
  it('accepts each field alone and together', () => {
    assert.ok(valid({}));
    assert.ok(valid({ operationalWebhookUrl: null }));
    assert.ok(valid({ operationalWebhookUrl: 'http://127.0.0.1:9000/x', operationalWebhookSecret: secretA, noticeEmails: ['ops@example.com'] }));
  });
  it('refuses bad URLs, secrets, addresses, too many addresses and unknown fields', () => {
    assert.ok(!valid({ operationalWebhookUrl: 'ftp://example.com' }));
    assert.ok(!valid({ operationalWebhookUrl: 'https://user:pw@example.com' }));
    assert.ok(!valid({ operationalWebhookSecret: 'not-a-secret' }));
    assert.ok(!valid({ operationalWebhookSecret: null }));
    assert.ok(!valid({ noticeEmails: ['not an email'] }));
    assert.ok(!valid({ noticeEmails: 'ops@example.com' }));
    assert.ok(!valid({ noticeEmails: Array.from({ length: 21 }, (_, i) => `u${i}@example.com`) }));
    assert.ok(valid({ noticeEmails: Array.from({ length: 20 }, (_, i) => `u${i}@example.com`) }));
    assert.ok(!valid({ name: 'x' }));
  });
});
