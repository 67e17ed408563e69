/**
 * Where a project's operational notices go: its operational webhook (URL and the `whsec_` secret
 * that signs it) and the addresses notice emails go to. The API schema and the pure rule for
 * applying a change live here; storage is in ./repository.ts.
 */
import { z } from 'zod';
import { endpointUrl } from '../endpoints/schema';
import { isValidSecret } from '../signing/standard-webhooks';

export const MAX_NOTICE_EMAILS = 20;

export interface NoticeSettings {
  operationalWebhookUrl: string | null;
  /** Set exactly when the URL is set. */
  operationalWebhookSecret: string | null;
  noticeEmails: string[];
}

export const updateNoticeSettingsSchema = z
  .object({
    operationalWebhookUrl: endpointUrl.nullable(),
    operationalWebhookSecret: z.string().refine(isValidSecret, 'must be a whsec_ secret of 24 to 64 base64 bytes'),
    noticeEmails: z.array(z.email({ error: 'must be an email address' }).max(254)).max(MAX_NOTICE_EMAILS, `at most ${MAX_NOTICE_EMAILS} addresses`),
  })
  .partial()
  .strict();

export type NoticeSettingsChange = z.output<typeof updateNoticeSettingsSchema>;

export type AppliedChange = { ok: true; settings: NoticeSettings } | { ok: false; path: string; message: string };

/** The same address twice would mail the same person twice; the domain part is case-insensitive in practice. */
function distinctEmails(emails: string[]): string[] {
  const seen = new Set<string>();
  return emails.filter((email) => {
    const key = email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The settings after a PATCH. A URL set for the first time gets a fresh secret unless one is given;
 * a URL change keeps the secret (receivers keep verifying); clearing the URL clears the secret too,
 * so a later URL starts from a secret nobody has seen. A secret with no URL to sign for is refused.
 */
export function applyNoticeSettingsChange(current: NoticeSettings, change: NoticeSettingsChange, newSecret: () => string): AppliedChange {
  const emails = change.noticeEmails === undefined ? current.noticeEmails : distinctEmails(change.noticeEmails);
  const url = change.operationalWebhookUrl === undefined ? current.operationalWebhookUrl : change.operationalWebhookUrl;
  if (url === null) {
    if (change.operationalWebhookSecret !== undefined) {
      return { ok: false, path: 'operationalWebhookSecret', message: 'needs an operationalWebhookUrl, set in this request or before' };
    }
    return { ok: true, settings: { operationalWebhookUrl: null, operationalWebhookSecret: null, noticeEmails: emails } };
  }
  const secret = change.operationalWebhookSecret ?? current.operationalWebhookSecret ?? newSecret();
  return { ok: true, settings: { operationalWebhookUrl: url, operationalWebhookSecret: secret, noticeEmails: emails } };
}
