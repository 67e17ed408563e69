/**
 * Every workflow the worker runs. This file is the root of the workflow bundle: what it imports
 * runs in Temporal's deterministic sandbox, so it imports no I/O.
 */
export { deliveryWorkflow } from './delivery';
export { endpointWorkflow } from './endpoint';
export { noticeWorkflow } from './notice';
export { replayWorkflow } from './replay';
export { selfCheckWorkflow } from './self-check';
export { projectDeletionWorkflow } from './project-deletion';
