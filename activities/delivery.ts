/**
 * One delivery attempt, as a local activity: load what the delivery needs (its state and, unless
 * this worker has it cached, the payload in one read; the endpoint's settings, cached by
 * version), sign, POST, decide, and record the attempt with the delivery's new state in one
 * statement. The endpoint's answer, good or bad, is a result; only our own failures (database
 * down) throw, and the workflow's activity retries take those.
 */
import crypto from 'node:crypto';
import { Context } from '@temporalio/activity';
import { LRUCache } from 'lru-cache';
import type { Db } from '../src/db/pool';
import { decideAttempt, recordedOutcome, sentFacts, type AttemptResult } from '../src/deliveries/attempt-decision';
import { parseRetryAfter } from '../src/deliveries/response';
import type { SendResult } from '../src/deliveries/send-result';
import { DEFAULT_RETRY_SCHEDULE, parseSchedule } from '../src/deliveries/retry-schedule';
import { attemptContext, cancelDelivery as cancelRecorded, holdDelivery, recordAttempt } from '../src/deliveries/repository';
import { healthOutcomeOf } from '../src/endpoint-health/outcomes';
import type { EndpointSnapshot } from '../src/endpoint-health/snapshot';
import type { Slot } from '../src/endpoint-health/slot-limiter';
import { InFlightLimit } from '../src/endpoint-health/in-flight-limit';
import { disabledReason, endpointById, endpointSnapshot, signingMaterial, type EndpointWithSecrets } from '../src/endpoints/repository';
import { sendableHeaders } from '../src/endpoints/schema';
import type { StoredEventBody } from '../src/events/repository';
import { log } from '../src/log';
import { metrics } from '../src/metrics/metrics';
import { noticeSettingsOf } from '../src/projects/repository';
import { REDACTED } from '../src/redaction';
import { signedHeaders } from '../src/signing/standard-webhooks';
import type { HoldReason, PermitDecision, PermitGate } from './endpoint-permits';
import type { EgressProxy } from '../src/egress/proxy';
import { createAuthorizer, type Authorizer } from './endpoint-auth';
import { USER_AGENT, type Send, type SendRoute } from './http-send';

/**
 * What an attempt comes to: one of the decision's results, or `held` when the endpoint's state
 * (paused, circuit open, rate) made the delivery wait without spending an attempt. `recorded`:
 * the delivery is marked held in the database, and the endpoint's entity wakes it.
 */
export type AttemptAnswer =
  | AttemptResult
  | { outcome: 'held'; reason: HoldReason; waitMs: number; slot?: Slot; recorded: boolean };

/** A paused endpoint's deliveries look again this often, in case a resume's wake-up was missed. */
const PAUSED_RECHECK_MS = 10 * 60_000;

/** Without an entity to ask (tests of the attempt alone): everything may go. */
const openGate: PermitGate = {
  acquire: async () => ({ go: true, probe: false }),
  report: () => undefined,
  close: async () => undefined,
};

export interface DeliveryActivityDependencies {
  db: Db;
  /** Permits from the endpoints' entities: status, circuit, rate. */
  gate?: PermitGate;
  /** The HTTP send, behind the egress policy (createHttpSender). */
  send: Send;
  /** Endpoints' own authentication; by default one built on `send`, holding OAuth 2.0 tokens in memory. */
  authorizer?: Authorizer;
  /** Attempts in flight per endpoint in this worker, at most (DELIVERY_ENDPOINT_CONCURRENCY); unset: no cap. */
  inFlightPerEndpoint?: number;
  now?: () => Date;
  random?: () => number;
}

/**
 * What this worker keeps in memory between attempts, bounded by (about) bytes rather than by
 * entries: a payload may be up to 1 MiB, and an endpoint carries up to 50 custom headers of 4 KiB
 * each. Payloads never change; endpoints are checked by version.
 */
export const PAYLOAD_CACHE_BYTES = 64 * 1024 * 1024;
export const ENDPOINT_CACHE_BYTES = 32 * 1024 * 1024;

export function createAttemptCaches() {
  return {
    endpoints: new LRUCache<string, RoutedEndpoint & { deleted: boolean; snapshot: EndpointSnapshot }>({
      maxSize: ENDPOINT_CACHE_BYTES,
      sizeCalculation: (endpoint) => JSON.stringify(endpoint).length,
    }),
    payloads: new LRUCache<string, StoredEventBody>({
      maxSize: PAYLOAD_CACHE_BYTES,
      sizeCalculation: (payload) => payload.body.length + JSON.stringify(payload.forwardHeaders).length + 64,
    }),
  };
}

/**
 * A body under 4 KiB read from PostgreSQL is a view on one of the 8 KiB slabs Node pools small
 * buffers in: cached, it would keep its whole slab alive, and a cache of small payloads would
 * hold several times its budget. A cached body gets memory of its own.
 */
export function unpooled(body: Buffer): Buffer {
  if (body.byteOffset === 0 && body.buffer.byteLength === body.length) return body;
  const own = Buffer.allocUnsafeSlow(body.length);
  body.copy(own);
  return own;
}

/** The delivery's workflow, when an attempt runs as its activity (not in tests of the activity alone). */
function callingWorkflowId(): string | undefined {
  try {
    return Context.current().info.workflowExecution?.workflowId;
  } catch {
    return undefined;
  }
}

/**
 * Custom header values may be credentials for the receiver, and Authorization is one: the attempt
 * log names them only.
 */
function loggedHeaders(headers: Record<string, string>, custom: Record<string, string>): Record<string, string> {
  const customNames = new Set([...Object.keys(custom).map((name) => name.toLowerCase()), 'authorization']);
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, customNames.has(name.toLowerCase()) ? REDACTED : value]));
}

/** An endpoint as the worker reads it: with its project's egress proxy, if the operator set one. */
type RoutedEndpoint = EndpointWithSecrets & { egressProxy: EgressProxy | null };

/**
 * An endpoint with a client certificate gets a pool of connections of its own (http-send.ts), named
 * by its certificate so a new one opens new connections; so does one whose project has a proxy.
 * The proxy's route, without the certificate, carries the OAuth 2.0 token requests.
 */
function routesOf(endpoint: RoutedEndpoint): { endpoint?: SendRoute; token?: SendRoute } {
  const proxy = endpoint.egressProxy ?? undefined;
  const digest = (value: unknown) => crypto.createHash('sha256').update(JSON.stringify(value)).digest('base64url');
  const token = proxy && { key: `proxy:${digest(proxy)}`, proxy };
  if (!endpoint.tls) return { endpoint: token, token };
  const { certificate, key, ca } = endpoint.tls;
  return { endpoint: { key: `${endpoint.id}:${digest([endpoint.tls, proxy ?? null])}`, proxy, tls: { cert: certificate, key, ca } }, token };
}

export function createDeliveryActivities(deps: DeliveryActivityDependencies) {
  const { db, gate = openGate, send, now = () => new Date(), random = Math.random } = deps;
  const inFlight = new InFlightLimit(deps.inFlightPerEndpoint ?? Number.POSITIVE_INFINITY);
  const authorizer = deps.authorizer ?? createAuthorizer(send);

  /**
   * The POST, with the endpoint's authentication. An OAuth 2.0 token the endpoint refuses with 401
   * may have been revoked before its time: one more try, with a fresh token.
   */
  async function sendAuthorized(endpoint: RoutedEndpoint, headers: Record<string, string>, body: Buffer): Promise<SendResult> {
    const routes = routesOf(endpoint);
    const request = { url: endpoint.url, body, timeoutMs: endpoint.timeoutMs, route: routes.endpoint };
    const attempt = async (): Promise<SendResult> => {
      const started = performance.now();
      const authorization = await authorizer.authorization(endpoint.id, endpoint.auth, endpoint.timeoutMs, routes.token);
      if ('error' in authorization) return { ok: false, errorClass: 'auth', error: authorization.error, durationMs: Math.round(performance.now() - started) };
      return send({ ...request, headers: authorization.header ? { ...headers, authorization: authorization.header } : headers });
    };
    const result = await attempt();
    if (result.ok && result.statusCode === 401 && authorizer.forget(endpoint.id, endpoint.auth)) return attempt();
    return result;
  }
  // With the snapshot its entity is told about, derived once per version rather than per attempt.
  const { endpoints, payloads } = createAttemptCaches();

  /** Cancelled in the database, and counted by whichever call cancelled it. */
  async function cancelDelivery(db: Db, deliveryId: string, reason: string): Promise<void> {
    const projectId = await cancelRecorded(db, deliveryId, reason);
    if (projectId) metrics().cancelled(projectId);
  }

  async function endpointAt(id: string, version: number) {
    const cached = endpoints.get(id);
    if (cached && cached.version === version) return cached;
    const row = await endpointById(db, id);
    const fresh = row && { ...row, snapshot: endpointSnapshot(row) };
    if (fresh) endpoints.set(id, fresh);
    return fresh;
  }

  return {
    /** `eventId`, when the workflow passes it, lets a cached payload spare the read of it. */
    async attemptDelivery({
      deliveryId,
      eventId,
      attempt,
      slot,
      forced = false,
    }: {
      deliveryId: string;
      eventId?: string;
      attempt: number;
      slot?: Slot;
      forced?: boolean;
    }): Promise<AttemptAnswer> {
      const cachedPayload = eventId === undefined ? undefined : payloads.get(eventId);
      const context = await attemptContext(db, deliveryId, { withPayload: !cachedPayload });
      if (!context) return { outcome: 'cancelled', reason: 'the delivery no longer exists' };
      if (context.status === 'cancelled') return { outcome: 'cancelled', reason: context.statusReason ?? 'cancelled' };
      const recorded = context.attemptCount >= attempt ? recordedOutcome(context, now()) : undefined;
      if (recorded) return recorded;
      if (context.payload) payloads.set(context.eventId, { ...context.payload, body: unpooled(context.payload.body) });
      const event = cachedPayload ?? context.payload;
      const endpoint = await endpointAt(context.endpointId, context.endpointVersion);
      if (!endpoint || !event || endpoint.deleted || endpoint.status === 'disabled') {
        const reason = !endpoint || endpoint.deleted ? 'the endpoint was deleted' : disabledReason(endpoint.statusReason);
        await cancelDelivery(db, deliveryId, reason);
        return { outcome: 'cancelled', reason };
      }

      const hold = async (reason: HoldReason, waitMs: number, why: string, record: boolean, whilePaused = false): Promise<AttemptAnswer | undefined> => {
        if (record && !(await holdDelivery(db, { deliveryId, endpointId: endpoint.id, reason: why, until: new Date(now().getTime() + waitMs), whilePaused }))) {
          return undefined;
        }
        return { outcome: 'held', reason, waitMs, recorded: record };
      };
      if (endpoint.status === 'paused') {
        const held = await hold('paused', PAUSED_RECHECK_MS, `the endpoint is paused${endpoint.statusReason ? ` (${endpoint.statusReason})` : ''}`, true, true);
        // Not held: resumed since this copy of the endpoint was read. Look again in a second, afresh.
        return held ?? { outcome: 'held', reason: 'paused', waitMs: 1_000, recorded: false };
      }

      const permit: PermitDecision = await gate.acquire({ id: endpoint.id, projectId: endpoint.projectId, snapshot: endpoint.snapshot }, { slot, forced });
      if (!permit.go) {
        switch (permit.reason) {
          case 'disabled': {
            const reason = disabledReason(permit.statusReason ?? null);
            await cancelDelivery(db, deliveryId, reason);
            return { outcome: 'cancelled', reason };
          }
          case 'circuit_open':
          case 'half_open':
            return (await hold(permit.reason, permit.waitMs, permit.reason === 'circuit_open' ? "the endpoint's circuit is open" : "the endpoint's circuit is half-open: probing", true))!;
          default:
            // Rate, Retry-After, a pause not yet persisted: short waits, not worth a write.
            return { outcome: 'held', reason: permit.reason, waitMs: permit.waitMs, slot: permit.slot, recorded: false };
        }
      }

      // Counted around the send only: a delivery the permit holds (rate, circuit) costs no place,
      // and the average learnt is the endpoint's own answer time. Probes pass: there are few, and
      // the circuit waits on their outcome.
      const claimedAt = now().getTime();
      const counted = !permit.probe;
      if (counted && !inFlight.claim(endpoint.id, claimedAt)) {
        return { outcome: 'held', reason: 'busy', waitMs: inFlight.waitMs(endpoint.id, claimedAt, endpoint.timeoutMs, random()), recorded: false };
      }
      try {
        const startedAt = now();
        const headers = {
          ...event.forwardHeaders,
          ...sendableHeaders(endpoint.headers),
          'content-type': event.contentType,
          'user-agent': USER_AGENT,
          // webhook-id is the event's id: the same on every attempt, so receivers can deduplicate.
          ...signedHeaders(signingMaterial(endpoint, startedAt), context.eventId, Math.floor(startedAt.getTime() / 1000), event.body),
        };
        const result = await sendAuthorized(endpoint, headers, event.body);
        // An answer that broke off counts as no answer for the endpoint's health, as for the delivery.
        const statusCode = result.ok ? result.statusCode : null;
        const retryAfterMs = result.ok ? parseRetryAfter(result.headers['retry-after'], startedAt.getTime()) : undefined;
        gate.report(endpoint.id, healthOutcomeOf(statusCode, retryAfterMs), permit.probe);

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
            // The endpoint's authentication is added in the send; the log says it was there, not what it was.
            requestHeaders: loggedHeaders(endpoint.auth ? { ...headers, authorization: REDACTED } : headers, endpoint.headers),
            statusCode: result.statusCode ?? null,
            responseHeaders: result.headers ?? null,
            responseBody: result.body ?? null,
            errorClass: result.ok ? null : result.errorClass,
            error: result.ok ? null : result.error,
          },
          update,
        );
        if (answer.outcome === 'failed' || log.enabled('debug')) {
          const fields = { deliveryId, eventId: context.eventId, endpointId: endpoint.id, workflowId: callingWorkflowId(), attempt, ...sentFacts(result) };
          if (answer.outcome === 'failed') log.info('delivery failed', { ...fields, reason: answer.reason });
          else log.debug('delivery attempt', { ...fields, outcome: answer.outcome });
        }
        metrics().attempted({
          ...sentFacts(result),
          outcome: answer.outcome === 'retrying' || answer.outcome === 'succeeded' ? answer.outcome : 'failed',
          sinceAcceptedMs: answer.outcome === 'succeeded' ? now().getTime() - context.createdAt.getTime() : undefined,
          projectId: endpoint.projectId,
        });
        return answer;
      } finally {
        if (counted) inFlight.release(endpoint.id, claimedAt, now().getTime());
      }
    },

    async cancelDelivery({ deliveryId, reason }: { deliveryId: string; reason: string }): Promise<void> {
      await cancelDelivery(db, deliveryId, reason);
    },

    /** Whether a failed delivery is worth a notice: the project has somewhere to send it. */
    async wantsFailureNotice({ projectId }: { projectId: string }): Promise<boolean> {
      const settings = await noticeSettingsOf(db, projectId);
      return Boolean(settings && (settings.operationalWebhookUrl || settings.noticeEmails.length > 0));
    },
  };
}

export type DeliveryActivities = ReturnType<typeof createDeliveryActivities>;
