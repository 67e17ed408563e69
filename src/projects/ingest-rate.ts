/**
 * A project's ingest rate: how many events a second it may publish through the API, with a burst
 * on top. Kept per API process in token buckets; pure, the clock passed in.
 */
import { z } from 'zod';
import { MAX_BATCH } from '../events/schema';

export interface IngestRateLimit {
  perSecond: number;
  burst: number;
}

/** A burst below the largest batch would refuse that batch forever, so it is the floor. */
export const MIN_INGEST_BURST = MAX_BATCH;

/** The burst when none is set: one second's worth, and never below the largest batch. */
export const withIngestBurst = ({ perSecond, burst }: { perSecond: number; burst?: number }): IngestRateLimit => ({
  perSecond,
  burst: burst ?? Math.max(MIN_INGEST_BURST, Math.ceil(perSecond)),
});

export const ingestRateLimitSchema = z
  .object({
    perSecond: z.number().gt(0).max(100_000),
    burst: z.number().int().min(MIN_INGEST_BURST).max(1_000_000).optional(),
  })
  .strict()
  .transform(withIngestBurst);

interface Bucket {
  tokens: number;
  at: number;
  /** From then on the bucket is full: forgetting it changes nothing. */
  fullAt: number;
}

const SWEEP_EVERY_MS = 60_000;

/** Token buckets by project: `take` spends one token per event, or says how long until it could. */
export class IngestBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  /** 0 when the events may go now (and are counted); otherwise the milliseconds to wait. */
  take(projectId: string, limit: IngestRateLimit, events: number, now: number): number {
    this.sweep(now);
    const bucket = this.buckets.get(projectId);
    const tokens = bucket ? Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond) : limit.burst;
    const left = tokens >= events ? tokens - events : tokens;
    this.buckets.set(projectId, { tokens: left, at: now, fullAt: now + ((limit.burst - left) / limit.perSecond) * 1000 });
    return tokens >= events ? 0 : Math.ceil(((events - tokens) / limit.perSecond) * 1000);
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [id, bucket] of this.buckets) if (now >= bucket.fullAt) this.buckets.delete(id);
  }
}
