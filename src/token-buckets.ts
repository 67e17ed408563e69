/**
 * Token buckets by key: a rate a second with a burst on top, kept in memory. Used for a project's
 * ingest rate and an inbound source's request rate. Pure apart from its map; the clock is passed in.
 */

export interface Rate {
  perSecond: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
  /** From then on the bucket is full: forgetting it changes nothing. */
  fullAt: number;
}

const SWEEP_EVERY_MS = 60_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  /** 0 when `count` tokens may be spent now (and are); otherwise the milliseconds until they could. */
  take(key: string, rate: Rate, count: number, now: number): number {
    this.sweep(now);
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(rate.burst, bucket.tokens + ((now - bucket.at) / 1000) * rate.perSecond) : rate.burst;
    const left = tokens >= count ? tokens - count : tokens;
    this.buckets.set(key, { tokens: left, at: now, fullAt: now + ((rate.burst - left) / rate.perSecond) * 1000 });
    return tokens >= count ? 0 : Math.ceil(((count - tokens) / rate.perSecond) * 1000);
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (now >= bucket.fullAt) this.buckets.delete(key);
  }
}
