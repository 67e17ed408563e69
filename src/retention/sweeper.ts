/**
 * The retention sweep, run by every worker process: each project's events past its retention go,
 * with their deliveries and attempts, a few hundred at a time, so the tables stay bounded without
 * a long transaction or a lock that ingest would wait on. Workers sweeping at once share the work
 * (each batch skips rows another holds). Ended portal sessions go too.
 */
import { runInPasses, type BackgroundLoop } from '../background-loop';
import type { Db } from '../db/pool';
import { errorMessage, log } from '../log';
import { sweepLines } from './policy';
import { deleteEndedPortalSessions, deleteExpiredEvents, projectsToSweep } from './repository';

/** Events per delete statement: its deliveries and attempts go with it, so keep it small. */
const BATCH = 200;
/** Batches per project per pass, so one project's backlog does not keep the others waiting. */
const BATCHES_PER_PROJECT = 25;
/** An ended portal session is kept this long, so its page can still say it has ended. */
const PORTAL_SESSIONS_KEPT_MS = 86_400_000;

export interface SweepPass {
  events: number;
  portalSessions: number;
  /** Stopped short with more to delete. */
  more: boolean;
}

export async function sweepOnce(db: Db, { now = Date.now(), batch = BATCH }: { now?: number; batch?: number } = {}): Promise<SweepPass> {
  let events = 0;
  let more = false;
  for (const project of await projectsToSweep(db)) {
    const lines = sweepLines(project.retention, project.dedupeWindowsMs, now);
    for (let n = 1; ; n++) {
      const deleted = await deleteExpiredEvents(db, project.projectId, lines.eventsBefore, lines.receiptsAfter, batch);
      events += deleted;
      if (deleted < batch) break;
      if (n === BATCHES_PER_PROJECT) {
        more = true;
        break;
      }
    }
  }
  const portalSessions = await deleteEndedPortalSessions(db, new Date(now - PORTAL_SESSIONS_KEPT_MS), batch);
  return { events, portalSessions, more: more || portalSessions === batch };
}

/** Sweeps every `everyMs`, or every `busyMs` while a backlog lasts (after a shorter retention is set, say). */
export function startRetentionSweeper(db: Db, { everyMs = 60_000, busyMs = 1_000 }: { everyMs?: number; busyMs?: number } = {}): BackgroundLoop {
  return runInPasses(
    async () => {
      const pass = await sweepOnce(db);
      if (pass.events > 0 || pass.portalSessions > 0) log.info('retention sweep', { events: pass.events, portalSessions: pass.portalSessions });
      return pass.more ? busyMs : everyMs;
    },
    (error) => {
      log.warn('retention sweep failed', { error: errorMessage(error) });
      return everyMs;
    },
  );
}
