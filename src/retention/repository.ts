/**
 * Retention in PostgreSQL: a project's setting, what it keeps, and the bounded deletes the sweep
 * is made of. Each delete is one short statement over at most `limit` rows, taking row locks
 * only (and skipping rows another transaction holds), so it never holds up ingest or delivery.
 */
import type { Queryable } from '../db/pool';
import { MAX_DEDUPE_WINDOW } from '../inbound/source-schema';
import { parseDurationUpTo } from '../durations';

export interface ProjectRetention {
  retention: string;
  /** When the oldest event the project still has came in; null: it has none. */
  oldestEventAt: Date | null;
}

export async function retentionOf(db: Queryable, projectId: string): Promise<ProjectRetention | undefined> {
  const { rows } = await db.query<{ retention: string; oldest: Date | null }>(
    `SELECT retention, (SELECT created_at FROM events WHERE project_id = p.id ORDER BY id LIMIT 1) AS oldest FROM projects p WHERE id = $1`,
    [projectId],
  );
  return rows[0] && { retention: rows[0].retention, oldestEventAt: rows[0].oldest };
}

/** What the sweep needs of each project: its retention, and its inbound sources' dedupe windows. */
export async function projectsToSweep(db: Queryable): Promise<{ projectId: string; retention: string; dedupeWindowsMs: number[] }[]> {
  const { rows } = await db.query<{ id: string; retention: string; windows: string[] }>(
    `SELECT p.id, p.retention, coalesce(array_agg(s.dedupe_window) FILTER (WHERE s.id IS NOT NULL), '{}') AS windows
       FROM projects p LEFT JOIN sources s ON s.project_id = p.id GROUP BY p.id`,
  );
  return rows.map((row) => ({
    projectId: row.id,
    retention: row.retention,
    // As inbound/accept.ts reads them: bounded, and 7 days for a row it could not read.
    dedupeWindowsMs: row.windows.map((window) => parseDurationUpTo(window, MAX_DEDUPE_WINDOW) ?? 7 * 86_400_000),
  }));
}

/**
 * Deletes up to `limit` of the project's events with ids below `before`, with their deliveries
 * and attempts (ON DELETE CASCADE), keeping those with a delivery not yet ended and those an
 * inbound source could still take a retry of for a duplicate. Answers how many went.
 */
export async function deleteExpiredEvents(db: Queryable, projectId: string, before: string, receiptsAfter: Date, limit: number): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM events WHERE id IN (
       SELECT e.id FROM events e
        WHERE e.project_id = $1 AND e.id < $2
          AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id AND d.status IN ('pending', 'retrying', 'held'))
          AND NOT EXISTS (SELECT 1 FROM inbound_receipts r WHERE r.event_id = e.id AND r.received_at > $3)
        ORDER BY e.id
        LIMIT $4
        FOR UPDATE OF e SKIP LOCKED)`,
    [projectId, before, receiptsAfter, limit],
  );
  return rowCount ?? 0;
}

/** Deletes up to `limit` portal sessions (and their links) that ended before `endedBefore`. */
export async function deleteEndedPortalSessions(db: Queryable, endedBefore: Date, limit: number): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM portal_sessions WHERE id IN (SELECT id FROM portal_sessions WHERE expires_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [endedBefore, limit],
  );
  return rowCount ?? 0;
}
