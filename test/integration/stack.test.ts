import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Connection } from '@temporalio/client';
import pg from 'pg';
import { ensureKafkaJars, isKafkaReady, startLocalKafka } from '../../src/stack/kafka';
import { isPostgresReady, startLocalPostgres } from '../../src/stack/postgres';
import { isPortOpen } from '../../src/stack/processes';
import { startStack } from '../../src/stack/stack';
import { ensureNamespace } from '../../src/temporal/namespace-setup';
import { findOrBuildTemporalCli, isTemporalReady, startTemporalDevServer } from '../../src/stack/temporal';
import { findOrBuildTemporalServer, startTemporalServer } from '../../src/stack/temporal-server';
import { searchAttributeKeys } from '../../src/temporal/search-attributes';
import { closedPort } from '../support/http';
import { testConfig } from '../support/services';

describe('local stack provisioning', () => {
  const config = testConfig();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-stack-test-'));
  // The cluster runs as the `postgres` user when we are root: it must be able to reach the folder.
  fs.chmodSync(scratch, 0o755);
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('reuses services that already answer, and leaves them running when it stops', async () => {
    const stack = await startStack(config, { kafka: true, ephemeral: true });
    assert.deepEqual(stack.started, []);
    assert.equal(stack.reused.length, 3, stack.reused.join(', '));
    await stack.stop();
    assert.ok(await isTemporalReady(config.temporal.address, config.temporal.namespace));
    assert.ok(await isPostgresReady(config.databaseUrl!));
    assert.ok(await isKafkaReady(config.brokers.kafkaBrokers));
  });

  it('creates, starts and stops a private PostgreSQL cluster', async () => {
    const port = await closedPort();
    const postgres = await startLocalPostgres({ dataDir: path.join(scratch, 'pg'), port, logFile: path.join(scratch, 'pg.log') });
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    assert.ok(await isPostgresReady(url));
    // A session left open (a developer's psql) must not hold the shutdown up.
    const session = new pg.Client({ connectionString: url });
    session.on('error', () => undefined);
    await session.connect();
    await postgres.stop();
    assert.ok(!(await isPortOpen('127.0.0.1', port)));
    const log = fs.readFileSync(path.join(scratch, 'pg.log'), 'utf8');
    assert.match(log, /received fast shutdown request/);
    assert.match(log, /database system is shut down/);
    assert.ok(fs.existsSync(path.join(scratch, 'pg', 'postgres', 'pgdata', 'PG_VERSION')), 'the cluster lives in the data folder');
  });

  it('starts and stops a Temporal dev server with the CLI it finds or builds, keeping state in its SQLite file', async () => {
    const port = await closedPort();
    const options = {
      cli: await findOrBuildTemporalCli(config),
      namespace: 'switchyard-test',
      port,
      uiPort: await closedPort(),
      dbFile: path.join(scratch, 'temporal.db'),
      logFile: path.join(scratch, 'temporal.log'),
    };
    const address = `127.0.0.1:${port}`;
    const first = await startTemporalDevServer(options);
    assert.ok(await isTemporalReady(address, 'switchyard-test'), 'the configured namespace exists');
    assert.ok(await isTemporalReady(address, 'default'));
    const ui = await fetch(`http://127.0.0.1:${options.uiPort}/`);
    assert.equal(ui.status, 200, 'the Web UI is served');
    const connection = await Connection.connect({ address });
    await ensureNamespace(connection, 'kept-across-restarts');
    await connection.close();
    await first.stop();
    assert.ok(!(await isPortOpen('127.0.0.1', port)));

    const second = await startTemporalDevServer(options);
    try {
      assert.ok(await isTemporalReady(address, 'kept-across-restarts'), 'a restart finds what the last run made');
    } finally {
      await second.stop();
    }
  });

  it(
    'starts and stops the real Temporal server on SQLite files, registers the namespace, and keeps state across restarts',
    // Only where the server is built anyway: the build takes minutes.
    { skip: config.temporal.server === 'dev' && 'TEMPORAL_SERVER=dev' },
    async () => {
      const port = await closedPort();
      const options = {
        tools: await findOrBuildTemporalServer(config),
        namespace: 'switchyard-test',
        port,
        home: path.join(scratch, 'temporal-server'),
        persistence: { kind: 'sqlite' as const },
        logFile: path.join(scratch, 'temporal-server.log'),
      };
      const address = `127.0.0.1:${port}`;
      const first = await startTemporalServer(options);
      const connection = await Connection.connect({ address });
      try {
        const listed = await connection.operatorService.listSearchAttributes({ namespace: 'switchyard-test' });
        assert.deepEqual(Object.keys(listed.customAttributes ?? {}).sort(), searchAttributeKeys.map((key) => key.name).sort());
        await ensureNamespace(connection, 'kept-across-restarts');
      } finally {
        await connection.close();
      }
      await first.stop();
      assert.ok(!(await isPortOpen('127.0.0.1', port)));
      assert.ok(fs.existsSync(path.join(options.home, 'temporal-visibility.db')), 'visibility has a file of its own');
      const ports = fs.readFileSync(path.join(options.home, 'ports.json'), 'utf8');

      const second = await startTemporalServer(options);
      try {
        assert.ok(await isTemporalReady(address, 'kept-across-restarts'), 'a restart finds what the last run made');
        assert.equal(fs.readFileSync(path.join(options.home, 'ports.json'), 'utf8'), ports, 'on the ports the membership it remembers has');
      } finally {
        await second.stop();
      }
    },
  );

  it('starts and stops a single-node KRaft Kafka from the Maven Central jars', async () => {
    const port = await closedPort();
    const libs = await ensureKafkaJars(config.paths.tools);
    const kafka = await startLocalKafka({
      libs,
      dataDir: path.join(scratch, 'kafka'),
      port,
      controllerPort: await closedPort(),
      logFile: path.join(scratch, 'kafka.log'),
    });
    assert.ok(await isKafkaReady([`127.0.0.1:${port}`]));
    await kafka.stop();
    assert.ok(!(await isPortOpen('127.0.0.1', port)));
  });
});
