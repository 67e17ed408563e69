import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  freeServicePorts,
  postgresEndpoint,
  SERVICE_PORT_RANGE,
  sqlToolSchemaRuns,
  temporalDatabaseNames,
  temporalServerConfig,
  temporalServerDynamicConfig,
  type TemporalServerConfigOptions,
  type TemporalServerPorts,
} from '../../src/stack/temporal-server';

const ports: TemporalServerPorts = {
  frontend: 7233,
  history: 41001,
  matching: 41002,
  worker: 41003,
  membership: { frontend: 41004, history: 41005, matching: 41006, worker: 41007 },
};

const sqlite: TemporalServerConfigOptions = {
  persistence: { kind: 'sqlite', file: '/data/temporal.db', visibilityFile: '/data/temporal-visibility.db' },
  ports,
  numHistoryShards: 4,
  dynamicConfigFile: '/data/config/dynamicconfig.yaml',
};

const postgres: TemporalServerConfigOptions = {
  ...sqlite,
  persistence: {
    kind: 'postgres',
    database: 'temporal_test',
    visibilityDatabase: 'temporal_visibility_test',
    ...postgresEndpoint('postgres://postgres@127.0.0.1:55432/switchyard'),
  },
};

type Store = { sql: Record<string, unknown> & { connectAttributes?: Record<string, string> } };

function stores(config: Record<string, unknown>): { persistence: Record<string, unknown>; main: Store; visibility: Store } {
  const persistence = config.persistence as { defaultStore: string; visibilityStore: string; datastores: Record<string, Store> };
  return { persistence, main: persistence.datastores[persistence.defaultStore]!, visibility: persistence.datastores[persistence.visibilityStore]! };
}

/** Every "host:port" string anywhere in the configuration. */
function addresses(value: unknown): string[] {
  if (typeof value === 'string') return /^[^\s/:]+:\d+$/.test(value) ? [value] : [];
  if (value && typeof value === 'object') return Object.values(value).flatMap(addresses);
  return [];
}

describe('the real Temporal server configuration', () => {
  it('is JSON the server reads as YAML, unchanged', () => {
    for (const options of [sqlite, postgres]) {
      const config = temporalServerConfig(options);
      assert.deepEqual(parse(JSON.stringify(config, null, 2)), config);
    }
  });

  it('keeps history shards at 4 and visibility in a SQLite file of its own, schema made by the plugin', () => {
    const config = temporalServerConfig(sqlite);
    const { persistence, main, visibility } = stores(config);
    assert.equal(persistence.numHistoryShards, 4);
    assert.notEqual(persistence.defaultStore, persistence.visibilityStore);
    assert.equal(main.sql.pluginName, 'sqlite');
    assert.equal(main.sql.databaseName, '/data/temporal.db');
    assert.equal(visibility.sql.databaseName, '/data/temporal-visibility.db', 'a second file: a second connection');
    for (const store of [main, visibility]) {
      assert.equal(store.sql.connectAttributes!.setup, 'true');
      assert.equal(store.sql.connectAttributes!.journal_mode, 'wal');
      assert.equal(store.sql.maxConns, 1);
      // The server maps these attributes to strings; a YAML bool or number would not load.
      for (const value of Object.values(store.sql.connectAttributes!)) assert.equal(typeof value, 'string');
    }
  });

  it('puts both PostgreSQL stores on the given server with the pgx plugin, each in its database', () => {
    const { main, visibility } = stores(temporalServerConfig(postgres));
    for (const store of [main, visibility]) {
      assert.equal(store.sql.pluginName, 'postgres12_pgx');
      assert.equal(store.sql.connectAddr, '127.0.0.1:55432');
      assert.equal(store.sql.user, 'postgres');
      assert.equal(store.sql.password, '');
    }
    assert.equal(main.sql.databaseName, 'temporal_test');
    assert.equal(visibility.sql.databaseName, 'temporal_visibility_test');
  });

  it('binds every service on loopback, on the ports given, and points clients at the frontend', () => {
    const config = temporalServerConfig(sqlite) as {
      services: Record<string, { rpc: { grpcPort: number; membershipPort: number; bindOnIP: string } }>;
      global: { membership: { broadcastAddress: string } };
      publicClient: { hostPort: string };
    };
    assert.deepEqual(Object.keys(config.services).sort(), ['frontend', 'history', 'matching', 'worker']);
    for (const [name, service] of Object.entries(config.services)) {
      assert.equal(service.rpc.bindOnIP, '127.0.0.1', name);
      assert.equal(service.rpc.grpcPort, ports[name as 'history']);
      assert.equal(service.rpc.membershipPort, ports.membership[name as 'history']);
    }
    assert.equal(config.global.membership.broadcastAddress, '127.0.0.1');
    assert.equal(config.publicClient.hostPort, '127.0.0.1:7233');
    for (const address of addresses(config)) assert.match(address, /^127\.0\.0\.1:/);
  });

  it('leaves metrics, pprof, the HTTP API and archival off, and reads the dynamic config file given', () => {
    const config = temporalServerConfig(sqlite) as Record<string, any>;
    assert.equal(config.global.metrics, undefined);
    assert.equal(config.global.pprof, undefined);
    assert.equal(config.services.frontend.rpc.httpPort, undefined);
    assert.equal(config.archival.history.state, 'disabled');
    assert.equal(config.dynamicConfigClient.filepath, '/data/config/dynamicconfig.yaml');
  });

  it('writes dynamic config values in the file client\'s format, eager activities on as on the dev server', () => {
    assert.deepEqual(temporalServerDynamicConfig(), { 'system.enableActivityEagerExecution': [{ value: true }] });
    assert.deepEqual(temporalServerDynamicConfig({ 'matching.numTaskqueueReadPartitions': 1 })['matching.numTaskqueueReadPartitions'], [{ value: 1 }]);
  });
});

describe('the real Temporal server\'s other ports', () => {
  it('are distinct, free, and fit the SMALLINT the PostgreSQL schema keeps them in', async () => {
    const found = await freeServicePorts(7);
    assert.equal(new Set(found).size, 7);
    for (const port of found) assert.ok(port >= SERVICE_PORT_RANGE.from && port <= 32_767, String(port));
  });
});

describe('the real Temporal server on PostgreSQL', () => {
  it('reads the endpoint from the database URL', () => {
    assert.deepEqual(postgresEndpoint('postgres://postgres@127.0.0.1:55432/switchyard'), { host: '127.0.0.1', port: 55432, user: 'postgres', password: '' });
    assert.deepEqual(postgresEndpoint('postgresql://app:p%40ss@127.0.0.1/hooks'), { host: '127.0.0.1', port: 5432, user: 'app', password: 'p@ss' });
  });

  it('gives ephemeral runs databases of their own', () => {
    const dev = temporalDatabaseNames(false);
    const test = temporalDatabaseNames(true);
    assert.deepEqual(dev, { database: 'temporal', visibilityDatabase: 'temporal_visibility' });
    assert.deepEqual(test, { database: 'temporal_test', visibilityDatabase: 'temporal_visibility_test' });
  });

  it('sets the schema up with the SQL tool: version tables, then every embedded version; no password on the command line', () => {
    const endpoint = postgresEndpoint('postgres://app:secret@127.0.0.1:55432/switchyard');
    const [setup, update] = sqlToolSchemaRuns(endpoint, 'temporal_visibility', 'visibility');
    for (const args of [setup!, update!]) {
      const pairs = args.map((arg, i) => `${arg} ${args[i + 1]}`);
      assert.ok(pairs.includes('--plugin postgres12_pgx'));
      assert.ok(pairs.includes('--endpoint 127.0.0.1'));
      assert.ok(pairs.includes('--port 55432'));
      assert.ok(pairs.includes('--user app'));
      assert.ok(pairs.includes('--database temporal_visibility'));
      assert.ok(!args.join(' ').includes('secret'));
    }
    assert.deepEqual(setup!.slice(-3), ['setup-schema', '--version', '0.0']);
    assert.deepEqual(update!.slice(-3), ['update-schema', '--schema-name', 'postgresql/v12/visibility']);
  });
});
