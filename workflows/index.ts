/**
 * Every workflow the worker runs. This file is the root of the workflow bundle: what it imports
 * runs in Temporal's deterministic sandbox, so it imports no I/O.
 */
export { deliveryWorkflow } from './delivery';
export { selfCheckWorkflow } from './self-check';
