/**
 * What shapes an endpoint's health: circuit breaker thresholds, rate limit, auto-disable. Stored
 * on the endpoint as the API accepts them (durations as text), resolved here into milliseconds.
 * Pure: the endpoint entity workflow runs this in Temporal's sandbox.
 */
import { parseDurationUpTo } from '../durations';
import { isJsonObject } from '../json';
import { fieldPath, unknownFields, type Problem } from '../problems';

export interface CircuitSettings {
  /** Trip when at least this share of the window's attempts failed... */
  failureRatio: number;
  /** ...and the window holds at least this many attempts. */
  minAttempts: number;
  windowMs: number;
  /** Or trip after this many failures in a row, whatever the window says. */
  consecutiveFailures: number;
  /** The first cool-down; each trip that follows a failed probe doubles it, up to maxCoolDownMs. */
  coolDownMs: number;
  maxCoolDownMs: number;
  /** Probe deliveries let through when half-open; all must succeed to close the circuit. */
  probes: number;
}

/** As stored and accepted by the API: every field optional, durations as text. */
export interface CircuitBreakerOverrides {
  failureRatio?: number;
  minAttempts?: number;
  window?: string;
  consecutiveFailures?: number;
  coolDown?: string;
  maxCoolDown?: string;
  probes?: number;
}

export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** As the API and the `setRateLimit` command accept it: the burst defaults to one second's worth. */
export interface RateLimitInput {
  perSecond: number;
  burst?: number;
}

const MAX_RATE_PER_SECOND = 10_000;
const MAX_BURST = 10_000;

/**
 * What is wrong with a rate limit, for the API (an endpoint's `rateLimit`) and for the entity's
 * `setRateLimit` command alike. Hand-written rather than zod: the entity runs it in the sandbox.
 */
export function rateLimitProblems(value: unknown, at = ''): Problem[] {
  if (!isJsonObject(value)) return [{ path: at, message: 'must be an object with perSecond and, optionally, burst' }];
  const problems = unknownFields(value, ['perSecond', 'burst'], at);
  const { perSecond, burst } = value;
  if (typeof perSecond !== 'number' || !(perSecond > 0 && perSecond <= MAX_RATE_PER_SECOND)) {
    problems.push({ path: fieldPath(at, 'perSecond'), message: `must be a number above 0 and at most ${MAX_RATE_PER_SECOND}` });
  }
  if (burst !== undefined && !(Number.isInteger(burst) && (burst as number) >= 1 && (burst as number) <= MAX_BURST)) {
    problems.push({ path: fieldPath(at, 'burst'), message: `must be a whole number from 1 to ${MAX_BURST}` });
  }
  return problems;
}

/** A valid rate limit (rateLimitProblems found none) with its burst. */
export function withBurst({ perSecond, burst }: RateLimitInput): RateLimit {
  return { perSecond, burst: burst ?? Math.max(1, Math.ceil(perSecond)) };
}

export interface HealthSettings {
  circuit: CircuitSettings;
  /** null: no configured limit (the adaptive rate may still hold one back after 429s). */
  rateLimit: RateLimit | null;
  /** No success for this long while attempts keep failing disables the endpoint; null: never. */
  autoDisableAfterMs: number | null;
}

export const DEFAULT_CIRCUIT: CircuitSettings = {
  failureRatio: 0.5,
  minAttempts: 20,
  windowMs: 60_000,
  consecutiveFailures: 10,
  coolDownMs: 30_000,
  maxCoolDownMs: 30 * 60_000,
  probes: 3,
};

export const DEFAULT_AUTO_DISABLE_AFTER = '24h';
export const MAX_AUTO_DISABLE_AFTER = '30d';
/** The longest each circuit-breaker duration may be. */
export const CIRCUIT_DURATION_LIMITS = { window: '1d', coolDown: '7d', maxCoolDown: '7d' } as const;

export function resolveCircuit(overrides: CircuitBreakerOverrides = {}): CircuitSettings {
  const ms = (text: string | undefined, max: string, fallback: number) => (text === undefined ? fallback : (parseDurationUpTo(text, max) ?? fallback));
  const coolDownMs = ms(overrides.coolDown, CIRCUIT_DURATION_LIMITS.coolDown, DEFAULT_CIRCUIT.coolDownMs);
  return {
    failureRatio: overrides.failureRatio ?? DEFAULT_CIRCUIT.failureRatio,
    minAttempts: overrides.minAttempts ?? DEFAULT_CIRCUIT.minAttempts,
    windowMs: ms(overrides.window, CIRCUIT_DURATION_LIMITS.window, DEFAULT_CIRCUIT.windowMs),
    consecutiveFailures: overrides.consecutiveFailures ?? DEFAULT_CIRCUIT.consecutiveFailures,
    coolDownMs,
    maxCoolDownMs: Math.max(coolDownMs, ms(overrides.maxCoolDown, CIRCUIT_DURATION_LIMITS.maxCoolDown, DEFAULT_CIRCUIT.maxCoolDownMs)),
    probes: overrides.probes ?? DEFAULT_CIRCUIT.probes,
  };
}

export function resolveSettings(stored: {
  rateLimit: RateLimit | null;
  circuitBreaker: CircuitBreakerOverrides;
  autoDisableAfter: string | null;
}): HealthSettings {
  return {
    circuit: resolveCircuit(stored.circuitBreaker),
    rateLimit: stored.rateLimit,
    autoDisableAfterMs: stored.autoDisableAfter === null ? null : (parseDurationUpTo(stored.autoDisableAfter, MAX_AUTO_DISABLE_AFTER) ?? null),
  };
}
