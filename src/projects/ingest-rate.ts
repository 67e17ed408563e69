/**
 * A project's ingest rate: how many events a second it may publish through the API, with a burst
 * on top. The API keeps it in token buckets (src/token-buckets.ts), one set per process.
 */
import { z } from 'zod';
import { MAX_BATCH } from '../events/schema';
import type { Rate } from '../token-buckets';

export type IngestRateLimit = Rate;

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
