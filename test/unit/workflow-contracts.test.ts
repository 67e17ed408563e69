/**
 * The contracts in src/ that clients start and signal workflows by (their type names and
 * signatures) against the workflows that implement them: a renamed workflow function, or a
 * changed input, fails here rather than at the first start.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DELIVERY_WORKFLOW_TYPE, type DeliveryWorkflow } from '../../src/deliveries/workflow-contract';
import { ENDPOINT_WORKFLOW_TYPE, type EndpointWorkflow } from '../../src/endpoint-health/workflow-contract';
import { PROJECT_DELETION_WORKFLOW_TYPE, type ProjectDeletionWorkflow } from '../../src/projects/deletion-contract';
import * as workflows from '../../workflows';

// Checked by the typecheck: each implementation has its contract's signature.
const delivery: DeliveryWorkflow = workflows.deliveryWorkflow;
const endpoint: EndpointWorkflow = workflows.endpointWorkflow;
const projectDeletion: ProjectDeletionWorkflow = workflows.projectDeletionWorkflow;

describe('workflow contracts', () => {
  it('name the functions workflows/ exports', () => {
    assert.equal(workflows[DELIVERY_WORKFLOW_TYPE], delivery);
    assert.equal(workflows[ENDPOINT_WORKFLOW_TYPE], endpoint);
    assert.equal(workflows[PROJECT_DELETION_WORKFLOW_TYPE], projectDeletion);
  });
});
