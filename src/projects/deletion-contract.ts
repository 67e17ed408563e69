/**
 * What the API needs to start a project's deletion workflow (workflows/project-deletion.ts)
 * without importing it: its type name, id and input.
 */

/** The name of the exported function in workflows/ (a test keeps the two in step). */
export const PROJECT_DELETION_WORKFLOW_TYPE = 'projectDeletionWorkflow';

export interface ProjectDeletionInput {
  projectId: string;
}

export type ProjectDeletionWorkflow = (input: ProjectDeletionInput) => Promise<{ endpoints: number; cancelled: number }>;

/** One per project: a repeated DELETE finds the running one. */
export function projectDeletionWorkflowId(projectId: string): string {
  return `project-deletion/${projectId}`;
}

/** What each cancelled delivery records as its reason. */
export const PROJECT_DELETED_REASON = 'the project was deleted';
