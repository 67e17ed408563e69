/**
 * Pacing deliveries to a rate, by handing out numbered slots. Slot k is due at
 * `anchorAt + (k - anchorSlot) / rate`; a delivery that is not due yet waits on a durable timer
 * and comes back with its slot number, so it waits once instead of polling. When the rate
 * changes, the slots still outstanding are re-timed at the new rate from the current position,
 * so a slow-down takes effect at once rather than after the queue already handed out.
 * Idle capacity is saved up to `burst` slots due at once. Pure arithmetic with the clock passed in.
 */
export interface Slot {
  /** Identifies the limiter that issued it: a slot from a previous worker process is void. */
  limiterId: string;
  n: number;
}

export class SlotLimiter {
  private intervalMs: number;
  private burst: number;
  private anchorAt: number;
  private anchorSlot = 0;
  private nextSlot = 0;

  constructor(
    readonly id: string,
    perSecond: number,
    burst: number,
    now: number,
  ) {
    this.intervalMs = 1000 / perSecond;
    this.burst = Math.max(1, burst);
    this.anchorAt = now;
    this.nextSlot = 1 - this.burst;
  }

  get perSecond(): number {
    return 1000 / this.intervalMs;
  }

  /** The slot being served at `now`, as a real number. */
  private position(now: number): number {
    return this.anchorSlot + (now - this.anchorAt) / this.intervalMs;
  }

  private dueAt(n: number): number {
    return this.anchorAt + (n - this.anchorSlot) * this.intervalMs;
  }

  /** Re-times the outstanding slots at a new rate, from where the limiter is now. */
  setRate(perSecond: number, burst: number, now: number): void {
    const intervalMs = 1000 / perSecond;
    if (intervalMs === this.intervalMs && Math.max(1, burst) === this.burst) return;
    this.anchorSlot = this.position(now);
    this.anchorAt = now;
    this.intervalMs = intervalMs;
    this.burst = Math.max(1, burst);
  }

  /**
   * A delivery asks to go: 0 if it may go now, else how long to wait for the slot it now holds.
   * `held` is a slot it was given before: honoured if this limiter issued it.
   */
  take(now: number, held?: Slot): { waitMs: number; slot: Slot } {
    if (held && held.limiterId === this.id && held.n < this.nextSlot) {
      return { waitMs: Math.max(0, Math.ceil(this.dueAt(held.n) - now)), slot: held };
    }
    // Slots up to the current position are due: idle capacity is saved up to `burst` of them.
    this.nextSlot = Math.max(this.nextSlot, Math.floor(this.position(now)) - (this.burst - 1));
    const n = this.nextSlot++;
    return { waitMs: Math.max(0, Math.ceil(this.dueAt(n) - now)), slot: { limiterId: this.id, n } };
  }
}
