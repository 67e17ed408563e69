/**
 * One delivery attempt, as a local activity: load what the delivery needs (endpoint settings and
 * payload, cached in this worker), sign, POST, decide, and record the attempt with the
 * delivery's new state in one transaction. The endpoint's answer, good or bad, is a result; only
 * our own failures (database down) throw, and the workflow's activity retries take those.
 */
import type { Db } from '../src/db/pool';
import { decideAttempt, recordedOutcome, type AttemptResult } from '../src/delivery/attempt-decision';
import { DEFAULT_RETRY_SCHEDULE, parseSchedule } from '../src/delivery/retry-schedule';
import { attemptContext, cancelDelivery, recordAttempt } from '../src/deliveries/repository';
import { endpointById, signingSecrets, type EndpointWithSecrets } from '../src/endpoints/repository';
import { eventBody, type StoredEventBody } from '../src/events/repository';
import { signedHeaders } from '../src/signing/standard-webhooks';
import { sendWebhook, type SendRequest, type SendResult } from './http-send';

export type { AttemptResult };

export const USER_AGENT = 'Switchyard-Webhooks/0.1';

export interface DeliveryActivityDependencies {
  db: Db;
  send?: (request: SendRequest) => Promise<SendResult>;
  now?: () => Date;
  random?: () => number;
}

/** A small least-recently-used map: payloads are immutable, endpoints are checked by version. */
class Lru<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly capacity: number) {}
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }
}

/** Custom header values may be credentials for the receiver: the attempt log names them only. */
function loggedHeaders(headers: Record<string, string>, custom: Record<string, string>): Record<string, string> {
  const customNames = new Set(Object.keys(custom).map((name) => name.toLowerCase()));
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, customNames.has(name.toLowerCase()) ? '[redacted]' : value]));
}

export function createDeliveryActivities(deps: DeliveryActivityDependencies) {
  const { db, send = sendWebhook, now = () => new Date(), random = Math.random } = deps;
  const endpoints = new Lru<string, EndpointWithSecrets & { deleted: boolean }>(10_000);
  const payloads = new Lru<string, StoredEventBody>(5_000);

  async function endpointAt(id: string, version: number) {
    const cached = endpoints.get(id);
    if (cached && cached.version === version) return cached;
    const fresh = await endpointById(db, id);
    if (fresh) endpoints.set(id, fresh);
    return fresh;
  }

  async function payloadOf(eventId: string) {
    const cached = payloads.get(eventId);
    if (cached) return cached;
    const fresh = await eventBody(db, eventId);
    if (fresh) payloads.set(eventId, fresh);
    return fresh;
  }

  return {
    async attemptDelivery({ deliveryId, attempt }: { deliveryId: string; attempt: number }): Promise<AttemptResult> {
      const context = await attemptContext(db, deliveryId);
      if (!context) return { outcome: 'cancelled', reason: 'the delivery no longer exists' };
      if (context.status === 'cancelled') return { outcome: 'cancelled', reason: context.statusReason ?? 'cancelled' };
      const recorded = context.attemptCount >= attempt ? recordedOutcome(context, now()) : undefined;
      if (recorded) return recorded;
      const [endpoint, event] = await Promise.all([endpointAt(context.endpointId, context.endpointVersion), payloadOf(context.eventId)]);
      if (!endpoint || !event || endpoint.deleted || endpoint.status === 'disabled') {
        const reason = !endpoint || endpoint.deleted ? 'the endpoint was deleted' : `the endpoint is disabled${endpoint.statusReason ? ` (${endpoint.statusReason})` : ''}`;
        await cancelDelivery(db, deliveryId, reason);
        return { outcome: 'cancelled', reason };
      }

      const startedAt = now();
      const headers = {
        ...endpoint.headers,
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        // webhook-id is the event's id: the same on every attempt, so receivers can deduplicate.
        ...signedHeaders(signingSecrets(endpoint, startedAt), context.eventId, Math.floor(startedAt.getTime() / 1000), event.body),
      };
      const result = await send({ url: endpoint.url, headers, body: event.body, timeoutMs: endpoint.timeoutMs });

      const { update, answer } = decideAttempt({
        result,
        attempt,
        endpoint,
        scheduleMs: parseSchedule(endpoint.retrySchedule ?? DEFAULT_RETRY_SCHEDULE),
        random: random(),
        startedAt,
      });

      await recordAttempt(
        db,
        {
          deliveryId,
          n: attempt,
          startedAt,
          durationMs: result.durationMs,
          requestHeaders: loggedHeaders(headers, endpoint.headers),
          statusCode: result.ok ? result.statusCode : null,
          responseHeaders: result.ok ? result.headers : null,
          responseBody: result.ok ? result.body : null,
          errorClass: result.ok ? null : result.errorClass,
          error: result.ok ? null : result.error,
        },
        update,
      );
      return answer;
    },

    async cancelDelivery({ deliveryId, reason }: { deliveryId: string; reason: string }): Promise<void> {
      await cancelDelivery(db, deliveryId, reason);
    },
  };
}

export type DeliveryActivities = ReturnType<typeof createDeliveryActivities>;
