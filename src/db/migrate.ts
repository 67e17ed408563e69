/**
 * Versioned SQL migrations: `src/db/migrations/NNNN_name.sql`, applied in order, each in its own
 * transaction, recorded in `schema_migrations` with a checksum so that editing an applied file is
 * caught instead of silently diverging. An advisory lock lets several processes start at once.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export const migrationsDir = path.join(__dirname, 'migrations');

export interface Migration {
  version: number;
  name: string;
  file: string;
}

/** A migration as named by its file: version and name. */
export interface AppliedMigration {
  version: number;
  name: string;
}

const fileName = /^(\d{4})_([a-z0-9_]+)\.sql$/;
/** An arbitrary constant naming Switchyard's migration lock among the cluster's advisory locks. */
const MIGRATION_LOCK = 0x5717c4;

/** Orders migration files by version; rejects stray names, duplicate versions and gaps. */
export function planMigrations(fileNames: string[]): AppliedMigration[] {
  const migrations = fileNames
    .filter((name) => name.endsWith('.sql'))
    .map((name) => {
      const match = fileName.exec(name);
      if (!match) throw new Error(`migration file ${name} is not named NNNN_lower_snake_case.sql`);
      return { version: Number(match[1]), name: match[2]! };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration versions must run 1, 2, 3, ... without gaps or repeats; found ${migration.version} at position ${index + 1}`);
    }
  });
  return migrations;
}

export function loadMigrations(dir = migrationsDir): (Migration & { sql: string; checksum: string })[] {
  return planMigrations(fs.readdirSync(dir)).map(({ version, name }) => {
    const file = path.join(dir, `${String(version).padStart(4, '0')}_${name}.sql`);
    const sql = fs.readFileSync(file, 'utf8');
    return { version, name, file, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
  });
}

/** Applies pending migrations; returns the ones it applied. */
export async function migrate(databaseUrl: string, dir = migrationsDir): Promise<AppliedMigration[]> {
  const migrations = loadMigrations(dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version     integer PRIMARY KEY,
        name        text NOT NULL,
        checksum    text NOT NULL,
        applied_at  timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await client.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations');
    const applied = new Map(rows.map((row) => [row.version, row.checksum]));
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...applied.keys()].filter((version) => !known.has(version));
    if (unknown.length > 0) {
      throw new Error(`the database has migrations this code does not know (${unknown.join(', ')}): it was migrated by a newer Switchyard`);
    }
    const done: AppliedMigration[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.version);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(`migration ${path.basename(migration.file)} was edited after it was applied; add a new migration instead`);
        }
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          migration.checksum,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${path.basename(migration.file)} failed: ${(error as Error).message}`);
      }
      done.push({ version: migration.version, name: migration.name });
    }
    return done;
  } finally {
    // Ending the session releases the advisory lock too.
    await client.end();
  }
}

/** The highest applied migration version, or 0 for an empty database. */
export async function schemaVersion(db: pg.Pool | pg.Client): Promise<number> {
  const exists = await db.query<{ present: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
  if (!exists.rows[0]!.present) return 0;
  const { rows } = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return rows[0]!.version ?? 0;
}
