/**
 * The circuit breaker's arithmetic. Closed: deliveries flow and failures are counted. Open: no
 * delivery is attempted until the cool-down ends. Half-open: a few probe deliveries go out; if
 * all succeed the circuit closes, if one fails it opens again with a longer cool-down.
 * Pure: the entity workflow holds the state and the clock.
 */
import type { CircuitSettings } from './settings';

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface Circuit {
  state: CircuitState;
  /** Trips since the circuit was last closed: each one doubles the cool-down. */
  trips: number;
  openedAt: number | null;
  /** When an open circuit turns half-open. */
  halfOpensAt: number | null;
  probesGranted: number;
  probeSuccesses: number;
  lastProbeGrantedAt: number | null;
}

/** A probe with no outcome after this long is given up (its worker died): another may go. */
export const PROBE_TIMEOUT_MS = 2 * 60_000;

export function closedCircuit(): Circuit {
  return { state: 'closed', trips: 0, openedAt: null, halfOpensAt: null, probesGranted: 0, probeSuccesses: 0, lastProbeGrantedAt: null };
}

/** The cool-down before the `trips`-th half-open: doubling from coolDownMs, capped. */
export function coolDownFor(trips: number, settings: CircuitSettings): number {
  return Math.min(settings.maxCoolDownMs, settings.coolDownMs * 2 ** Math.max(0, Math.min(trips - 1, 30)));
}

/** Whether a closed circuit should open, given the window's counts and the failures in a row. */
export function shouldTrip(
  counts: { successes: number; failures: number },
  consecutiveFailures: number,
  settings: CircuitSettings,
): boolean {
  if (consecutiveFailures >= settings.consecutiveFailures) return true;
  const attempts = counts.successes + counts.failures;
  return attempts >= settings.minAttempts && counts.failures >= settings.failureRatio * attempts;
}

/**
 * How many more failures a closed circuit can take before it might trip: workers may absorb that
 * many (shared out between them) before they must report and ask again.
 */
export function failuresBeforeTrip(counts: { successes: number; failures: number }, consecutiveFailures: number, settings: CircuitSettings): number {
  const inARow = settings.consecutiveFailures - consecutiveFailures;
  const { successes: s, failures: f } = counts;
  const ratio = settings.failureRatio;
  // Smallest x with f + x >= ratio * (s + f + x) and s + f + x >= minAttempts.
  const byRatio = ratio >= 1 ? Infinity : Math.ceil((ratio * (s + f) - f) / (1 - ratio) - 1e-9);
  const byCount = settings.minAttempts - s - f;
  return Math.max(1, Math.min(inARow, Math.max(byRatio, byCount, 1)));
}

export function openCircuit(circuit: Circuit, now: number, settings: CircuitSettings): Circuit {
  const trips = circuit.trips + 1;
  return { ...closedCircuit(), state: 'open', trips, openedAt: now, halfOpensAt: now + coolDownFor(trips, settings) };
}

/** An open circuit whose cool-down is over turns half-open. */
export function advanceCircuit(circuit: Circuit, now: number): Circuit {
  if (circuit.state === 'open' && circuit.halfOpensAt !== null && now >= circuit.halfOpensAt) {
    return { ...circuit, state: 'half_open', probesGranted: 0, probeSuccesses: 0, lastProbeGrantedAt: null };
  }
  if (circuit.state === 'half_open' && circuit.lastProbeGrantedAt !== null && now - circuit.lastProbeGrantedAt > PROBE_TIMEOUT_MS) {
    return { ...circuit, probesGranted: circuit.probeSuccesses };
  }
  return circuit;
}

/** The probes not yet out go to a caller that has deliveries waiting. */
export function grantProbes(circuit: Circuit, now: number, settings: CircuitSettings): { circuit: Circuit; granted: number } {
  const granted = circuit.state === 'half_open' ? Math.max(0, settings.probes - circuit.probesGranted) : 0;
  if (granted === 0) return { circuit, granted };
  return { circuit: { ...circuit, probesGranted: circuit.probesGranted + granted, lastProbeGrantedAt: now }, granted };
}

/** Probe outcomes: any failure opens the circuit again; enough successes close it. */
export function afterProbes(circuit: Circuit, results: { successes: number; failures: number }, now: number, settings: CircuitSettings): Circuit {
  if (circuit.state !== 'half_open') return circuit;
  if (results.failures > 0) return openCircuit(circuit, now, settings);
  const probeSuccesses = circuit.probeSuccesses + results.successes;
  return probeSuccesses >= settings.probes ? closedCircuit() : { ...circuit, probeSuccesses };
}
