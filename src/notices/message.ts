/**
 * Operational notices (an endpoint's circuit opened, an endpoint was disabled, a delivery failed)
 * and what they look like on the wire: the operational webhook's body and the email. Pure, so
 * the activities in activities/notices.ts keep only the I/O.
 */
import { urlOrigin } from '../http';

export const NOTICE_TYPES = ['endpoint.circuit_opened', 'endpoint.disabled', 'delivery.failed'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

export interface Notice {
  /** Stable across retries of one notice: the webhook's `webhook-id` and the email's Message-ID. */
  id: string;
  projectId: string;
  type: NoticeType;
  /** ISO 8601. */
  occurredAt: string;
  /** Ids, origins, reasons, counts: never secrets (it travels through Temporal history). */
  data: Record<string, unknown>;
}

/** The operational webhook's body, shaped like any Standard Webhooks event. */
export function noticeWebhookBody(notice: Notice): string {
  return JSON.stringify({ type: notice.type, timestamp: notice.occurredAt, data: notice.data });
}

/**
 * A Message-ID for the notice, the same on every retry so that mail readers and filters can fold
 * duplicates. Anything outside letters, digits, `_` and `-` is percent-encoded: a msg-id may not
 * hold spaces, `:`, `<` or consecutive dots, and the encoding keeps distinct ids distinct.
 */
export function noticeMessageId(noticeId: string): string {
  const local = Array.from(Buffer.from(noticeId, 'utf8'))
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9_-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
  return `<${local}@notices.switchyard>`;
}

const MAX_VALUE_LENGTH = 1000;


/** One value of `data` on one line: control characters (a reason may quote a response) become spaces. */
function renderValue(name: string, value: unknown): string {
  let text = typeof value === 'string' ? value : value === undefined ? 'undefined' : JSON.stringify(value);
  // An endpoint URL's path and query can hold the receiver's tokens; email is no place for them.
  if (typeof value === 'string' && /url$/i.test(name)) text = urlOrigin(value) ?? value;
  text = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}

function idIn(data: Record<string, unknown>, name: string): string {
  const value = data[name];
  return typeof value === 'string' && value !== '' ? renderValue(name, value).slice(0, 200) : '(unknown)';
}

const headlines: Record<NoticeType, (data: Record<string, unknown>) => string> = {
  'endpoint.circuit_opened': (data) => `Circuit opened for endpoint ${idIn(data, 'endpointId')}`,
  'endpoint.disabled': (data) => `Endpoint ${idIn(data, 'endpointId')} disabled`,
  'delivery.failed': (data) => `Delivery ${idIn(data, 'deliveryId')} failed`,
};

const explanations: Record<NoticeType, string> = {
  'endpoint.circuit_opened':
    'The endpoint kept failing, so its circuit breaker opened: deliveries to it wait, without spending attempts, until the circuit closes again.',
  'endpoint.disabled':
    'Switchyard has stopped sending to this endpoint until it is enabled again.',
  'delivery.failed':
    "Every attempt on the endpoint's retry schedule failed, so the delivery is recorded as failed. POST /v1/deliveries/{id}/resend sends the event again.",
};

export interface NoticeEmail {
  subject: string;
  text: string;
}

/** The plain-text email for a notice; `project.name` is for the reader, the id is what the API knows. */
export function noticeEmail(notice: Notice, project: { id: string; name?: string }): NoticeEmail {
  const projectLine = project.name ? `${renderValue('name', project.name)} (${project.id})` : project.id;
  const details = Object.entries(notice.data).map(([name, value]) => `  ${name}: ${renderValue(name, value)}`);
  const lines = [
    `${headlines[notice.type](notice.data)}.`,
    '',
    explanations[notice.type],
    '',
    `Type:     ${notice.type}`,
    `Project:  ${projectLine}`,
    `Time:     ${notice.occurredAt}`,
    ...(details.length > 0 ? ['', 'Details:', ...details] : []),
    '',
    '--',
    `Notice ${notice.id}: the same id on every copy of this notice, and in the X-Switchyard-Notice-Id header.`,
    '',
  ];
  return { subject: `[Switchyard] ${headlines[notice.type](notice.data)}`, text: lines.join('\n') };
}
