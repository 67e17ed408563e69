/**
 * The worker's side of the permit protocol with endpoint entities. Per endpoint, this process
 * holds a lease from `endpoint/{id}` (status, circuit, its share of the rate, a failure budget)
 * and answers each delivery attempt from it: go, or wait this long. Outcomes are folded into a
 * report that rides on the next exchange, which also renews the lease. A healthy endpoint costs
 * one exchange every five seconds or so, whatever the number of deliveries; the entity hears
 * sooner when failures may trip the circuit, a probe comes back, a 429/503 asks us to slow down,
 * or a 410.
 */
import crypto from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { ExchangeRequest, Lease } from '../src/endpoint-health/lease';
import type { EndpointSnapshot } from '../src/endpoint-health/snapshot';
import { addOutcome, emptyReport, isEmptyReport, mergeReports, type HealthOutcome, type OutcomeReport } from '../src/endpoint-health/outcomes';
import { SlotLimiter, type Slot } from '../src/endpoint-health/slot-limiter';
import { errorMessage, log } from '../src/log';
import { entityStartOperation } from '../src/endpoint-health/entity-client';
import { endpointWorkflowId, exchangeUpdate } from '../src/endpoint-health/workflow-contract';

/** `busy`: this worker already has as many attempts in flight to the endpoint as it allows (delivery.ts). */
export type HoldReason = 'rate' | 'retry_after' | 'circuit_open' | 'half_open' | 'paused' | 'disabled' | 'busy';

export type PermitDecision =
  | { go: true; probe: boolean }
  | { go: false; reason: HoldReason; waitMs: number; slot?: Slot; statusReason?: string | null };

export interface PermitGate {
  /**
   * May a delivery to this endpoint go now? `slot`: the one a previous answer gave it. `forced`:
   * an operator said "now", which passes the rate and Retry-After (not a pause or an open circuit).
   */
  acquire(endpoint: { id: string; projectId: string; snapshot: EndpointSnapshot }, options?: { slot?: Slot; forced?: boolean }): Promise<PermitDecision>;
  /** What an attempt that was let through found. */
  report(endpointId: string, outcome: HealthOutcome, probe: boolean): void;
  /** Sends what is still unreported, and stops the timers. */
  close(): Promise<void>;
}

/** How often the gate looks for reports and leases that are due. */
const FLUSH_EVERY_MS = 1_000;
/**
 * Outcomes the entity need not hear at once (successes, failures within the budget) go this long
 * after the last exchange. Each exchange is a workflow update, some five history events: sent
 * every second, every busy endpoint would cost Temporal an update a second, a large share of its
 * work beside the deliveries themselves (README, Benchmarks). The circuit's window keeps each outcome's second, so it does not
 * depend on this cadence; the adaptive rate's climb counts the time between reports up to 5 s
 * each (adaptive-rate.ts), so reports 5-6 s apart climb at least five sixths as fast.
 */
const REPORT_EVERY_MS = 5_000;
/** A delivery the circuit holds in half-open waits this long, unless woken when it closes. */
const HALF_OPEN_WAIT_MS = 30_000;
/**
 * A delivery an open circuit holds sleeps until the entity wakes it: a few, to probe, when the
 * circuit half-opens, and all when it closes. In case a wake is missed it looks again by itself
 * after CIRCUIT_RECHECK_MS (or the cool-down, if longer), spread over CIRCUIT_SPREAD_MS. Before,
 * every held delivery came back at the half-open instant only to be held again: a burst of
 * workflow tasks per sick endpoint in the same second, which stalled the healthy endpoints'
 * deliveries for seconds (the isolation benchmark; README, Benchmarks).
 */
const CIRCUIT_RECHECK_MS = 5 * 60_000;
const CIRCUIT_SPREAD_MS = 60_000;
/** Within this of the half-open, a held delivery waits only until then (and up to this much more). */
const HALF_OPEN_SOON_MS = 1_000;
/** The entity has paused the endpoint but not yet persisted it: look again shortly. */
const PAUSE_PENDING_WAIT_MS = 5_000;
/** How long closing waits to send the last reports. */
const CLOSE_TIMEOUT_MS = 5_000;
/** Endpoints unused this long are forgotten (their report sent first). */
const IDLE_MS = 5 * 60_000;

interface EndpointPermits {
  endpointId: string;
  projectId: string;
  snapshot: EndpointSnapshot;
  lease?: Lease;
  leaseAt: number;
  limiter?: SlotLimiter;
  probes: number;
  /** When this worker last asked for probes: in half-open, at most once a second. */
  probeAskedAt: number;
  failures: number;
  mustExchange: boolean;
  report: OutcomeReport;
  exchanging?: Promise<void>;
  lastUsedAt: number;
  soon?: NodeJS.Timeout;
}

export function createPermitGate(options: { client: Client; taskQueue: string; now?: () => number; random?: () => number }): PermitGate {
  const { client, taskQueue, now = Date.now, random = Math.random } = options;
  const lessee = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const endpoints = new Map<string, EndpointPermits>();

  /**
   * `start`: only a delivery about to go (whose endpoint was just read, and is not deleted) may
   * start the entity. Background renewals must not: an entity that ended because its endpoint
   * was deleted would come back to life from a stale copy.
   */
  async function exchangeOnce(st: EndpointPermits, wantsProbe: boolean, start: boolean): Promise<void> {
    if (wantsProbe) st.probeAskedAt = now();
    // The lease's durations run from when the entity wrote them, which is after this: counted from
    // the asking, the lease ends no later than the entity's own view (an open circuit's lease ends
    // by the time it half-opens, so a delivery woken to probe asks again instead of sleeping on).
    const askedAt = now();
    const report = st.report;
    st.report = emptyReport();
    st.failures = 0;
    try {
      const args: [ExchangeRequest] = [{ lessee, report, endpoint: st.snapshot, wantsProbe }];
      const lease = start
        ? await client.workflow.executeUpdateWithStart(exchangeUpdate, {
            args,
            startWorkflowOperation: entityStartOperation(taskQueue, { id: st.endpointId, projectId: st.projectId, snapshot: st.snapshot }),
          })
        : await client.workflow.getHandle(endpointWorkflowId(st.endpointId)).executeUpdate(exchangeUpdate, { args });
      const at = now();
      st.lease = lease;
      st.leaseAt = askedAt;
      // Probes granted earlier and not yet used stay this worker's: the entity counts them as out.
      st.probes = lease.circuit === 'half_open' ? st.probes + lease.probes : 0;
      st.mustExchange = false;
      if (!lease.rate) st.limiter = undefined;
      else if (!st.limiter) st.limiter = new SlotLimiter(crypto.randomUUID(), lease.rate.perSecond, lease.rate.burst, at);
      else st.limiter.setRate(lease.rate.perSecond, lease.rate.burst, at);
    } catch (error) {
      // The entity has ended (its endpoint was deleted): nothing more to report or lease.
      if (!start && error instanceof WorkflowNotFoundError) {
        endpoints.delete(st.endpointId);
        return;
      }
      // Nothing is lost: the report goes in front of the next one.
      st.report = mergeReports(report, st.report);
      throw error;
    }
  }

  /** One exchange at a time per endpoint; callers arriving meanwhile share it. */
  function exchange(st: EndpointPermits, wantsProbe: boolean, start = false): Promise<void> {
    st.exchanging ??= exchangeOnce(st, wantsProbe, start).finally(() => {
      st.exchanging = undefined;
    });
    return st.exchanging;
  }

  function needsExchange(st: EndpointPermits, at: number): boolean {
    const lease = st.lease;
    return !lease || st.mustExchange || at >= st.leaseAt + lease.ttlMs || lease.version < st.snapshot.version;
  }

  function decide(st: EndpointPermits, at: number, { slot, forced = false }: { slot?: Slot; forced?: boolean }): PermitDecision {
    const lease = st.lease!;
    const since = at - st.leaseAt;
    if (lease.status === 'disabled') return { go: false, reason: 'disabled', waitMs: 0, statusReason: lease.statusReason };
    if (lease.status === 'paused') return { go: false, reason: 'paused', waitMs: PAUSE_PENDING_WAIT_MS, statusReason: lease.statusReason };
    if (lease.circuit === 'open') {
      const halfOpensInMs = Math.max(0, lease.halfOpensInMs! - since);
      // About to half-open: a delivery here may be one the entity woke to probe, so it looks again
      // right after, rather than sleeping until the recheck.
      if (halfOpensInMs < HALF_OPEN_SOON_MS) return { go: false, reason: 'circuit_open', waitMs: halfOpensInMs + Math.floor(random() * HALF_OPEN_SOON_MS) };
      return { go: false, reason: 'circuit_open', waitMs: Math.max(halfOpensInMs, CIRCUIT_RECHECK_MS) + Math.floor(random() * CIRCUIT_SPREAD_MS) };
    }
    if (lease.circuit === 'half_open') {
      if (st.probes > 0) {
        st.probes--;
        return { go: true, probe: true };
      }
      return { go: false, reason: 'half_open', waitMs: HALF_OPEN_WAIT_MS };
    }
    if (forced) return { go: true, probe: false };
    if (lease.holdForMs !== null && lease.holdForMs > since) return { go: false, reason: 'retry_after', waitMs: lease.holdForMs - since };
    if (st.limiter) {
      const taken = st.limiter.take(at, slot);
      if (taken.waitMs > 0) return { go: false, reason: 'rate', waitMs: taken.waitMs, slot: taken.slot };
    }
    return { go: true, probe: false };
  }

  function stateOf(endpoint: { id: string; projectId: string; snapshot: EndpointSnapshot }): EndpointPermits {
    let st = endpoints.get(endpoint.id);
    if (!st) {
      st = { endpointId: endpoint.id, projectId: endpoint.projectId, snapshot: endpoint.snapshot, leaseAt: 0, probes: 0, probeAskedAt: 0, failures: 0, mustExchange: false, report: emptyReport(), lastUsedAt: now() };
      endpoints.set(endpoint.id, st);
    }
    if (endpoint.snapshot.version > st.snapshot.version) st.snapshot = endpoint.snapshot;
    return st;
  }

  function exchangeInBackground(st: EndpointPermits): void {
    exchange(st, false).catch((error) => log.warn('endpoint exchange failed; retrying with the next one', { endpointId: st.endpointId, error: errorMessage(error) }));
  }

  const flusher = setInterval(() => {
    const at = now();
    for (const st of endpoints.values()) {
      if (st.exchanging) continue;
      // A closed circuit's lease in use is renewed before it runs out, so deliveries never wait
      // on the renewal; an open one ends when the circuit turns half-open, and waits for a delivery.
      const expiring = st.lease?.circuit === 'closed' && at >= st.leaseAt + st.lease.ttlMs * 0.7 && at - st.lastUsedAt < st.lease.ttlMs;
      const reportDue = !isEmptyReport(st.report) && at - st.leaseAt >= REPORT_EVERY_MS;
      if (reportDue || st.mustExchange || expiring) exchangeInBackground(st);
      else if (at - st.lastUsedAt > IDLE_MS) endpoints.delete(st.endpointId);
    }
  }, FLUSH_EVERY_MS);
  flusher.unref();

  return {
    async acquire(endpoint, options = {}) {
      const st = stateOf(endpoint);
      const at = now();
      st.lastUsedAt = at;
      if (needsExchange(st, at)) await exchange(st, true, true);
      let decision = decide(st, now(), options);
      // Half-open and this worker holds no probe: ask whether one is free, at most once a second.
      if (!decision.go && decision.reason === 'half_open' && now() - st.probeAskedAt >= 1_000) {
        await exchange(st, true, true);
        decision = decide(st, now(), options);
      }
      return decision;
    },

    report(endpointId, outcome, probe) {
      const st = endpoints.get(endpointId);
      if (!st) return;
      addOutcome(st.report, outcome, now(), probe);
      const failed = outcome.kind === 'failure' || outcome.kind === 'gone';
      if (failed) st.failures++;
      const urgent =
        probe || outcome.kind === 'gone' || outcome.kind === 'throttled' || (outcome.kind === 'failure' && outcome.slowDown) || st.failures >= (st.lease?.failureBudget ?? 1);
      if (!urgent) return;
      // Until the entity has heard, no more permits: the circuit may be about to open.
      st.mustExchange = true;
      st.soon ??= setTimeout(() => {
        st.soon = undefined;
        if (st.mustExchange) exchangeInBackground(st);
      }, 20);
      st.soon.unref();
    },

    async close() {
      clearInterval(flusher);
      const flushed = Promise.all(
        [...endpoints.values()].map(async (st) => {
          if (st.soon) clearTimeout(st.soon);
          await st.exchanging?.catch(() => undefined);
          if (!isEmptyReport(st.report)) await exchange(st, false).catch(() => undefined);
        }),
      );
      // Unreported outcomes are a matter of statistics, not of delivery: do not hang on them.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([flushed, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS)))]);
      clearTimeout(timer);
    },
  };
}
