import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { loadMigrations, migrate, migrationsDir, schemaVersion } from '../../src/db/migrate';
import { recreateDatabase } from '../../src/stack/postgres';
import { testConfig, uniqueName } from '../support/services';

/** A database of the test's own on the test server, so the migrations start from nothing. */
function scratchDatabaseUrl(): string {
  const url = new URL(testConfig().databaseUrl!);
  url.pathname = `/${uniqueName('migrations')}`;
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function dropDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  await query(admin.toString(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** A copy of the shipped migrations plus `extra` files, to try what a bad change does. */
function migrationsWith(extra: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-migrations-'));
  for (const file of fs.readdirSync(migrationsDir)) fs.copyFileSync(path.join(migrationsDir, file), path.join(dir, file));
  for (const [name, sql] of Object.entries(extra)) fs.writeFileSync(path.join(dir, name), sql);
  return dir;
}

describe('migrations, on real PostgreSQL', () => {
  const url = scratchDatabaseUrl();
  const shipped = loadMigrations();
  const next = String(shipped.length + 1).padStart(4, '0');

  before(() => recreateDatabase(url));
  after(() => dropDatabase(url));

  it('apply every migration to an empty database and record each', async () => {
    const applied = await migrate(url);
    assert.deepEqual(
      applied.map((m) => m.version),
      shipped.map((m) => m.version),
    );
    const tables = await query<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    const names = tables.map((t) => t.table_name);
    for (const table of ['schema_migrations', 'projects', 'api_keys']) assert.ok(names.includes(table), `${table} exists`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    assert.equal(await schemaVersion(client), shipped.at(-1)!.version);
    await client.end();
  });

  it('apply nothing the second time, even when several processes race', async () => {
    const runs = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    assert.deepEqual(runs, [[], [], []]);
    const rows = await query<{ count: string }>(url, 'SELECT count(*) FROM schema_migrations');
    assert.equal(Number(rows[0]!.count), shipped.length);
  });

  it('roll a failing migration back whole and record nothing', async () => {
    const dir = migrationsWith({ [`${next}_broken.sql`]: 'CREATE TABLE half_done (id int);\nSELECT no_such_function();' });
    await assert.rejects(migrate(url, dir), /broken\.sql failed/);
    const tables = await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    assert.equal(tables.length, 0, 'the first statement was rolled back');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    assert.equal(await schemaVersion(client), shipped.length);
    await client.end();
  });

  it('refuse to run when an applied migration was edited', async () => {
    const first = path.basename(shipped[0]!.file);
    const dir = migrationsWith({ [first]: `${fs.readFileSync(shipped[0]!.file, 'utf8')}\n-- edited\n` });
    await assert.rejects(migrate(url, dir), /was edited after it was applied/);
  });

  it('grant each project that already consumes Kafka the topics of its live sources, then move its sources into the broker model', async () => {
    const upgraded = scratchDatabaseUrl();
    await recreateDatabase(upgraded);
    try {
      const before = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-migrations-'));
      for (const file of fs.readdirSync(migrationsDir).filter((name) => name < '0009')) fs.copyFileSync(path.join(migrationsDir, file), path.join(before, file));
      await migrate(upgraded, before);
      await query(
        upgraded,
        `INSERT INTO projects (id, name) VALUES ('prj_kafka', 'kafka'), ('prj_none', 'none');
         INSERT INTO kafka_sources (id, project_id, topic, group_id, format, event_type_header, dead_letter_topic, deleted_at) VALUES
           ('ksrc_1', 'prj_kafka', 'orders', 'g1', 'envelope', NULL, 'orders.dlq', NULL),
           ('ksrc_2', 'prj_kafka', 'billing', 'g2', 'raw', 'x-type', 'shared.dlq', NULL),
           ('ksrc_3', 'prj_kafka', 'gone', 'g3', 'raw', NULL, 'gone.dlq', now())`,
      );
      await migrate(upgraded);
      // 0009 granted the topics; 0019 made the grant the allow-list's Kafka entry.
      const granted = await query<{ id: string; broker_prefixes: unknown }>(upgraded, 'SELECT id, broker_prefixes FROM projects ORDER BY id');
      assert.deepEqual(granted, [
        { id: 'prj_kafka', broker_prefixes: { kafka: ['billing', 'orders', 'orders.dlq', 'shared.dlq'] } },
        { id: 'prj_none', broker_prefixes: {} },
      ]);
      const moved = await query(
        upgraded,
        'SELECT id, project_id, broker, address, consumer_group, format, event_type_attribute, dead_letter, deleted_at IS NOT NULL AS deleted FROM broker_sources ORDER BY id',
      );
      assert.deepEqual(moved, [
        { id: 'ksrc_1', project_id: 'prj_kafka', broker: 'kafka', address: 'orders', consumer_group: 'g1', format: 'envelope', event_type_attribute: null, dead_letter: 'orders.dlq', deleted: false },
        { id: 'ksrc_2', project_id: 'prj_kafka', broker: 'kafka', address: 'billing', consumer_group: 'g2', format: 'raw', event_type_attribute: 'x-type', dead_letter: 'shared.dlq', deleted: false },
        { id: 'ksrc_3', project_id: 'prj_kafka', broker: 'kafka', address: 'gone', consumer_group: 'g3', format: 'raw', event_type_attribute: null, dead_letter: 'gone.dlq', deleted: true },
      ]);
      const oldTables = await query(upgraded, "SELECT table_name FROM information_schema.tables WHERE table_name IN ('kafka_sources', 'kafka_consumer_reports')");
      assert.deepEqual(oldTables, []);
    } finally {
      await dropDatabase(upgraded);
    }
  });

  it('apply a new migration on top, and refuse to go back to code that does not know it', async () => {
    const dir = migrationsWith({ [`${next}_widgets.sql`]: 'CREATE TABLE widgets (id int PRIMARY KEY);' });
    assert.deepEqual((await migrate(url, dir)).map((m) => m.name), ['widgets']);
    await assert.rejects(migrate(url), /migrated by a newer Switchyard/);
  });
});
