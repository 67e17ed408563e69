/**
 * At most so many attempts in flight per endpoint in one worker. An endpoint that hangs until its
 * timeout (or trickles its answer) holds an attempt slot all that time; without a cap, a burst to
 * one such endpoint takes every slot the worker has, and healthy endpoints' deliveries wait behind
 * it. A delivery finding its endpoint at the cap waits without spending an attempt, for about as
 * long as the endpoint's attempts take: a fast endpoint's burst flows on within milliseconds, a
 * hanging endpoint's waiters come back once its attempts time out, not in a busy loop before.
 */
interface EndpointAttempts {
  /** When each attempt now in flight began. */
  started: number[];
  /** A moving average of how long its attempts took; undefined until one has ended. */
  averageMs: number | undefined;
}

/** The shortest wait offered, so a burst to a fast endpoint does not spin. */
const MIN_WAIT_MS = 100;
/** Weight of the latest attempt in the moving average. */
const SMOOTHING = 0.2;

export class InFlightLimit {
  private readonly endpoints = new Map<string, EndpointAttempts>();

  constructor(readonly perEndpoint: number) {}

  /** Takes a place for an attempt to `endpointId` beginning at `now`, or says there is none. */
  claim(endpointId: string, now: number): boolean {
    const attempts = this.endpoints.get(endpointId) ?? { started: [], averageMs: undefined };
    if (attempts.started.length >= this.perEndpoint) return false;
    attempts.started.push(now);
    this.endpoints.set(endpointId, attempts);
    return true;
  }

  /** Gives back the place of the attempt that began at `startedAt`, and learns how long it took. */
  release(endpointId: string, startedAt: number, now: number): void {
    const attempts = this.endpoints.get(endpointId);
    if (!attempts) return;
    const at = attempts.started.indexOf(startedAt);
    if (at >= 0) attempts.started.splice(at, 1);
    const tookMs = Math.max(0, now - startedAt);
    attempts.averageMs = attempts.averageMs === undefined ? tookMs : attempts.averageMs + SMOOTHING * (tookMs - attempts.averageMs);
    // Forgotten when idle: the average is worth less than the memory of every endpoint ever sent to.
    if (attempts.started.length === 0) this.endpoints.delete(endpointId);
  }

  inFlight(endpointId: string): number {
    return this.endpoints.get(endpointId)?.started.length ?? 0;
  }

  /**
   * How long a delivery turned away at the cap waits: as long as the endpoint's attempts have been
   * taking (their average, or how long the oldest in flight has run, whichever is longer), at least
   * MIN_WAIT_MS and at most its timeout, spread by up to half again so the waiters do not all come
   * back together.
   */
  waitMs(endpointId: string, now: number, timeoutMs: number, random: number): number {
    const attempts = this.endpoints.get(endpointId);
    const oldest = attempts && attempts.started.length > 0 ? now - Math.min(...attempts.started) : 0;
    const expected = Math.max(attempts?.averageMs ?? 0, oldest);
    return Math.round(Math.min(timeoutMs, Math.max(MIN_WAIT_MS, expected)) * (1 + random / 2));
  }
}
