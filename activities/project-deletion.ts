/**
 * What a project's deletion workflow (workflows/project-deletion.ts) does to the world: stop its
 * endpoints' entities and waiting deliveries, then remove its data in the retention sweep's small
 * batches, and last the project itself. Each is a long activity that heartbeats and, retried,
 * carries on from what is left.
 */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Db } from '../src/db/pool';
import { unfinishedDeliveries } from '../src/deliveries/repository';
import { cancelSignal } from '../src/deliveries/workflow-contract';
import { endpointWorkflowId, refreshSignal } from '../src/endpoint-health/workflow-contract';
import { endpointSnapshot, endpointsOfProject } from '../src/endpoints/repository';
import { firstIdAt } from '../src/ids';
import { PROJECT_DELETED_REASON } from '../src/projects/deletion-contract';
import { removeDeletedProject } from '../src/projects/deletion';
import { deleteExpiredEvents } from '../src/retention/repository';
import { signalAll, signalEach } from './signal-workflows';

const PAGE = 500;
/** Events per delete statement, as the retention sweep's. */
const BATCH = 200;

export function createProjectDeletionActivities({ db, client }: { db: Db; client: Client }) {
  return {
    /** Cancels each delivery still waiting, and tells each endpoint's entity that its endpoint is gone (it ends). Answers how many of each were reached. */
    async stopProjectDeliveries({ projectId }: { projectId: string }) {
      let endpoints = 0;
      let cancelled = 0;
      let after: string | undefined;
      for (;;) {
        const page = await endpointsOfProject(db, projectId, PAGE, after);
        if (page.length === 0) return { endpoints, cancelled };
        for (const endpoint of page) {
          for (let waiting = await unfinishedDeliveries(db, endpoint.id, ['pending', 'retrying', 'held'], PAGE); waiting.length > 0; ) {
            cancelled += await signalAll(client, waiting.map((d) => d.workflowId), cancelSignal, { reason: PROJECT_DELETED_REASON });
            waiting = await unfinishedDeliveries(db, endpoint.id, ['pending', 'retrying', 'held'], PAGE, waiting.at(-1)!.id);
          }
          Context.current().heartbeat();
        }
        // After the cancels, which carry the project's reason: an entity told its endpoint is gone
        // would cancel what it finds waiting with a reason of its own.
        endpoints += await signalEach(client, page.map((e) => endpointWorkflowId(e.id)), refreshSignal, (i) => [endpointSnapshot({ ...page[i]!, deleted: true })]);
        after = page.at(-1)!.id;
      }
    },

    /**
     * Deletes the project's events, with their deliveries and attempts, a batch at a time. Answers
     * how many are left: those with a delivery not yet ended (the workflow tries again later).
     */
    async removeProjectEvents({ projectId }: { projectId: string }) {
      // Every event, whatever its age or its source's dedupe window: the sources are gone.
      const everyEvent = firstIdAt('evt', Date.now() + 86_400_000);
      const noReceiptKept = new Date(8.64e15);
      let removed = 0;
      for (;;) {
        const deleted = await deleteExpiredEvents(db, projectId, everyEvent, noReceiptKept, BATCH);
        removed += deleted;
        Context.current().heartbeat(removed);
        if (deleted < BATCH) break;
      }
      const { rows } = await db.query<{ left: string }>('SELECT count(*) AS left FROM (SELECT 1 FROM events WHERE project_id = $1 LIMIT 1000) e', [projectId]);
      return { removed, left: Number(rows[0]!.left) };
    },

    /** The project's endpoints, then the project (its keys, sources, customers and the rest with it). */
    async removeProject({ projectId }: { projectId: string }) {
      return { removed: await removeDeletedProject(db, projectId, BATCH, () => Context.current().heartbeat()) };
    },
  };
}

export type ProjectDeletionActivities = ReturnType<typeof createProjectDeletionActivities>;
