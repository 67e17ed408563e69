/**
 * Messages per second over the last minute, for consumer reports: counts bucketed by second, so
 * memory stays constant however fast messages come. Pure; the caller passes the clock.
 */
const WINDOW_SECONDS = 60;

export class Throughput {
  private readonly buckets = new Map<number, number>();

  constructor(private readonly startedAtMs: number) {}

  add(count: number, nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    this.buckets.set(second, (this.buckets.get(second) ?? 0) + count);
    this.forget(second);
  }

  /** The average over the last 60 s, or over the time since start when that is shorter. */
  perSecond(nowMs: number): number {
    const second = Math.floor(nowMs / 1000);
    this.forget(second);
    let total = 0;
    for (const count of this.buckets.values()) total += count;
    const span = Math.min(WINDOW_SECONDS, Math.max(1, (nowMs - this.startedAtMs) / 1000));
    return Math.round((total / span) * 10) / 10;
  }

  private forget(second: number): void {
    for (const key of this.buckets.keys()) if (key <= second - WINDOW_SECONDS) this.buckets.delete(key);
  }
}
