/**
 * Regions: an endpoint that names one has its delivery workflows run on that region's task queue,
 * `<queue>-<region>`, which only workers started with SWITCHYARD_REGION=<region> poll. Their
 * attempts, being local activities of the workflow, then leave from that region's network (and
 * its egress proxy). Endpoints without a region use the default queue.
 */
import { z } from 'zod';

export const regionName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'must be 1 to 32 lowercase letters, digits or dashes, such as eu or us-east');

export function regionTaskQueue(taskQueue: string, region: string | null | undefined): string {
  return region ? `${taskQueue}-${region}` : taskQueue;
}

/** A poller that has not polled for this long is gone: a live one comes back within a long poll (about a minute). */
export const POLLER_SILENCE_MS = 90_000;

/** How many pollers were seen recently, from DescribeTaskQueue's `lastAccessTime`s. */
export function livePollers(lastAccessTimes: (Date | undefined)[], now: number): number {
  return lastAccessTimes.filter((at) => at !== undefined && now - at.getTime() <= POLLER_SILENCE_MS).length;
}
