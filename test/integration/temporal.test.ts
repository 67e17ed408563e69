import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Connection, Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { createPool, type Db } from '../../src/db/pool';
import { loadMigrations } from '../../src/db/migrate';
import { ensureNamespace, ensureSearchAttributes } from '../../src/temporal/namespace-setup';
import { startWorker, type RunningWorker } from '../../src/worker';
import { selfCheckWorkflow } from '../../workflows';
import { searchAttributeKeys } from '../../src/temporal/search-attributes';
import { testConfig, uniqueName } from '../support/services';

const { EventType } = temporal.api.enums.v1;

describe('Temporal, on the real dev server', () => {
  const config = testConfig();
  const taskQueue = uniqueName('test-temporal');
  let db: Db;
  let worker: RunningWorker;
  let connection: Connection;
  let client: Client;

  before(async () => {
    db = createPool(config.databaseUrl!);
    worker = await startWorker(config, db, { taskQueue });
    connection = await Connection.connect({ address: config.temporal.address });
    client = new Client({ connection, namespace: config.temporal.namespace });
  });

  after(async () => {
    await worker?.stop();
    await connection?.close();
    await db?.end();
  });

  it('runs a workflow end to end through a real activity that reads the database', async () => {
    const result = await client.workflow.execute(selfCheckWorkflow, { taskQueue, workflowId: uniqueName('self-check') });
    assert.equal(result.schemaVersion, loadMigrations().at(-1)!.version);
  });

  it('records the workflow and its activity in the server history', async () => {
    const workflowId = uniqueName('self-check');
    await client.workflow.execute(selfCheckWorkflow, { taskQueue, workflowId });
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const types = (history.events ?? []).map((event) => EventType[event.eventType!]);
    assert.equal(types.filter((type) => type === 'EVENT_TYPE_ACTIVITY_TASK_COMPLETED').length, 1, types.join(' '));
    assert.equal(types.at(-1), 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
  });

  it('registers the search attributes the workflows use, once', async () => {
    await ensureSearchAttributes(connection, config.temporal.namespace);
    const listed = await connection.operatorService.listSearchAttributes({ namespace: config.temporal.namespace });
    for (const key of searchAttributeKeys) {
      assert.ok(key.name in (listed.customAttributes ?? {}), `${key.name} is registered`);
    }
    assert.deepEqual(await ensureSearchAttributes(connection, config.temporal.namespace), []);
  });

  it('creates a missing namespace once and gives it the search attributes', async () => {
    const namespace = uniqueName('test-ns');
    try {
      assert.equal(await ensureNamespace(connection, namespace), true);
      assert.equal(await ensureNamespace(connection, namespace), false);
      assert.deepEqual(new Set(await ensureSearchAttributes(connection, namespace)), new Set(searchAttributeKeys.map((key) => key.name)));
      assert.deepEqual(await ensureSearchAttributes(connection, namespace), []);
    } finally {
      await connection.operatorService.deleteNamespace({ namespace }).catch(() => undefined);
    }
  });
});
