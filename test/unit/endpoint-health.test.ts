/** The arithmetic of endpoint health: outcomes, circuit, adaptive rate, pacing, the entity's state. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIN_RATE, initialRate, slowDown, speedUp } from '../../src/endpoint-health/adaptive-rate';
import { PROBE_TIMEOUT_MS, advanceCircuit, afterProbes, closedCircuit, coolDownFor, failuresBeforeTrip, grantProbes, openCircuit, shouldTrip } from '../../src/endpoint-health/circuit';
import { applyCommand, commandProblem, commandProblems } from '../../src/endpoint-health/commands';
import { applyReport, advance, exchange, initialState, type EntityState } from '../../src/endpoint-health/entity-state';
import { healthView } from '../../src/endpoint-health/health-view';
import { exchangeProblem } from '../../src/endpoint-health/lease';
import { finishReplay, replayId } from '../../src/endpoint-health/replays';
import { isSnapshot, type EndpointSnapshot } from '../../src/endpoint-health/snapshot';
import { addOutcome, emptyReport, healthOutcomeOf, mergeReports, reportCounts, type HealthOutcome } from '../../src/endpoint-health/outcomes';
import { DEFAULT_CIRCUIT, rateLimitProblems, resolveCircuit, resolveSettings, withBurst } from '../../src/endpoint-health/settings';
import { SlotLimiter } from '../../src/endpoint-health/slot-limiter';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const success: HealthOutcome = { kind: 'success' };
const failure: HealthOutcome = { kind: 'failure', slowDown: false };

function report(outcomes: HealthOutcome[], at = T0, probe = false) {
  const r = emptyReport();
  outcomes.forEach((o, i) => addOutcome(r, o, at + i, probe));
  return r;
}

function snapshot(overrides: Partial<EndpointSnapshot> = {}): EndpointSnapshot {
  return {
    version: 1,
    status: 'active',
    statusReason: null,
    deleted: false,
    settings: resolveSettings({ rateLimit: null, circuitBreaker: {}, autoDisableAfter: '24h' }),
    ...overrides,
  };
}

function entity(overrides: Partial<EndpointSnapshot> = {}): EntityState {
  return initialState('ep_1', 'proj_1', snapshot(overrides));
}

describe('outcomes', () => {
  it('classifies answers: 2xx success, 410 gone, 429 throttled, 503 a failure that also slows us down', () => {
    assert.deepEqual(healthOutcomeOf(204), success);
    assert.deepEqual(healthOutcomeOf(410), { kind: 'gone' });
    assert.deepEqual(healthOutcomeOf(429, 5000), { kind: 'throttled', retryAfterMs: 5000 });
    assert.deepEqual(healthOutcomeOf(503, 2000), { kind: 'failure', slowDown: true, retryAfterMs: 2000 });
    assert.deepEqual(healthOutcomeOf(500, 2000), { kind: 'failure', slowDown: false, retryAfterMs: undefined });
    assert.deepEqual(healthOutcomeOf(null), { kind: 'failure', slowDown: false, retryAfterMs: undefined });
  });

  it('folds outcomes per second and keeps the failures after the last success', () => {
    const r = report([failure, success, failure, failure, { kind: 'throttled', retryAfterMs: 3000 }]);
    assert.deepEqual(reportCounts(r), { successes: 1, failures: 3, throttled: 1 });
    assert.equal(r.trailingFailures, 2);
    assert.equal(r.firstTrailingFailureAt, T0 + 2);
    assert.equal(r.slowDowns, 1);
    assert.equal(r.retryAfterMs, 3000);
  });

  it('merges an unsent report in front of the next one', () => {
    const merged = mergeReports(report([failure, failure]), report([failure], T0 + 1500));
    assert.equal(merged.trailingFailures, 3);
    assert.equal(merged.firstTrailingFailureAt, T0);
    assert.deepEqual(merged.seconds, [[T0 / 1000, 0, 2, 0], [T0 / 1000 + 1, 0, 1, 0]]);
    const recovered = mergeReports(report([failure]), report([success, failure], T0 + 10));
    assert.equal(recovered.trailingFailures, 1);
    assert.equal(recovered.firstTrailingFailureAt, T0 + 11);
  });
});

describe('circuit', () => {
  const settings = DEFAULT_CIRCUIT;

  it('trips on the failure ratio only with enough attempts, or on failures in a row', () => {
    assert.equal(shouldTrip({ successes: 9, failures: 10 }, 1, settings), false, '19 attempts are too few');
    assert.equal(shouldTrip({ successes: 10, failures: 10 }, 1, settings), true);
    assert.equal(shouldTrip({ successes: 11, failures: 9 }, 1, settings), false);
    assert.equal(shouldTrip({ successes: 100, failures: 10 }, 10, settings), true);
  });

  it('says how many failures can come before a trip is possible', () => {
    assert.equal(failuresBeforeTrip({ successes: 0, failures: 0 }, 0, settings), 10);
    assert.equal(failuresBeforeTrip({ successes: 10, failures: 9 }, 0, settings), 1);
    assert.equal(failuresBeforeTrip({ successes: 100, failures: 0 }, 7, settings), 3);
  });

  it('doubles the cool-down on repeated trips, up to the maximum', () => {
    const s = resolveCircuit({ coolDown: '10s', maxCoolDown: '35s' });
    assert.deepEqual([1, 2, 3, 4].map((t) => coolDownFor(t, s)), [10_000, 20_000, 35_000, 35_000]);
  });

  it('holds durations stored before their bounds to them, so a trip cannot overflow a date', () => {
    const s = resolveCircuit({ coolDown: '999999999d', maxCoolDown: '999999999d', window: '999999999d' });
    assert.deepEqual([s.coolDownMs, s.maxCoolDownMs, s.windowMs], [7 * 86_400_000, 7 * 86_400_000, 86_400_000]);
    const opened = openCircuit(closedCircuit(), T0, s);
    assert.equal(new Date(opened.halfOpensAt!).toISOString(), new Date(T0 + 7 * 86_400_000).toISOString());
    assert.equal(resolveSettings({ rateLimit: null, circuitBreaker: {}, autoDisableAfter: '999999999d' }).autoDisableAfterMs, 30 * 86_400_000);
  });

  it('opens, turns half-open after the cool-down, probes, and closes when every probe succeeds', () => {
    let c = openCircuit(closedCircuit(), T0, settings);
    assert.equal(c.state, 'open');
    assert.equal(advanceCircuit(c, T0 + 29_999).state, 'open');
    c = advanceCircuit(c, T0 + 30_000);
    assert.equal(c.state, 'half_open');
    const g = grantProbes(c, T0 + 30_000, settings);
    assert.equal(g.granted, 3);
    c = g.circuit;
    assert.equal(grantProbes(c, T0 + 30_000, settings).granted, 0, 'no more than `probes` at once');
    c = afterProbes(c, { successes: 2, failures: 0 }, T0 + 31_000, settings);
    assert.equal(c.state, 'half_open');
    c = afterProbes(c, { successes: 1, failures: 0 }, T0 + 31_000, settings);
    assert.deepEqual(c, closedCircuit());
  });

  it('opens again, for longer, when a probe fails; a probe lost with its worker is given up', () => {
    let c = advanceCircuit(openCircuit(closedCircuit(), T0, settings), T0 + 30_000);
    c = grantProbes(c, T0 + 30_000, settings).circuit;
    assert.equal(advanceCircuit(c, T0 + 30_000 + PROBE_TIMEOUT_MS + 1).probesGranted, 0);
    c = afterProbes(c, { successes: 0, failures: 1 }, T0 + 31_000, settings);
    assert.equal(c.state, 'open');
    assert.equal(c.trips, 2);
    assert.equal(c.halfOpensAt, T0 + 31_000 + 60_000);
  });
});

describe('adaptive rate', () => {
  const limit = { perSecond: 40, burst: 5 };

  it('halves on a slow-down, once per overload, never below the minimum', () => {
    let r = slowDown(initialRate(limit), 0, T0);
    assert.equal(r.effective, 20);
    assert.equal(slowDown(r, 0, T0 + 500).effective, 20, 'a burst of 429s is one decrease');
    for (let i = 1; i < 20; i++) r = slowDown(r, 0, T0 + i * 1000);
    assert.equal(r.effective, MIN_RATE);
    assert.equal(r.decreases, 20);
    assert.equal(r.lowest, MIN_RATE);
  });

  it('climbs back by a twentieth of the limit per second of successes, and no higher than the limit', () => {
    let r = slowDown(initialRate(limit), 0, T0);
    r = speedUp(r, limit, T0 + 1000);
    assert.equal(r.effective, 22);
    r = speedUp(r, limit, T0 + 3000);
    assert.equal(r.effective, 26);
    for (let i = 4; i < 20; i++) r = speedUp(r, limit, T0 + i * 1000);
    assert.equal(r.effective, 40);
  });

  it('without a configured limit, starts from the observed rate and lifts the limit once recovered', () => {
    let r = slowDown(initialRate(null), 30, T0);
    assert.equal(r.effective, 15);
    assert.equal(r.ceiling, 30);
    for (let i = 1; i <= 10; i++) r = speedUp(r, null, T0 + i * 1000);
    assert.equal(r.effective, null);
  });
});

describe('slot limiter', () => {
  it('lets a burst through, then paces at the rate, one slot each', () => {
    const l = new SlotLimiter('a', 10, 3, T0);
    const waits = Array.from({ length: 6 }, () => l.take(T0).waitMs);
    assert.deepEqual(waits, [0, 0, 0, 100, 200, 300]);
  });

  it('honours a slot it issued and voids one from another limiter', () => {
    const l = new SlotLimiter('a', 10, 1, T0);
    l.take(T0);
    const { waitMs, slot } = l.take(T0);
    assert.equal(waitMs, 100);
    assert.equal(l.take(T0 + 100, slot).waitMs, 0, 'the slot is still its own');
    assert.equal(l.take(T0 + 100, { limiterId: 'b', n: slot.n }).slot.n, slot.n + 1, 'a foreign slot is re-issued at the back');
  });

  it('re-times outstanding slots when the rate changes', () => {
    const l = new SlotLimiter('a', 10, 1, T0);
    const slots = Array.from({ length: 5 }, () => l.take(T0).slot);
    l.setRate(5, 1, T0);
    assert.deepEqual(slots.map((s) => l.take(T0, s).waitMs), [0, 200, 400, 600, 800]);
  });

  it('delivers at the rate over a long run, whatever the arrival pattern', () => {
    const l = new SlotLimiter('a', 20, 1, T0);
    const due = Array.from({ length: 600 }, (_, i) => T0 + Math.floor(i / 50) * 700 + l.take(T0 + Math.floor(i / 50) * 700).waitMs);
    const inWindow = due.filter((t) => t >= T0 + 5000 && t < T0 + 25_000).length;
    assert.equal(inWindow, 400);
  });
});

describe('entity state', () => {
  it('opens the circuit on ten failures in a row, with one notice, and holds failures in the lease budget', () => {
    const s = entity();
    assert.deepEqual(applyReport(s, report(Array(9).fill(failure)), T0), []);
    assert.equal(exchange(s, { lessee: 'w1', report: emptyReport(), endpoint: snapshot(), wantsProbe: false }, T0).lease.failureBudget, 1);
    const effects = applyReport(s, report([failure]), T0 + 100);
    assert.equal(s.circuit.state, 'open');
    assert.deepEqual(
      effects.map((e) => e.kind === 'notice' && e.type),
      ['endpoint.circuit_opened'],
    );
    const lease = exchange(s, { lessee: 'w1', report: emptyReport(), endpoint: snapshot(), wantsProbe: true }, T0 + 1000).lease;
    assert.equal(lease.circuit, 'open');
    assert.equal(lease.probes, 0);
    assert.equal(lease.halfOpensInMs, 29_100);
  });

  it('wakes the first held deliveries to probe when half-open, and all of them when the probes succeed', () => {
    const s = entity();
    applyReport(s, report(Array(10).fill(failure)), T0);
    assert.deepEqual(advance(s, T0 + 30_000), [{ kind: 'wakeHeld', limit: 3 }]);
    const leases = [1, 2, 3, 4].map((i) => exchange(s, { lessee: `w${i}`, report: emptyReport(), endpoint: snapshot(), wantsProbe: true }, T0 + 30_001).lease);
    assert.deepEqual(leases.map((l) => l.probes), [3, 0, 0, 0]);
    assert.deepEqual(applyReport(s, report([success], T0 + 30_500, true), T0 + 30_600), [{ kind: 'wakeHeld', limit: 2 }], 'more probes are due');
    assert.deepEqual(applyReport(s, report([success, success], T0 + 30_700, true), T0 + 31_000), [{ kind: 'wakeHeld', limit: null }]);
    assert.equal(s.circuit.state, 'closed');
    assert.equal(s.consecutiveFailures, 0);
  });

  it('shares the effective rate and burst between the workers holding leases', () => {
    const s = entity({ settings: resolveSettings({ rateLimit: { perSecond: 30, burst: 6 }, circuitBreaker: {}, autoDisableAfter: null }) });
    exchange(s, { lessee: 'w1', report: emptyReport(), endpoint: snapshot(), wantsProbe: false }, T0);
    const lease = exchange(s, { lessee: 'w2', report: emptyReport(), endpoint: snapshot(), wantsProbe: false }, T0).lease;
    assert.deepEqual(lease.rate, { perSecond: 15, burst: 3 });
    assert.equal(exchange(s, { lessee: 'w1', report: emptyReport(), endpoint: snapshot(), wantsProbe: false }, T0 + 40_000).lease.rate!.perSecond, 30, 'w2 went quiet');
  });

  it('slows down on 429s and honours Retry-After in the lease', () => {
    const s = entity({ settings: resolveSettings({ rateLimit: { perSecond: 50, burst: 1 }, circuitBreaker: {}, autoDisableAfter: null }) });
    const { lease } = exchange(s, { lessee: 'w1', report: report([success, { kind: 'throttled', retryAfterMs: 2000 }]), endpoint: snapshot(), wantsProbe: false }, T0);
    assert.equal(lease.rate!.perSecond, 25);
    assert.equal(lease.holdForMs, 2000);
    assert.equal(s.circuit.state, 'closed', '429s are not failures');
    assert.equal(healthView(s, T0).rate.effectivePerSecond, 25);
  });

  it('disables after the configured time without a success while attempts keep failing, and on 410 Gone', () => {
    const s = entity({ settings: resolveSettings({ rateLimit: null, circuitBreaker: { consecutiveFailures: 1000, minAttempts: 1000 }, autoDisableAfter: '1h' }) });
    applyReport(s, report([success, failure]), T0);
    assert.deepEqual(applyReport(s, report([failure], T0 + 3_599_000), T0 + 3_599_000), []);
    const effects = applyReport(s, report([failure], T0 + 3_600_001), T0 + 3_600_001);
    assert.deepEqual(effects.map((e) => e.kind), ['persistStatus', 'cancelUnfinished', 'notice']);
    assert.equal(s.status, 'disabled');
    assert.match(s.statusReason!, /no successful delivery for 1h/);
    const gone = entity();
    assert.deepEqual(applyReport(gone, report([{ kind: 'gone' }]), T0).map((e) => e.kind), ['persistStatus', 'cancelUnfinished', 'notice']);
  });

  it('carries out operator commands, and refuses the ones that make no sense', () => {
    const s = entity();
    assert.deepEqual(applyCommand(s, { type: 'pause' }, T0), [{ kind: 'persistStatus', status: 'paused', reason: 'paused by an operator' }]);
    assert.deepEqual(applyCommand(s, { type: 'pause' }, T0), [], 'pausing twice is one pause');
    assert.deepEqual(applyCommand(s, { type: 'resume' }, T0), [
      { kind: 'persistStatus', status: 'active', reason: null },
      { kind: 'wakeHeld', limit: null },
    ]);
    applyCommand(s, { type: 'disable', reason: 'customer churned' }, T0);
    assert.equal(commandProblem(s, { type: 'pause' }), 'the endpoint is disabled; enable it first');
    assert.match(commandProblem(s, { type: 'replay', since: '2026-01-01T00:00:00Z' })!, /enable it/);
    applyCommand(s, { type: 'enable' }, T0);
    assert.equal(s.status, 'active');
    assert.match(commandProblem(s, { type: 'setRateLimit', rateLimit: { perSecond: -1, burst: 1 } })!, /perSecond/);
    assert.match(commandProblem(s, { type: 'replay', since: 'yesterday' })!, /since/);
    assert.match(commandProblem(s, { type: 'disable', reason: 5 as never })!, /reason/);
    assert.match(commandProblem(s, { type: 'replay', since: '2026-01-02T00:00:00Z', until: '2026-01-01T00:00:00Z' })!, /after/);
    assert.match(commandProblem(s, { type: 'replay', since: '2026-01-01T00:00:00Z', statuses: ['pending' as never] })!, /statuses/);
  });

  it('checks a command by the same rules at both doors: the API body and the entity', () => {
    assert.deepEqual(commandProblems('pause', { reason: 'maintenance' }), []);
    assert.deepEqual(commandProblems('pause', { reason: ' ', extra: 1 }), [
      { path: 'extra', message: 'is not a known field' },
      { path: 'reason', message: 'must be text of 1 to 500 characters' },
    ]);
    assert.deepEqual(commandProblems('resume', []), [{ path: '', message: 'must be a JSON object' }]);
    assert.match(commandProblems('reboot', {})[0]!.message, /one of pause, resume/);
    assert.deepEqual(commandProblems('setRateLimit', {}), [{ path: 'rateLimit', message: 'is required (null removes the limit)' }]);
    assert.deepEqual(commandProblems('setRateLimit', { rateLimit: null }), []);
    assert.deepEqual(
      commandProblems('setRateLimit', { rateLimit: { perSecond: 20_000, burst: 1.5 } }).map((p) => p.path),
      ['rateLimit.perSecond', 'rateLimit.burst'],
    );
    assert.deepEqual(commandProblems('replay', { since: '2026-01-01T00:00:00+02:00', statuses: ['failed'], key: 'k.1' }), []);
    assert.deepEqual(commandProblems('replay', { since: '2026-01-01' }).map((p) => p.path), ['since'], 'a time needs its zone');
    assert.deepEqual(commandProblems('replay', { since: '2026-01-01T00:00:00Z', statuses: [], key: 'has space' }).map((p) => p.path), ['statuses', 'key']);
    assert.deepEqual(rateLimitProblems({ perSecond: 2.5 }), []);
    assert.deepEqual(withBurst({ perSecond: 2.5 }), { perSecond: 2.5, burst: 3 }, 'the burst defaults to one second of the rate');
  });

  it('sets a rate limit given without a burst with one second of it', () => {
    const s = entity();
    assert.deepEqual(applyCommand(s, { type: 'setRateLimit', rateLimit: { perSecond: 4 } }, T0), [{ kind: 'persistRateLimit', rateLimit: { perSecond: 4, burst: 4 } }]);
    assert.deepEqual(s.settings.rateLimit, { perSecond: 4, burst: 4 });
  });

  it('runs a replay once per range and statuses; a key runs it again', () => {
    const s = entity();
    const request = { type: 'replay' as const, since: '2026-01-01T00:00:00Z', until: '2026-01-02T00:00:00Z' };
    assert.equal(applyCommand(s, request, T0).length, 1);
    assert.equal(applyCommand(s, { ...request, since: '2026-01-01T00:00:00.000Z' }, T0).length, 0, 'the same range, written differently');
    assert.equal(applyCommand(s, { ...request, key: 'again' }, T0).length, 1);
    assert.notEqual(replayId('ep_1', request), replayId('ep_1', { ...request, statuses: ['failed'] }));
    const [first] = s.replays;
    s.replays = finishReplay(s.replays, first!.id, { error: 'database down' });
    assert.equal(applyCommand(s, request, T0).length, 1, 'a failed replay runs again');
    s.replays = finishReplay(s.replays, first!.id, { matched: 3 });
    assert.deepEqual(s.replays.find((r) => r.id === first!.id), { ...first, state: 'done', matched: 3, requestedAt: T0 });
  });

  it('refuses malformed snapshots and exchanges, as an operator could send by hand', () => {
    assert.equal(isSnapshot(snapshot()), true);
    for (const bad of [undefined, null, 'x', { version: '2' }, { ...snapshot(), status: 'gone' }, { ...snapshot(), settings: null }]) assert.equal(isSnapshot(bad), false);
    assert.equal(exchangeProblem({ lessee: 'w1', report: emptyReport(), endpoint: snapshot(), wantsProbe: false }), undefined);
    assert.match(exchangeProblem(null)!, /lessee/);
    assert.match(exchangeProblem({ lessee: 'w1', report: {}, endpoint: snapshot() })!, /report/);
    assert.match(exchangeProblem({ lessee: 'w1', report: emptyReport(), endpoint: {} })!, /endpoint/);
    assert.match(commandProblem(entity(), null as never)!, /object/);
  });

  it('adopts a newer copy of the endpoint, and never an older one', () => {
    const s = entity();
    applyCommand(s, { type: 'pause' }, T0);
    exchange(s, { lessee: 'w1', report: emptyReport(), endpoint: snapshot({ version: 1 }), wantsProbe: false }, T0);
    assert.equal(s.status, 'paused', 'the stale copy (version 1, active) does not undo the pause');
    const limited = resolveSettings({ rateLimit: { perSecond: 5, burst: 1 }, circuitBreaker: {}, autoDisableAfter: null });
    const { lease } = exchange(s, { lessee: 'w1', report: emptyReport(), endpoint: snapshot({ version: 3, status: 'paused', settings: limited }), wantsProbe: false }, T0);
    assert.deepEqual(lease.rate, { perSecond: 5, burst: 1 });
    const gone = exchange(s, { lessee: 'w1', report: emptyReport(), endpoint: snapshot({ version: 4, status: 'disabled', deleted: true }), wantsProbe: false }, T0);
    assert.deepEqual(gone.effects, [{ kind: 'cancelUnfinished', reason: 'the endpoint was deleted' }], 'a deleted endpoint stops its waiting deliveries');
    assert.equal(s.deleted, true);
  });
});
