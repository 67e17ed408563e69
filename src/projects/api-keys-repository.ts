/** A project's API keys in PostgreSQL: made, listed, revoked, and looked up to authenticate. */
import { withTransaction, type Db } from '../db/pool';
import { nextId } from '../ids';
import { generateApiKey, hashApiKey, looksLikeApiKey, type ApiKeyScope } from './api-keys';
import type { OperatorSettings } from './operator-settings';
import type { Project } from './repository';

export interface ApiKey {
  id: string;
  name: string;
  scope: ApiKeyScope;
  /** The first characters, to tell keys apart; not enough to use one. */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** Who a request acts as: the key's project (with what the operator set for it) and the key itself. */
export interface Caller {
  /** `validatePayloads`: the project checks payloads against its event types' schemas. */
  project: Project & OperatorSettings & { validatePayloads: boolean; portalFrameAncestors: string[] };
  key: Pick<ApiKey, 'id' | 'scope' | 'lastUsedAt'>;
}

interface Row {
  id: string;
  name: string;
  scope: ApiKeyScope;
  key_prefix: string;
  created_at: Date;
  last_used_at: Date | null;
}

const columns = 'id, name, scope, key_prefix, created_at, last_used_at';

const fromRow = (row: Row): ApiKey => ({
  id: row.id,
  name: row.name,
  scope: row.scope,
  prefix: row.key_prefix,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

/** The project and key an unrevoked key string belongs to, or undefined. */
export async function authenticateApiKey(db: Db, key: string): Promise<Caller | undefined> {
  if (!looksLikeApiKey(key)) return undefined;
  const { rows } = await db.query<{
    id: string;
    name: string;
    created_at: Date;
    ingest_rate_limit: OperatorSettings['ingestRateLimit'];
    broker_prefixes: OperatorSettings['brokerPrefixes'];
    validate_payloads: boolean;
    portal_frame_ancestors: string[];
    key_id: string;
    scope: ApiKeyScope;
    last_used_at: Date | null;
  }>(
    `SELECT p.id, p.name, p.created_at, p.ingest_rate_limit, p.broker_prefixes, p.validate_payloads, p.portal_frame_ancestors, k.id AS key_id, k.scope, k.last_used_at
       FROM api_keys k JOIN projects p ON p.id = k.project_id
      WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
    [hashApiKey(key)],
  );
  const row = rows[0];
  return (
    row && {
      project: {
        id: row.id,
        name: row.name,
        createdAt: row.created_at,
        ingestRateLimit: row.ingest_rate_limit,
        brokerPrefixes: row.broker_prefixes,
        validatePayloads: row.validate_payloads,
        portalFrameAncestors: row.portal_frame_ancestors,
      },
      key: { id: row.key_id, scope: row.scope, lastUsedAt: row.last_used_at },
    }
  );
}

/** Records a use; callers write it at most once a minute per key, so authentication stays a read. */
export async function touchApiKey(db: Db, id: string): Promise<void> {
  await db.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [id]);
}

/** A new key; the key string is in the result and nowhere else. */
export async function createApiKey(db: Db, projectId: string, input: { name: string; scope: ApiKeyScope }): Promise<ApiKey & { key: string }> {
  const { key, hash, displayPrefix } = generateApiKey();
  const { rows } = await db.query<Row>(
    `INSERT INTO api_keys (id, project_id, key_hash, key_prefix, name, scope) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${columns}`,
    [nextId('key'), projectId, hash, displayPrefix, input.name, input.scope],
  );
  return { ...fromRow(rows[0]!), key };
}

/** Unrevoked keys, newest first; `after` is the last id of the previous page. */
export async function listApiKeys(db: Db, projectId: string, limit: number, after?: string): Promise<ApiKey[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${columns} FROM api_keys
      WHERE project_id = $1 AND revoked_at IS NULL AND ($2::text IS NULL OR id < $2)
      ORDER BY id DESC LIMIT $3`,
    [projectId, after ?? null, limit],
  );
  return rows.map(fromRow);
}

export type Revocation = 'revoked' | 'not_found' | 'last_full_key';

/**
 * Revokes a key, unless it is the project's last unrevoked `full` key: without one, nobody could
 * manage the project any more. The project row is locked first, so two revocations at once are
 * counted one after the other.
 */
export async function revokeApiKey(db: Db, projectId: string, id: string): Promise<Revocation> {
  return withTransaction(db, async (client) => {
    await client.query('SELECT 1 FROM projects WHERE id = $1 FOR UPDATE', [projectId]);
    const { rows } = await client.query<{ scope: ApiKeyScope; full_keys: string }>(
      `SELECT scope, (SELECT count(*) FROM api_keys WHERE project_id = $1 AND revoked_at IS NULL AND scope = 'full') AS full_keys
         FROM api_keys WHERE project_id = $1 AND id = $2 AND revoked_at IS NULL`,
      [projectId, id],
    );
    const target = rows[0];
    if (!target) return 'not_found';
    if (target.scope === 'full' && Number(target.full_keys) <= 1) return 'last_full_key';
    await client.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [id]);
    return 'revoked';
  });
}
