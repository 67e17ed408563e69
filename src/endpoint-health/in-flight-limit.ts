/**
 * At most so many attempts in flight per endpoint in one worker. An endpoint that hangs until its
 * timeout (or trickles its answer) holds an attempt slot all that time; without a cap, a burst to
 * one such endpoint takes every slot the worker has, and healthy endpoints' deliveries wait behind
 * it. A delivery finding its endpoint at the cap waits without spending an attempt.
 */
export class InFlightLimit {
  private readonly counts = new Map<string, number>();

  constructor(readonly perEndpoint: number) {}

  /** Takes a place for an attempt to `endpointId`, or says there is none. */
  claim(endpointId: string): boolean {
    const count = this.counts.get(endpointId) ?? 0;
    if (count >= this.perEndpoint) return false;
    this.counts.set(endpointId, count + 1);
    return true;
  }

  release(endpointId: string): void {
    const count = (this.counts.get(endpointId) ?? 0) - 1;
    if (count > 0) this.counts.set(endpointId, count);
    else this.counts.delete(endpointId);
  }

  inFlight(endpointId: string): number {
    return this.counts.get(endpointId) ?? 0;
  }
}

/**
 * How long a delivery turned away at the cap waits: the endpoint's timeout, by when every attempt
 * in flight has ended one way or another, spread by up to half again so the waiters do not all
 * come back together.
 */
export function busyWaitMs(timeoutMs: number, random: number): number {
  return Math.round(timeoutMs * (1 + random / 2));
}
