import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadMigrations, planMigrations } from '../../src/db/migrate';

describe('migration plan', () => {
  it('orders files by version and ignores other files', () => {
    assert.deepEqual(planMigrations(['0002_events.sql', 'README.md', '0001_projects.sql']), [
      { version: 1, name: 'projects' },
      { version: 2, name: 'events' },
    ]);
  });

  it('rejects gaps, repeats and stray names', () => {
    assert.throws(() => planMigrations(['0001_a.sql', '0003_c.sql']), /without gaps/);
    assert.throws(() => planMigrations(['0001_a.sql', '0001_b.sql']), /without gaps or repeats/);
    assert.throws(() => planMigrations(['1_a.sql']), /NNNN_lower_snake_case/);
    assert.throws(() => planMigrations(['0001_Add-Things.sql']), /NNNN_lower_snake_case/);
  });

  it('plans the shipped migrations', () => {
    const migrations = loadMigrations();
    assert.ok(migrations.length >= 1);
    assert.equal(migrations[0]!.version, 1);
    for (const migration of migrations) assert.match(migration.checksum, /^[0-9a-f]{64}$/);
  });
});
