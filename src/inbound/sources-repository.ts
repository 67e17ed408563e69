/** Sources and their refused requests in PostgreSQL. Every API query is scoped to a project. */
import type { Db } from '../db/pool';
import type { Rate } from '../token-buckets';
import { nextId } from '../ids';
import { SECRET_PURPOSE, openSecret, sealSecret } from '../secrets/keyring';
import type { SourceRoute } from './routing';
import type { CreateSource, UpdateSource } from './source-schema';
import type { HmacOptions, ApiKeyOptions, ProviderName } from './verify';

export interface Source {
  id: string;
  projectId: string;
  name: string;
  provider: ProviderName;
  routes: SourceRoute[];
  toleranceSeconds: number | null;
  publicUrl: string | null;
  response: { status: number; body?: string; contentType?: string } | null;
  hmac: HmacOptions | null;
  apiKey: ApiKeyOptions | null;
  dedupeWindow: string;
  /** CIDRs requests must come from; null: anywhere. */
  allowedIps: string[] | null;
  /** Requests a second, verified or not; null: no limit of its own. */
  rateLimit: Rate | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** With what verifies its requests: never sent to API callers. */
export interface SourceWithSecrets extends Source {
  secrets: string[];
}

const columns = `id, project_id, name, provider, secrets, options, tolerance_seconds, public_url, routes, response, dedupe_window,
  version, created_at, updated_at`;

interface Row {
  id: string;
  project_id: string;
  name: string;
  provider: ProviderName;
  secrets: string[];
  options: { hmac?: HmacOptions; apiKey?: ApiKeyOptions; allowedIps?: string[]; rateLimit?: Rate };
  tolerance_seconds: number | null;
  public_url: string | null;
  routes: SourceRoute[];
  response: Source['response'];
  dedupe_window: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

function fromRow(row: Row): SourceWithSecrets {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    provider: row.provider,
    secrets: row.secrets.map((secret) => openSecret(secret, SECRET_PURPOSE.sourceSecret)),
    routes: row.routes,
    toleranceSeconds: row.tolerance_seconds,
    publicUrl: row.public_url,
    response: row.response,
    hmac: row.options.hmac ?? null,
    apiKey: row.options.apiKey ?? null,
    allowedIps: row.options.allowedIps ?? null,
    rateLimit: row.options.rateLimit ?? null,
    dedupeWindow: row.dedupe_window,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function publicSource(source: SourceWithSecrets): Source & { secretCount: number } {
  const { secrets, ...rest } = source;
  return { ...rest, secretCount: secrets.length };
}

const sealSecrets = (secrets: string[]) => secrets.map((secret) => sealSecret(secret, SECRET_PURPOSE.sourceSecret));

const optionsOf = (s: { hmac?: HmacOptions | null; apiKey?: ApiKeyOptions | null; allowedIps?: string[] | null; rateLimit?: Rate | null }) => ({
  ...(s.hmac ? { hmac: s.hmac } : {}),
  ...(s.apiKey ? { apiKey: s.apiKey } : {}),
  ...(s.allowedIps ? { allowedIps: s.allowedIps } : {}),
  ...(s.rateLimit ? { rateLimit: s.rateLimit } : {}),
});

export async function createSource(db: Db, projectId: string, input: CreateSource): Promise<SourceWithSecrets> {
  const { rows } = await db.query<Row>(
    `INSERT INTO sources (id, project_id, name, provider, secrets, options, tolerance_seconds, public_url, routes, response, dedupe_window)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11, '7d')) RETURNING ${columns}`,
    [
      nextId('src'),
      projectId,
      input.name,
      input.provider,
      JSON.stringify(sealSecrets(input.secrets)),
      optionsOf(input),
      input.toleranceSeconds ?? null,
      input.publicUrl ?? null,
      JSON.stringify(input.routes ?? []),
      input.response ?? null,
      input.dedupeWindow ?? null,
    ],
  );
  return fromRow(rows[0]!);
}

export async function findSource(db: Db, projectId: string, id: string): Promise<SourceWithSecrets | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${columns} FROM sources WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL`, [projectId, id]);
  return rows[0] && fromRow(rows[0]);
}

/** For the public ingest route: by id alone, live sources only. */
export async function sourceById(db: Db, id: string): Promise<SourceWithSecrets | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${columns} FROM sources WHERE id = $1 AND deleted_at IS NULL`, [id]);
  return rows[0] && fromRow(rows[0]);
}

export async function listSources(db: Db, projectId: string, limit: number, after?: string): Promise<SourceWithSecrets[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${columns} FROM sources WHERE project_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
    [projectId, after ?? null, limit],
  );
  return rows.map(fromRow);
}

/** Replaces the source with `merged` (the stored one with the update applied and checked). */
export async function saveSource(db: Db, merged: SourceWithSecrets): Promise<SourceWithSecrets | undefined> {
  const { rows } = await db.query<Row>(
    `UPDATE sources SET name = $3, provider = $4, secrets = $5, options = $6, tolerance_seconds = $7, public_url = $8, routes = $9,
            response = $10, dedupe_window = $11, version = version + 1, updated_at = now()
      WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING ${columns}`,
    [
      merged.projectId,
      merged.id,
      merged.name,
      merged.provider,
      JSON.stringify(sealSecrets(merged.secrets)),
      optionsOf(merged),
      merged.toleranceSeconds,
      merged.publicUrl,
      JSON.stringify(merged.routes),
      merged.response,
      merged.dedupeWindow,
    ],
  );
  return rows[0] && fromRow(rows[0]);
}

export function applyUpdate(source: SourceWithSecrets, input: UpdateSource): SourceWithSecrets {
  const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  return { ...source, ...defined } as SourceWithSecrets;
}

export async function deleteSource(db: Db, projectId: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE sources SET deleted_at = now(), updated_at = now() WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL', [
    projectId,
    id,
  ]);
  return rowCount === 1;
}

const KEPT_FAILURES = 100;

/**
 * A refused request: why, which headers it had (names only) and its size. Keeps the latest
 * hundred (the statement's snapshot does not see the row it adds, hence the one fewer kept).
 */
export async function recordFailure(db: Db, sourceId: string, failure: { reason: string; headerNames: string[]; bodyBytes: number }): Promise<void> {
  await db.query(
    `WITH added AS (INSERT INTO source_failures (source_id, reason, header_names, body_bytes) VALUES ($1, $2, $3, $4) RETURNING id)
     DELETE FROM source_failures WHERE source_id = $1 AND EXISTS (SELECT 1 FROM added)
       AND id NOT IN (SELECT id FROM source_failures WHERE source_id = $1 ORDER BY id DESC LIMIT $5 - 1)`,
    [sourceId, failure.reason, failure.headerNames, failure.bodyBytes, KEPT_FAILURES],
  );
}

export async function recentFailures(db: Db, sourceId: string, limit: number) {
  const { rows } = await db.query<{ at: Date; reason: string; header_names: string[]; body_bytes: number }>(
    'SELECT at, reason, header_names, body_bytes FROM source_failures WHERE source_id = $1 ORDER BY id DESC LIMIT $2',
    [sourceId, limit],
  );
  return rows.map((row) => ({ at: row.at, reason: row.reason, headerNames: row.header_names, bodyBytes: row.body_bytes }));
}
