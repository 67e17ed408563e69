/**
 * How long a project keeps its events, and where a sweep draws its lines. Pure: the sweep
 * (sweeper.ts) does the I/O.
 *
 * Events are found by id, not by created_at: ids begin with their creation time (src/ids.ts), so
 * "older than the cutoff" is "id below the smallest id of the cutoff's millisecond", which the
 * (project_id, id) index already answers without an index on created_at to keep up on every insert.
 */
import { z } from 'zod';
import { parseDuration, parseDurationUpTo } from '../durations';
import { firstIdAt } from '../ids';

export const DEFAULT_RETENTION = '30d';
// Short retentions are for gateways that must not keep payloads long; an idempotency key is
// honoured only while its event is kept, so they also shorten how long a producer may retry.
export const MIN_RETENTION = '10m';
export const MAX_RETENTION = '3650d';

/** A project's `retention`: whole days, hours or minutes from ten minutes to ten years. */
export const retentionSchema = z
  .string()
  .refine((text) => {
    const ms = parseDuration(text);
    return ms !== undefined && ms >= parseDuration(MIN_RETENTION)! && ms <= parseDuration(MAX_RETENTION)!;
  }, `must be a duration from ${MIN_RETENTION} to ${MAX_RETENTION}, such as "30d" or "90d"`)
  .meta({ description: `How long events, with their deliveries and attempts, are kept: from ${MIN_RETENTION} to ${MAX_RETENTION}.` });

export interface SweepLines {
  /** Events with ids below this are past the project's retention. */
  eventsBefore: string;
  /** An inbound event whose receipt came after this is still inside its source's dedupe window. */
  receiptsAfter: Date;
}

/**
 * The lines for one project at `now`. `dedupeWindowsMs`: its inbound sources' windows; an event
 * is kept while any of them could still take a provider's retry of it for a duplicate.
 */
export function sweepLines(retention: string, dedupeWindowsMs: readonly number[], now: number): SweepLines {
  const keepMs = parseDurationUpTo(retention, MAX_RETENTION) ?? parseDuration(DEFAULT_RETENTION)!;
  return {
    eventsBefore: firstIdAt('evt', now - keepMs),
    receiptsAfter: new Date(now - Math.max(0, ...dedupeWindowsMs)),
  };
}
