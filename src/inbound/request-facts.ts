/**
 * What Switchyard reads from an inbound request besides its signature: the event type it records,
 * the body as routing rules see it, which headers travel on to internal services, and which are
 * kept on the event's record. Pure.
 */
import { REDACTED } from '../redaction';
import { MAX_EVENT_TYPE_LENGTH } from '../routing/event-types';

/** The body for routing rules: parsed JSON, a form's fields, or nothing. */
export function routableBody(body: Buffer, contentType: string | undefined): unknown {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const text = body.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const field = (value: unknown, key: string): unknown => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** Segments of letters, digits, "_" and "-": whatever the provider calls it, made one. */
function segmentsOf(name: string): string[] {
  return name
    .split(/[./:]+/)
    .map((part) => part.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase())
    .filter((part) => part.length > 0);
}

/**
 * The event type an inbound webhook is recorded under: the provider, then its own name for the
 * event where it gives one (`github.pull_request.opened`, `stripe.invoice.paid`,
 * `shopify.orders.create`), else `<provider>.webhook`.
 */
export function inboundEventType(provider: string, headers: Record<string, string | undefined>, body: unknown): string {
  const named: Record<string, () => string | undefined> = {
    stripe: () => text(field(body, 'type')),
    github: () => {
      const event = text(headers['x-github-event']);
      const action = text(field(body, 'action'));
      return event && action ? `${event}.${action}` : event;
    },
    shopify: () => text(headers['x-shopify-topic']),
    slack: () => text(field(field(body, 'event'), 'type')) ?? text(field(body, 'type')),
    paddle: () => text(field(body, 'event_type')),
    square: () => text(field(body, 'type')),
    gitlab: () => text(field(body, 'object_kind')) ?? text(headers['x-gitlab-event']),
    'standard-webhooks': () => text(field(body, 'type')),
    svix: () => text(field(body, 'type')),
  };
  const name = named[provider]?.();
  const type = [...segmentsOf(provider), ...(name ? segmentsOf(name) : ['webhook'])].join('.');
  return type.slice(0, MAX_EVENT_TYPE_LENGTH).replace(/\.+$/, '');
}

/** Provider headers internal services often need to tell events apart; sent on with every delivery. */
const FORWARDED = [
  'x-github-event', 'x-github-delivery', 'x-github-hook-id',
  'x-shopify-topic', 'x-shopify-shop-domain', 'x-shopify-webhook-id', 'x-shopify-event-id', 'x-shopify-api-version',
  'x-gitlab-event', 'x-gitlab-event-uuid',
  'x-slack-retry-num', 'x-slack-retry-reason',
  'i-twilio-idempotency-token',
];

export function forwardedHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(FORWARDED.flatMap((name) => (headers[name] ? [[name, headers[name]!]] : [])));
}

/** Headers whose values prove or grant something: kept on the record by name only. */
const CREDENTIAL = /^(authorization|cookie|proxy-authorization|x-gitlab-token|x-api-key)$|signature|hmac|token|secret|key$/i;

/**
 * The request's headers as the event keeps them. `credentialHeaders`: the ones this source
 * verifies with (a generic preset's `apiKey.header` or `hmac.header`, whatever it is named),
 * redacted like the well-known ones.
 */
export function recordedHeaders(headers: Record<string, string | undefined>, credentialHeaders: readonly string[] = []): Record<string, string> {
  const configured = new Set(credentialHeaders.map((name) => name.toLowerCase()));
  const secret = (name: string) => CREDENTIAL.test(name) || configured.has(name.toLowerCase());
  return Object.fromEntries(Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, secret(name) ? REDACTED : value]])));
}
