/**
 * An endpoint's health as its entity workflow keeps it: status, circuit, adaptive rate and recent
 * outcomes, and what a worker's exchange (its report, the endpoint as it read it) and the passing
 * of time do to it. Operators' commands are in commands.ts, the health it shows in
 * health-view.ts. Every function here is pure: it changes the state it is given and returns the
 * effects the workflow must carry out (persist, notify, wake or cancel deliveries, replay).
 */
import { formatDuration } from '../durations';
import { initialRate, slowDown, speedUp, withConfiguredLimit, type AdaptiveRate } from './adaptive-rate';
import { advanceCircuit, afterProbes, closedCircuit, failuresBeforeTrip, grantProbes, openCircuit, shouldTrip, type Circuit, type CircuitState } from './circuit';
import { LEASE_TTL_MS, LESSEE_IDLE_MS, type ExchangeRequest, type Lease } from './lease';
import { addToWindow, observedRate, reportCounts, windowCounts, type OutcomeReport, type OutcomeWindow } from './outcomes';
import type { Replay } from './replays';
import type { HealthSettings, RateLimit } from './settings';
import type { EndpointSnapshot, EndpointStatus } from './snapshot';

export type NoticeType = 'endpoint.circuit_opened' | 'endpoint.disabled';

export type Effect =
  | { kind: 'persistStatus'; status: EndpointStatus; reason: string | null }
  | { kind: 'persistRateLimit'; rateLimit: RateLimit | null }
  /** Stop every delivery of the endpoint that has not finished. */
  | { kind: 'cancelUnfinished'; reason: string }
  /** Let held deliveries try again (all of them, or the first `limit`). */
  | { kind: 'wakeHeld'; limit: number | null }
  | { kind: 'notice'; type: NoticeType; data: Record<string, unknown> }
  | { kind: 'replay'; replay: Replay };

export interface EntityState {
  endpointId: string;
  projectId: string;
  version: number;
  status: EndpointStatus;
  statusReason: string | null;
  settings: HealthSettings;
  deleted: boolean;
  circuit: Circuit;
  rate: AdaptiveRate;
  /** A Retry-After asked us to send nothing until then. */
  holdUntil: number | null;
  window: OutcomeWindow;
  consecutiveFailures: number;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  /** The first failure since the last success: what auto-disable measures. */
  failingSince: number | null;
  /** Outcomes reported since the entity began, and the exchanges (one report and one lease each) that brought them. */
  totals: { successes: number; failures: number; throttled: number; exchanges: number };
  /** Worker processes holding leases, by id: when each last asked. The rate is shared between them. */
  lessees: Record<string, number>;
  replays: Replay[];
  /** Runs before this one (continue-as-new). */
  runs: number;
  /**
   * The circuit as last copied to the endpoint's row for the metrics (column circuit_state).
   * Unset until the first copy, and in states carried from before that column: the row reads closed.
   */
  copiedCircuit?: CircuitState;
}

/**
 * A Retry-After holds the whole endpoint for at most this long: one 429 must not freeze it for
 * hours. The delivery that got it still waits the full time on its own schedule.
 */
export const MAX_ENDPOINT_HOLD_MS = 10 * 60_000;

export function initialState(endpointId: string, projectId: string, snapshot: EndpointSnapshot): EntityState {
  return {
    endpointId,
    projectId,
    version: snapshot.version,
    status: snapshot.status,
    statusReason: snapshot.statusReason,
    settings: snapshot.settings,
    deleted: snapshot.deleted,
    circuit: closedCircuit(),
    rate: initialRate(snapshot.settings.rateLimit),
    holdUntil: null,
    window: [],
    consecutiveFailures: 0,
    lastSuccessAt: null,
    lastFailureAt: null,
    failingSince: null,
    totals: { successes: 0, failures: 0, throttled: 0, exchanges: 0 },
    lessees: {},
    replays: [],
    runs: 0,
  };
}

/**
 * A newer copy of the endpoint than the entity has: settings changed through the API, or a 410
 * disabled it in the attempt's own transaction. The entity's own changes come back with the
 * version they were persisted at, so an older copy never undoes them.
 */
export function adoptSnapshot(state: EntityState, snapshot: EndpointSnapshot): Effect[] {
  if (snapshot.version <= state.version) return [];
  const limitChanged = JSON.stringify(snapshot.settings.rateLimit) !== JSON.stringify(state.settings.rateLimit);
  const deletedNow = snapshot.deleted && !state.deleted;
  state.version = snapshot.version;
  state.settings = snapshot.settings;
  state.deleted = snapshot.deleted;
  state.status = snapshot.status;
  state.statusReason = snapshot.statusReason;
  if (limitChanged) state.rate = withConfiguredLimit(state.rate, snapshot.settings.rateLimit);
  // Deleted: its waiting deliveries stop now rather than when each next wakes.
  return deletedNow ? [{ kind: 'cancelUnfinished', reason: 'the endpoint was deleted' }] : [];
}

export function disable(state: EntityState, reason: string, now: number): Effect[] {
  if (state.status === 'disabled') return [];
  state.status = 'disabled';
  state.statusReason = reason;
  return [
    { kind: 'persistStatus', status: 'disabled', reason },
    { kind: 'cancelUnfinished', reason: `the endpoint was disabled: ${reason}` },
    { kind: 'notice', type: 'endpoint.disabled', data: { reason, disabledAt: new Date(now).toISOString() } },
  ];
}

export function closeCircuit(state: EntityState): Effect[] {
  state.circuit = closedCircuit();
  state.window = [];
  state.consecutiveFailures = 0;
  return [{ kind: 'wakeHeld', limit: null }];
}

/** A closed circuit trips; a failed probe re-opens it through afterProbes, without a second notice. */
function tripCircuit(state: EntityState, now: number): Effect[] {
  const counts = windowCounts(state.window, now, state.settings.circuit.windowMs);
  state.circuit = openCircuit(state.circuit, now, state.settings.circuit);
  state.window = [];
  return [
    {
      kind: 'notice',
      type: 'endpoint.circuit_opened',
      data: {
        consecutiveFailures: state.consecutiveFailures,
        recent: counts,
        halfOpensAt: new Date(state.circuit.halfOpensAt!).toISOString(),
      },
    },
  ];
}

/** A worker's report: counts, circuit, adaptive rate, auto-disable. */
export function applyReport(state: EntityState, report: OutcomeReport, now: number): Effect[] {
  const effects: Effect[] = [];
  const settings = state.settings;
  const counts = reportCounts(report);
  state.totals.successes += counts.successes;
  state.totals.failures += counts.failures;
  state.totals.throttled += counts.throttled;
  state.window = addToWindow(state.window, report.seconds, now, settings.circuit.windowMs);
  state.consecutiveFailures = report.sawSuccess ? report.trailingFailures : state.consecutiveFailures + report.trailingFailures;
  if (report.lastSuccessAt !== null) state.lastSuccessAt = Math.max(state.lastSuccessAt ?? 0, report.lastSuccessAt);
  if (report.lastFailureAt !== null) state.lastFailureAt = Math.max(state.lastFailureAt ?? 0, report.lastFailureAt);
  if (report.sawSuccess) state.failingSince = report.firstTrailingFailureAt;
  else if (report.firstTrailingFailureAt !== null) state.failingSince ??= report.firstTrailingFailureAt;

  if (report.gone) effects.push(...disable(state, 'the endpoint answered 410 Gone', now));

  if (report.slowDowns > 0) {
    state.rate = slowDown(state.rate, observedRate(state.window, now), now);
    if (report.retryAfterMs !== null && report.retryAfterMs > 0) {
      state.holdUntil = Math.max(state.holdUntil ?? 0, now + Math.min(report.retryAfterMs, MAX_ENDPOINT_HOLD_MS));
    }
  } else if (counts.successes > 0) {
    state.rate = speedUp(state.rate, settings.rateLimit, now);
  }

  state.circuit = advanceCircuit(state.circuit, now);
  if (state.circuit.state === 'half_open' && (report.probeSuccesses > 0 || report.probeFailures > 0)) {
    state.circuit = afterProbes(state.circuit, { successes: report.probeSuccesses, failures: report.probeFailures }, now, settings.circuit);
    if (state.circuit.state === 'closed') effects.push(...closeCircuit(state));
    else if (state.circuit.state === 'open') state.window = [];
    // Still half-open after a success: more probes are due, and held deliveries can be them.
    else effects.push({ kind: 'wakeHeld', limit: settings.circuit.probes - state.circuit.probeSuccesses });
  } else if (state.circuit.state === 'closed' && shouldTrip(windowCounts(state.window, now, settings.circuit.windowMs), state.consecutiveFailures, settings.circuit)) {
    effects.push(...tripCircuit(state, now));
  }

  const afterMs = settings.autoDisableAfterMs;
  if (afterMs !== null && counts.failures > 0 && state.failingSince !== null && now - state.failingSince >= afterMs) {
    effects.push(...disable(state, `no successful delivery for ${formatDuration(now - state.failingSince)} while attempts kept failing`, now));
  }
  return effects;
}

/** Time passing: an open circuit whose cool-down ended lets the first few held deliveries probe. */
export function advance(state: EntityState, now: number): Effect[] {
  const before = state.circuit.state;
  state.circuit = advanceCircuit(state.circuit, now);
  if (state.holdUntil !== null && now >= state.holdUntil) state.holdUntil = null;
  for (const [lessee, seenAt] of Object.entries(state.lessees)) if (now - seenAt > LESSEE_IDLE_MS) delete state.lessees[lessee];
  if (before === 'open' && state.circuit.state === 'half_open') return [{ kind: 'wakeHeld', limit: state.settings.circuit.probes }];
  return [];
}

/** When the entity next has something to do on its own. */
export function nextWakeAt(state: EntityState): number | null {
  return state.circuit.state === 'open' ? state.circuit.halfOpensAt : null;
}

/** A worker's exchange: take its report, then grant it a lease. */
export function exchange(state: EntityState, request: ExchangeRequest, now: number): { lease: Lease; effects: Effect[] } {
  const effects = [...adoptSnapshot(state, request.endpoint), ...advance(state, now), ...applyReport(state, request.report, now)];
  state.lessees[request.lessee] = now;
  state.totals.exchanges++;
  return { lease: grantLease(state, request.wantsProbe, now), effects };
}

export function grantLease(state: EntityState, wantsProbe: boolean, now: number): Lease {
  const lessees = Math.max(1, Object.keys(state.lessees).length);
  let probes = 0;
  if (wantsProbe && state.status === 'active') {
    const granted = grantProbes(state.circuit, now, state.settings.circuit);
    state.circuit = granted.circuit;
    probes = granted.granted;
  }
  const limit = state.settings.rateLimit;
  const perSecond = state.rate.effective;
  const circuit = state.circuit;
  const budget = failuresBeforeTrip(windowCounts(state.window, now, state.settings.circuit.windowMs), state.consecutiveFailures, state.settings.circuit);
  return {
    version: state.version,
    status: state.status,
    statusReason: state.statusReason,
    circuit: circuit.state,
    halfOpensInMs: circuit.state === 'open' ? Math.max(0, circuit.halfOpensAt! - now) : null,
    holdForMs: state.holdUntil !== null && state.holdUntil > now ? state.holdUntil - now : null,
    rate: perSecond === null ? null : { perSecond: perSecond / lessees, burst: Math.max(1, Math.floor((limit?.burst ?? 1) / lessees)) },
    probes,
    failureBudget: circuit.state === 'closed' ? Math.max(1, Math.floor(budget / lessees)) : 1,
    ttlMs: circuit.state === 'open' ? Math.min(LEASE_TTL_MS, Math.max(100, circuit.halfOpensAt! - now)) : LEASE_TTL_MS,
  };
}
