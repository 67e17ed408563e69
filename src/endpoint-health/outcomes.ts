/**
 * What workers tell an endpoint's entity about the attempts they made: outcomes folded into a
 * small report per exchange instead of one message per delivery, and the entity's sliding window
 * over those reports. Pure: workers build reports, the entity workflow reads them.
 */

/** What an attempt says about the endpoint's health. */
export type HealthOutcome =
  | { kind: 'success' }
  /** Any other answer or no answer. `slowDown`: a 503, which also asks us to send less. */
  | { kind: 'failure'; slowDown: boolean; retryAfterMs?: number }
  /** 429: the endpoint is alive and asks us to send less; not held against its health. */
  | { kind: 'throttled'; retryAfterMs?: number }
  /** 410 Gone: the endpoint is no more. */
  | { kind: 'gone' };

export function healthOutcomeOf(statusCode: number | null, retryAfterMs?: number): HealthOutcome {
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return { kind: 'success' };
  if (statusCode === 410) return { kind: 'gone' };
  if (statusCode === 429) return { kind: 'throttled', retryAfterMs };
  return { kind: 'failure', slowDown: statusCode === 503, retryAfterMs: statusCode === 503 ? retryAfterMs : undefined };
}

/** [epoch second, successes, failures, throttled] */
export type SecondCounts = [number, number, number, number];

export interface OutcomeReport {
  seconds: SecondCounts[];
  /** Whether any attempt in the report succeeded, and the failures after the last success. */
  sawSuccess: boolean;
  trailingFailures: number;
  firstTrailingFailureAt: number | null;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  /** 429s and 503s: the signal for the adaptive rate. */
  slowDowns: number;
  /** The longest Retry-After among them, in milliseconds. */
  retryAfterMs: number | null;
  probeSuccesses: number;
  probeFailures: number;
  gone: boolean;
}

export function emptyReport(): OutcomeReport {
  return {
    seconds: [],
    sawSuccess: false,
    trailingFailures: 0,
    firstTrailingFailureAt: null,
    lastSuccessAt: null,
    lastFailureAt: null,
    slowDowns: 0,
    retryAfterMs: null,
    probeSuccesses: 0,
    probeFailures: 0,
    gone: false,
  };
}

export function isEmptyReport(report: OutcomeReport): boolean {
  return report.seconds.length === 0 && !report.gone;
}

const maxOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** Adds one attempt's outcome, made at `at` (epoch ms). Mutates: reports are built by one owner. */
export function addOutcome(report: OutcomeReport, outcome: HealthOutcome, at: number, probe = false): void {
  const second = Math.floor(at / 1000);
  let row = report.seconds.find((r) => r[0] === second);
  if (!row) {
    row = [second, 0, 0, 0];
    report.seconds.push(row);
    report.seconds.sort((a, b) => a[0] - b[0]);
  }
  switch (outcome.kind) {
    case 'success':
      row[1]++;
      report.sawSuccess = true;
      report.trailingFailures = 0;
      report.firstTrailingFailureAt = null;
      report.lastSuccessAt = maxOf(report.lastSuccessAt, at);
      if (probe) report.probeSuccesses++;
      return;
    case 'throttled':
      row[3]++;
      report.slowDowns++;
      report.retryAfterMs = maxOf(report.retryAfterMs, outcome.retryAfterMs ?? null);
      return;
    case 'gone':
      row[2]++;
      report.gone = true;
      report.lastFailureAt = maxOf(report.lastFailureAt, at);
      return;
    case 'failure':
      row[2]++;
      report.trailingFailures++;
      report.firstTrailingFailureAt ??= at;
      report.lastFailureAt = maxOf(report.lastFailureAt, at);
      if (outcome.slowDown) {
        report.slowDowns++;
        report.retryAfterMs = maxOf(report.retryAfterMs, outcome.retryAfterMs ?? null);
      }
      if (probe) report.probeFailures++;
  }
}

/** `earlier` followed by `later`: how a report that could not be sent is put back in front of the next. */
export function mergeReports(earlier: OutcomeReport, later: OutcomeReport): OutcomeReport {
  const seconds = new Map<number, SecondCounts>();
  for (const row of [...earlier.seconds, ...later.seconds]) {
    const existing = seconds.get(row[0]);
    seconds.set(row[0], existing ? [row[0], existing[1] + row[1], existing[2] + row[2], existing[3] + row[3]] : [...row]);
  }
  return {
    seconds: [...seconds.values()].sort((a, b) => a[0] - b[0]),
    sawSuccess: earlier.sawSuccess || later.sawSuccess,
    trailingFailures: later.sawSuccess ? later.trailingFailures : earlier.trailingFailures + later.trailingFailures,
    firstTrailingFailureAt: later.sawSuccess
      ? later.firstTrailingFailureAt
      : earlier.trailingFailures > 0
        ? earlier.firstTrailingFailureAt
        : later.firstTrailingFailureAt,
    lastSuccessAt: maxOf(earlier.lastSuccessAt, later.lastSuccessAt),
    lastFailureAt: maxOf(earlier.lastFailureAt, later.lastFailureAt),
    slowDowns: earlier.slowDowns + later.slowDowns,
    retryAfterMs: maxOf(earlier.retryAfterMs, later.retryAfterMs),
    probeSuccesses: earlier.probeSuccesses + later.probeSuccesses,
    probeFailures: earlier.probeFailures + later.probeFailures,
    gone: earlier.gone || later.gone,
  };
}

export function reportCounts(report: OutcomeReport): { successes: number; failures: number; throttled: number } {
  return sumSeconds(report.seconds);
}

function sumSeconds(rows: readonly SecondCounts[]) {
  let successes = 0;
  let failures = 0;
  let throttled = 0;
  for (const [, s, f, t] of rows) {
    successes += s;
    failures += f;
    throttled += t;
  }
  return { successes, failures, throttled };
}

/** The entity's recent outcomes: per-second counts, oldest first, nothing older than the window. */
export type OutcomeWindow = SecondCounts[];

export function addToWindow(window: OutcomeWindow, rows: readonly SecondCounts[], now: number, windowMs: number): OutcomeWindow {
  return pruneWindow(mergeReports({ ...emptyReport(), seconds: window }, { ...emptyReport(), seconds: [...rows] }).seconds, now, windowMs);
}

export function pruneWindow(window: OutcomeWindow, now: number, windowMs: number): OutcomeWindow {
  const oldest = Math.floor((now - windowMs) / 1000);
  return window.filter((row) => row[0] > oldest);
}

export function windowCounts(window: OutcomeWindow, now: number, windowMs: number) {
  return sumSeconds(pruneWindow(window, now, windowMs));
}

/** Attempts per second over the last `spanMs` (a slow-down's starting point when no limit is set). */
export function observedRate(window: OutcomeWindow, now: number, spanMs = 5_000): number {
  const { successes, failures, throttled } = windowCounts(window, now, spanMs);
  return (successes + failures + throttled) / (spanMs / 1000);
}
