/**
 * Replays of an endpoint's past deliveries, as its entity keeps them: what may be asked, the id
 * that makes asking twice run once, and the list of recent replays with how each ended. The
 * replay itself runs in workflows/replay.ts.
 */
import type { Problem } from '../problems';

export type DeliveryStatusFilter = 'failed' | 'cancelled' | 'succeeded';

export const REPLAY_STATUSES: readonly DeliveryStatusFilter[] = ['failed', 'cancelled', 'succeeded'];
const DEFAULT_STATUSES: DeliveryStatusFilter[] = ['failed', 'cancelled'];
const KEY = /^[\w.:-]{1,100}$/;
/** An ISO 8601 time with its zone, as `Date.prototype.toISOString` and most clients write it. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const KEPT_REPLAYS = 20;

export interface ReplayRequest {
  /** ISO times bounding when the events were accepted; `until` open-ended when absent. */
  since: string;
  until?: string;
  statuses?: DeliveryStatusFilter[];
  /** Replays are idempotent by (since, until, statuses); a new key runs the same range again. */
  key?: string;
}

export interface Replay {
  id: string;
  since: string;
  until: string | null;
  statuses: DeliveryStatusFilter[];
  requestedAt: number;
  state: 'running' | 'done' | 'failed';
  matched?: number;
  error?: string;
}

const isTime = (value: unknown) => typeof value === 'string' && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value));

/** What is wrong with a replay request's fields (the API's body, the entity's command). */
export function replayRequestProblems(request: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const { since, until, statuses, key } = request;
  if (!isTime(since)) problems.push({ path: 'since', message: 'must be an ISO 8601 time with a zone, like 2026-01-01T00:00:00Z' });
  if (until !== undefined && !isTime(until)) problems.push({ path: 'until', message: 'must be an ISO 8601 time with a zone, like 2026-01-01T00:00:00Z' });
  else if (until !== undefined && isTime(since) && Date.parse(until as string) <= Date.parse(since as string)) problems.push({ path: 'until', message: 'must be after since' });
  if (statuses !== undefined && (!Array.isArray(statuses) || statuses.length === 0 || statuses.some((s) => !REPLAY_STATUSES.includes(s)))) {
    problems.push({ path: 'statuses', message: `must be a non-empty list of ${REPLAY_STATUSES.join(', ')}` });
  }
  if (key !== undefined && (typeof key !== 'string' || !KEY.test(key))) problems.push({ path: 'key', message: 'must be 1 to 100 letters, digits, or . _ : -' });
  return problems;
}

/** Replay ids are derived from the request, so the same replay asked twice runs once. */
export function replayId(endpointId: string, request: ReplayRequest): string {
  const statuses = [...(request.statuses ?? DEFAULT_STATUSES)].sort().join(',');
  const range = `${new Date(request.since).toISOString()}..${request.until ? new Date(request.until).toISOString() : ''}`;
  return `rpl:${endpointId}:${request.key ?? `${range}:${statuses}`}`;
}

/**
 * A replay asked for: the list with it running, and the replay to start; none when the same
 * replay is running or done already (a failed one runs again).
 */
export function startReplay(replays: Replay[], endpointId: string, request: ReplayRequest, now: number): { replays: Replay[]; started: Replay | null } {
  const id = replayId(endpointId, request);
  const known = replays.find((r) => r.id === id);
  if (known && known.state !== 'failed') return { replays, started: null };
  const started: Replay = {
    id,
    since: new Date(request.since).toISOString(),
    until: request.until ? new Date(request.until).toISOString() : null,
    statuses: request.statuses ?? [...DEFAULT_STATUSES],
    requestedAt: now,
    state: 'running',
  };
  return { replays: [...replays.filter((r) => r.id !== id), started].slice(-KEPT_REPLAYS), started };
}

/** A replay workflow's outcome: how many deliveries matched, or why it failed. */
export function finishReplay(replays: Replay[], id: string, outcome: { matched: number } | { error: string }): Replay[] {
  return replays.map((r) =>
    r.id !== id ? r : 'error' in outcome ? { ...r, state: 'failed', error: outcome.error } : { ...r, state: 'done', matched: outcome.matched },
  );
}
