/**
 * Deleting a project, in two steps. At once, in one transaction: the project is marked deleted,
 * its API keys revoked, its endpoints and sources deleted (so nothing new comes in or goes out),
 * and its portal sessions ended. Then, in the background: a workflow stops its waiting deliveries
 * and its endpoints' entities, then removes its events, deliveries and attempts in the retention
 * sweep's small batches, and the project itself last (workflows/project-deletion.ts).
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { withTransaction, type Db, type Queryable } from '../db/pool';
import { softDeleted } from '../endpoints/repository';
import { PROJECT_DELETION_WORKFLOW_TYPE, projectDeletionWorkflowId, type ProjectDeletionInput } from './deletion-contract';
import { operatorColumns, withOperatorSettings, type AdminProject, type OperatorSettingsRow } from './repository';

/** Starts the workflow that removes a deleted project's data; one already running is left to finish. */
export type StartProjectDeletion = (projectId: string) => Promise<void>;

export function projectDeletionStarter(client: Client, taskQueue: string): StartProjectDeletion {
  return async (projectId) => {
    const input: ProjectDeletionInput = { projectId };
    try {
      await client.workflow.start(PROJECT_DELETION_WORKFLOW_TYPE, { taskQueue, workflowId: projectDeletionWorkflowId(projectId), args: [input] });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  };
}

/** Marks the project deleted and shuts every way into it; a project already deleted is answered as it is. */
export async function markProjectDeleted(db: Db, projectId: string): Promise<AdminProject | undefined> {
  return withTransaction(db, async (client) => {
    const { rows } = await client.query<OperatorSettingsRow>(
      `UPDATE projects SET deleted_at = coalesce(deleted_at, now()) WHERE id = $1 RETURNING ${operatorColumns}`,
      [projectId],
    );
    if (!rows[0]) return undefined;
    await client.query('UPDATE api_keys SET revoked_at = now() WHERE project_id = $1 AND revoked_at IS NULL', [projectId]);
    await client.query(`UPDATE endpoints SET ${softDeleted} WHERE project_id = $1 AND deleted_at IS NULL`, [projectId]);
    await client.query('UPDATE sources SET deleted_at = now(), updated_at = now() WHERE project_id = $1 AND deleted_at IS NULL', [projectId]);
    await client.query('UPDATE broker_sources SET deleted_at = now(), updated_at = now() WHERE project_id = $1 AND deleted_at IS NULL', [projectId]);
    await client.query('DELETE FROM portal_sessions WHERE project_id = $1', [projectId]);
    return withOperatorSettings(rows[0]);
  });
}

/**
 * The last step, once the project's events are gone: its endpoints in batches of `limit` (each a
 * short statement; `progress` is called after each), then the project, whose keys, customers,
 * sources, event types and the like go with it (ON DELETE CASCADE). Answers whether the project
 * is gone (or was already); it stays while it still has events, and is never removed unless
 * marked deleted.
 */
export async function removeDeletedProject(db: Queryable, projectId: string, limit: number, progress: () => void = () => {}): Promise<boolean> {
  const removable = 'EXISTS (SELECT 1 FROM projects WHERE id = $1 AND deleted_at IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM events WHERE project_id = $1)';
  for (;;) {
    const { rowCount } = await db.query(`DELETE FROM endpoints WHERE id IN (SELECT id FROM endpoints WHERE project_id = $1 LIMIT $2) AND ${removable}`, [projectId, limit]);
    progress();
    if ((rowCount ?? 0) < limit) break;
  }
  await db.query(`DELETE FROM projects WHERE id = $1 AND ${removable}`, [projectId]);
  const { rows } = await db.query('SELECT 1 FROM projects WHERE id = $1', [projectId]);
  return rows.length === 0;
}
