/**
 * The adaptive rate: additive increase, multiplicative decrease. A 429 or 503 halves the rate an
 * endpoint is sent at; every second of successes without one adds a twentieth of the ceiling
 * back, until the configured limit is reached again. With no limit configured, the ceiling is
 * the rate we were sending at when the first slow-down came, and reaching it again lifts the
 * limit altogether. Pure: the entity workflow holds the state and the clock.
 */
import type { RateLimit } from './settings';

export interface AdaptiveRate {
  /** Deliveries per second we send at now; null: no limit at all. */
  effective: number | null;
  /** What the additive increase climbs back to: the configured limit, or the rate a slow-down interrupted. */
  ceiling: number | null;
  lastDecreaseAt: number | null;
  lastIncreaseAt: number | null;
  /** Decreases so far, and the lowest rate the latest run of them reached: for operators. */
  decreases: number;
  lowest: number | null;
}

/** Never slower than one delivery every five seconds: the endpoint must still be able to recover. */
export const MIN_RATE = 0.2;
export const DECREASE_FACTOR = 0.5;
/** Slow-downs closer together than this are one overload, answered by one decrease. */
export const DECREASE_SPACING_MS = 1_000;
/** Idle time does not count towards the increase beyond this. */
const MAX_INCREASE_STEP_MS = 5_000;

export function initialRate(configured: RateLimit | null, history: Pick<AdaptiveRate, 'decreases' | 'lowest' | 'lastDecreaseAt'> = { decreases: 0, lowest: null, lastDecreaseAt: null }): AdaptiveRate {
  const { decreases, lowest, lastDecreaseAt } = history;
  return { effective: configured?.perSecond ?? null, ceiling: configured?.perSecond ?? null, lastIncreaseAt: null, decreases, lowest, lastDecreaseAt };
}

/** A new configured limit replaces whatever the rate had adapted to. */
export function withConfiguredLimit(rate: AdaptiveRate, configured: RateLimit | null): AdaptiveRate {
  return initialRate(configured, rate);
}

/** A 429 or 503: halve the rate (once per overload). `observedPerSecond` is what we were sending at. */
export function slowDown(rate: AdaptiveRate, observedPerSecond: number, now: number): AdaptiveRate {
  if (rate.lastDecreaseAt !== null && now - rate.lastDecreaseAt < DECREASE_SPACING_MS) return rate;
  const current = rate.effective ?? Math.max(observedPerSecond, MIN_RATE * 2);
  const effective = Math.max(MIN_RATE, current * DECREASE_FACTOR);
  // A decrease from the ceiling starts a new episode; one during the climb back continues it.
  const episodeLow = rate.effective === rate.ceiling || rate.lowest === null ? effective : Math.min(rate.lowest, effective);
  return { effective, ceiling: rate.ceiling ?? current, lastDecreaseAt: now, lastIncreaseAt: now, decreases: rate.decreases + 1, lowest: episodeLow };
}

/** Successes and no slow-down: climb back by a twentieth of the ceiling per second, up to it. */
export function speedUp(rate: AdaptiveRate, configured: RateLimit | null, now: number): AdaptiveRate {
  if (rate.effective === null || rate.ceiling === null) return rate;
  const since = rate.lastIncreaseAt ?? now;
  const elapsed = Math.min(MAX_INCREASE_STEP_MS, Math.max(0, now - since)) / 1000;
  const step = Math.max(0.5, rate.ceiling / 20);
  const effective = rate.effective + step * elapsed;
  if (effective >= rate.ceiling) return initialRate(configured, rate);
  return { ...rate, effective, lastIncreaseAt: now };
}
