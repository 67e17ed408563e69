/**
 * Operational notices to the project itself: a signed webhook to its operational webhook URL, and
 * an email to its notice addresses when SMTP is configured. Workflows call these as regular
 * activities; a failed send throws a retryable ApplicationFailure so Temporal's retry policy takes
 * it, and the notice's id stays the same on every retry so that readers can deduplicate.
 */
import { ApplicationFailure } from '@temporalio/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../src/db/pool';
import { urlOrigin } from '../src/http';
import { noticeEmail, noticeMessageId, noticeWebhookBody, type Notice, type NoticeType } from '../src/notices/message';
import { scrubbed, smtpCredentialForms, smtpServerName } from '../src/notices/smtp-credentials';
import { metrics, type NoticeChannel } from '../src/metrics/metrics';
import { noticeSettingsOf } from '../src/projects/repository';
import { signedHeaders } from '../src/signing/standard-webhooks';
import { USER_AGENT, type Send } from './http-send';

export type { Notice, NoticeType };

export type NoticeOutcome = 'sent' | 'not_configured';

export interface SmtpSettings {
  /** smtp:// or smtps://, possibly with user:password. */
  url: string;
  /** The From header, e.g. `Switchyard <switchyard@example.com>`. */
  from: string;
}

export interface NoticeActivityDependencies {
  db: Db;
  /** Unset: notices are not emailed. */
  smtp?: SmtpSettings;
  /** The HTTP send, behind the egress policy (createHttpSender). */
  send: Send;
  now?: () => Date;
}

const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_ERROR_TEXT = 500;

export function createNoticeActivities(deps: NoticeActivityDependencies) {
  const { db, smtp, send, now = () => new Date() } = deps;

  // One transport per worker; without a pool, each message opens its own connection, which is
  // what a notice now and then needs. Timeouts are far below the library's minutes-long defaults
  // so a silent server fails the attempt and Temporal retries it.
  let transport: Transporter | undefined;
  const mailer = (settings: SmtpSettings) =>
    (transport ??= nodemailer.createTransport({
      url: settings.url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      dnsTimeout: 10_000,
    }));

  /** Counts what a send came to: sent, or failed (each failed try; misconfigured included). */
  const counted =
    (channel: NoticeChannel, sendNotice: (notice: Notice) => Promise<NoticeOutcome>) =>
    async (notice: Notice): Promise<NoticeOutcome> => {
      try {
        const outcome = await sendNotice(notice);
        if (outcome === 'sent') metrics().notice(channel, 'sent');
        return outcome;
      } catch (error) {
        metrics().notice(channel, 'failed');
        throw error;
      }
    };

  return {
    sendNoticeWebhook: counted('webhook', async (notice) => {
      const settings = await noticeSettingsOf(db, notice.projectId);
      if (!settings?.operationalWebhookUrl) return 'not_configured';
      const url = settings.operationalWebhookUrl;
      if (!settings.operationalWebhookSecret) {
        // The API sets both together; a row without a secret was edited by hand and retrying cannot fix it.
        throw ApplicationFailure.nonRetryable(`the operational webhook to ${urlOrigin(url) ?? 'an unparsable URL'} has no signing secret`, 'NoticeWebhookMisconfigured');
      }
      const body = noticeWebhookBody(notice);
      const timestamp = Math.floor(now().getTime() / 1000);
      const result = await send({
        url,
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          ...signedHeaders({ secrets: [settings.operationalWebhookSecret], signingKeys: [] }, notice.id, timestamp, body),
        },
        body: Buffer.from(body, 'utf8'),
        timeoutMs: WEBHOOK_TIMEOUT_MS,
      });
      if (result.ok && result.statusCode >= 200 && result.statusCode < 300) return 'sent';
      const what = result.ok ? `answered ${result.statusCode}` : `could not be reached (${result.errorClass})`;
      throw ApplicationFailure.retryable(`the operational webhook at ${urlOrigin(url) ?? 'an unparsable URL'} ${what}`, 'NoticeWebhookFailed');
    }),

    sendNoticeEmail: counted('email', async (notice) => {
      if (!smtp) return 'not_configured';
      const settings = await noticeSettingsOf(db, notice.projectId);
      if (!settings || settings.noticeEmails.length === 0) return 'not_configured';
      const { subject, text } = noticeEmail(notice, { id: notice.projectId, name: settings.projectName });
      try {
        await mailer(smtp).sendMail({
          from: smtp.from,
          to: settings.noticeEmails,
          subject,
          text,
          messageId: noticeMessageId(notice.id),
          headers: { 'X-Switchyard-Notice-Id': notice.id, 'X-Switchyard-Notice-Type': notice.type },
        });
        return 'sent';
      } catch (error) {
        // Not passed on as the cause: the library's error carries its own text (and the transport's
        // options) into Temporal history; only this scrubbed summary goes.
        const err = error as { code?: unknown; responseCode?: unknown; message?: unknown };
        const code = [err?.code, err?.responseCode].filter((part) => typeof part === 'string' || typeof part === 'number').join(' ');
        const detail = scrubbed(String(err?.message ?? error), smtpCredentialForms(smtp.url)).slice(0, MAX_ERROR_TEXT);
        throw ApplicationFailure.retryable(
          `the notice email through ${smtpServerName(smtp.url)} failed${code ? ` (${code})` : ''}: ${detail}`,
          'NoticeEmailFailed',
        );
      }
    }),
  };
}

export type NoticeActivities = ReturnType<typeof createNoticeActivities>;
