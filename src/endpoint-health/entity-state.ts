/**
 * An endpoint's health as its entity workflow keeps it: status, circuit, adaptive rate and recent
 * outcomes, and what each input (a worker's report, an operator's command, the passing of time)
 * does to it. Every function here is pure: it changes the state it is given and returns the
 * effects the workflow must carry out (persist, notify, wake or cancel deliveries, replay).
 */
import { advanceCircuit, afterProbes, closedCircuit, failuresBeforeTrip, grantProbes, openCircuit, shouldTrip, type Circuit, type CircuitState } from './circuit';
import { initialRate, slowDown, speedUp, withConfiguredLimit, type AdaptiveRate } from './adaptive-rate';
import { addToWindow, observedRate, reportCounts, windowCounts, type OutcomeReport, type OutcomeWindow } from './outcomes';
import type { HealthSettings, RateLimit } from './settings';
import { formatDuration } from '../durations';
import { isJsonObject } from '../json';

export type EndpointStatus = 'active' | 'paused' | 'disabled';

/** The endpoint as stored: what a worker or the API hands the entity, never with secrets. */
export interface EndpointSnapshot {
  version: number;
  status: EndpointStatus;
  statusReason: string | null;
  settings: HealthSettings;
  deleted: boolean;
}

export type DeliveryStatusFilter = 'failed' | 'cancelled' | 'succeeded';

export interface ReplayRequest {
  /** ISO times bounding when the events were accepted; `until` open-ended when absent. */
  since: string;
  until?: string;
  statuses?: DeliveryStatusFilter[];
  /** Replays are idempotent by (since, until, statuses); a new key runs the same range again. */
  key?: string;
}

export interface Replay {
  id: string;
  since: string;
  until: string | null;
  statuses: DeliveryStatusFilter[];
  requestedAt: number;
  state: 'running' | 'done' | 'failed';
  matched?: number;
  error?: string;
}

export type Command =
  | { type: 'pause'; reason?: string }
  | { type: 'resume' }
  | { type: 'disable'; reason?: string }
  | { type: 'enable' }
  | { type: 'resetCircuit' }
  | { type: 'setRateLimit'; rateLimit: RateLimit | null }
  | ({ type: 'replay' } & ReplayRequest);

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
}

/** What a worker sends: its outcomes since last time, and the endpoint as it last read it. */
export interface ExchangeRequest {
  lessee: string;
  report: OutcomeReport;
  endpoint: EndpointSnapshot;
  /** A delivery is waiting for a permit: in half-open, this is who gets a probe. */
  wantsProbe: boolean;
}

/** What a worker may do until the lease ends. Durations, not instants: clocks differ. */
export interface Lease {
  version: number;
  status: EndpointStatus;
  statusReason: string | null;
  circuit: CircuitState;
  /** Open: how long until half-open. */
  halfOpensInMs: number | null;
  /** Retry-After: send nothing for this long. */
  holdForMs: number | null;
  /** This worker's share of the rate; null: no limit. */
  rate: RateLimit | null;
  /** Probe deliveries this worker may send (half-open). */
  probes: number;
  /** Failures this worker may see before it must report and ask again (the circuit may trip). */
  failureBudget: number;
  ttlMs: number;
}

export const LEASE_TTL_MS = 10_000;
/**
 * A Retry-After holds the whole endpoint for at most this long: one 429 must not freeze it for
 * hours. The delivery that got it still waits the full time on its own schedule.
 */
export const MAX_ENDPOINT_HOLD_MS = 10 * 60_000;
/** A worker that has not asked for this long no longer counts for the rate's share. */
export const LESSEE_IDLE_MS = 3 * LEASE_TTL_MS;
const KEPT_REPLAYS = 20;

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
 * Whether a message claiming to be an endpoint snapshot has its shape. Signals and updates can be
 * sent by hand (`temporal workflow signal`), and a malformed one must be refused, not crash the
 * entity's workflow task over and over.
 */
export function isSnapshot(value: unknown): value is EndpointSnapshot {
  return (
    isJsonObject(value) &&
    Number.isInteger(value.version) &&
    ['active', 'paused', 'disabled'].includes(value.status as string) &&
    typeof value.deleted === 'boolean' &&
    isJsonObject(value.settings) &&
    isJsonObject(value.settings.circuit)
  );
}

/** Why an exchange request is malformed, or undefined. */
export function exchangeProblem(request: unknown): string | undefined {
  if (!isJsonObject(request) || typeof request.lessee !== 'string') return 'an exchange needs a lessee';
  if (!isJsonObject(request.report) || !Array.isArray(request.report.seconds)) return 'an exchange needs an outcome report';
  if (!isSnapshot(request.endpoint)) return 'an exchange needs the endpoint as the worker read it';
  return undefined;
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

function disable(state: EntityState, reason: string, now: number): Effect[] {
  if (state.status === 'disabled') return [];
  state.status = 'disabled';
  state.statusReason = reason;
  return [
    { kind: 'persistStatus', status: 'disabled', reason },
    { kind: 'cancelUnfinished', reason: `the endpoint was disabled: ${reason}` },
    { kind: 'notice', type: 'endpoint.disabled', data: { reason, disabledAt: new Date(now).toISOString() } },
  ];
}

function closeCircuit(state: EntityState): Effect[] {
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

const replayStatuses: readonly DeliveryStatusFilter[] = ['failed', 'cancelled', 'succeeded'];

/** Why a command cannot be carried out, or undefined. Signals with a problem are logged and dropped. */
export function commandProblem(state: EntityState, command: Command): string | undefined {
  if (typeof command !== 'object' || command === null) return 'a command is an object with a type';
  if (state.deleted) return 'the endpoint was deleted';
  if ((command.type === 'pause' || command.type === 'disable') && command.reason !== undefined && (typeof command.reason !== 'string' || command.reason.length > 500)) {
    return 'reason must be text of at most 500 characters';
  }
  switch (command.type) {
    case 'pause':
      return state.status === 'disabled' ? 'the endpoint is disabled; enable it first' : undefined;
    case 'setRateLimit': {
      const limit = command.rateLimit;
      if (limit === null) return undefined;
      if (typeof limit !== 'object' || !(limit.perSecond > 0 && limit.perSecond <= 10_000)) return 'rateLimit.perSecond must be a number above 0 and at most 10000';
      if (!(Number.isInteger(limit.burst) && limit.burst >= 1 && limit.burst <= 10_000)) return 'rateLimit.burst must be a whole number from 1 to 10000';
      return undefined;
    }
    case 'replay': {
      if (state.status === 'disabled') return 'the endpoint is disabled; enable it before replaying';
      if (typeof command.since !== 'string' || Number.isNaN(Date.parse(command.since))) return 'since must be an ISO 8601 time';
      if (command.until !== undefined && (typeof command.until !== 'string' || Number.isNaN(Date.parse(command.until)))) return 'until must be an ISO 8601 time';
      if (command.until !== undefined && Date.parse(command.until) <= Date.parse(command.since)) return 'until must be after since';
      if (command.statuses !== undefined && (!Array.isArray(command.statuses) || command.statuses.length === 0 || command.statuses.some((s) => !replayStatuses.includes(s)))) {
        return `statuses must be a non-empty list of ${replayStatuses.join(', ')}`;
      }
      if (command.key !== undefined && (typeof command.key !== 'string' || !/^[\w.:-]{1,100}$/.test(command.key))) return 'key must be 1 to 100 letters, digits, or . _ : -';
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Replay ids are derived from the request, so the same replay asked twice runs once. */
export function replayId(endpointId: string, request: ReplayRequest): string {
  const statuses = [...(request.statuses ?? ['failed', 'cancelled'])].sort().join(',');
  const range = `${new Date(request.since).toISOString()}..${request.until ? new Date(request.until).toISOString() : ''}`;
  return `rpl:${endpointId}:${request.key ?? `${range}:${statuses}`}`;
}

/** An operator's command. Call commandProblem first. */
export function applyCommand(state: EntityState, command: Command, now: number): Effect[] {
  switch (command.type) {
    case 'pause':
      if (state.status !== 'active') return [];
      state.status = 'paused';
      state.statusReason = command.reason ?? 'paused by an operator';
      return [{ kind: 'persistStatus', status: 'paused', reason: state.statusReason }];
    case 'resume':
      if (state.status !== 'paused') return [];
      state.status = 'active';
      state.statusReason = null;
      return [{ kind: 'persistStatus', status: 'active', reason: null }, { kind: 'wakeHeld', limit: null }];
    case 'disable':
      return disable(state, command.reason ?? 'disabled by an operator', now);
    case 'enable':
      if (state.status !== 'disabled') return [];
      state.status = 'active';
      state.statusReason = null;
      // A fresh start: what made it fail is presumably fixed.
      state.failingSince = null;
      state.holdUntil = null;
      state.rate = initialRate(state.settings.rateLimit, state.rate);
      return [{ kind: 'persistStatus', status: 'active', reason: null }, ...closeCircuit(state)];
    case 'resetCircuit':
      state.holdUntil = null;
      state.rate = initialRate(state.settings.rateLimit, state.rate);
      return closeCircuit(state);
    case 'setRateLimit':
      state.settings = { ...state.settings, rateLimit: command.rateLimit };
      state.rate = withConfiguredLimit(state.rate, command.rateLimit);
      return [{ kind: 'persistRateLimit', rateLimit: command.rateLimit }];
    case 'replay': {
      const id = replayId(state.endpointId, command);
      const known = state.replays.find((r) => r.id === id);
      if (known && known.state !== 'failed') return [];
      const replay: Replay = {
        id,
        since: new Date(command.since).toISOString(),
        until: command.until ? new Date(command.until).toISOString() : null,
        statuses: command.statuses ?? ['failed', 'cancelled'],
        requestedAt: now,
        state: 'running',
      };
      state.replays = [...state.replays.filter((r) => r.id !== id), replay].slice(-KEPT_REPLAYS);
      return [{ kind: 'replay', replay }];
    }
  }
}

export function replayFinished(state: EntityState, id: string, outcome: { matched: number } | { error: string }): void {
  state.replays = state.replays.map((r) =>
    r.id !== id ? r : 'error' in outcome ? { ...r, state: 'failed', error: outcome.error } : { ...r, state: 'done', matched: outcome.matched },
  );
}

/** What the `state` query and GET /v1/endpoints/:id/health answer. */
export interface EndpointHealth {
  endpointId: string;
  status: EndpointStatus;
  statusReason: string | null;
  circuit: { state: CircuitState; trips: number; consecutiveFailures: number; openedAt: string | null; halfOpensAt: string | null };
  rate: {
    perSecond: number | null;
    burst: number | null;
    effectivePerSecond: number | null;
    retryAfterUntil: string | null;
    /** How the rate has adapted to 429s and 503s: decreases so far, the latest low, and when. */
    slowDowns: { count: number; lowestPerSecond: number | null; lastAt: string | null };
  };
  recent: {
    windowSeconds: number;
    attempts: number;
    successes: number;
    failures: number;
    throttled: number;
    failureRatio: number;
    lastSuccessAt: string | null;
    lastFailureAt: string | null;
    failingSince: string | null;
  };
  totals: EntityState['totals'];
  workers: number;
  replays: Replay[];
  runs: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function healthView(state: EntityState, now: number): EndpointHealth {
  const windowMs = state.settings.circuit.windowMs;
  const counts = windowCounts(state.window, now, windowMs);
  const attempts = counts.successes + counts.failures;
  return {
    endpointId: state.endpointId,
    status: state.status,
    statusReason: state.statusReason,
    circuit: {
      state: state.circuit.state,
      trips: state.circuit.trips,
      consecutiveFailures: state.consecutiveFailures,
      openedAt: iso(state.circuit.openedAt),
      halfOpensAt: iso(state.circuit.halfOpensAt),
    },
    rate: {
      perSecond: state.settings.rateLimit?.perSecond ?? null,
      burst: state.settings.rateLimit?.burst ?? null,
      effectivePerSecond: state.rate.effective === null ? null : Math.round(state.rate.effective * 100) / 100,
      retryAfterUntil: state.holdUntil !== null && state.holdUntil > now ? iso(state.holdUntil) : null,
      slowDowns: {
        count: state.rate.decreases,
        lowestPerSecond: state.rate.lowest === null ? null : Math.round(state.rate.lowest * 100) / 100,
        lastAt: iso(state.rate.lastDecreaseAt),
      },
    },
    recent: {
      windowSeconds: windowMs / 1000,
      attempts: attempts + counts.throttled,
      ...counts,
      failureRatio: attempts === 0 ? 0 : Math.round((counts.failures / attempts) * 1000) / 1000,
      lastSuccessAt: iso(state.lastSuccessAt),
      lastFailureAt: iso(state.lastFailureAt),
      failingSince: iso(state.failingSince),
    },
    totals: state.totals,
    workers: Object.keys(state.lessees).length,
    replays: state.replays,
    runs: state.runs,
  };
}
