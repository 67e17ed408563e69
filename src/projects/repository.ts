/** Projects and their API keys in PostgreSQL. */
import { withTransaction, type Db } from '../db/pool';
import { nextId } from '../ids';
import { generateApiKey, hashApiKey, looksLikeApiKey } from './api-keys';

export interface Project {
  id: string;
  name: string;
  createdAt: Date;
}

/** Creates a project with its first API key; the key is in the result and nowhere else. */
export async function createProject(db: Db, name: string): Promise<{ project: Project; apiKey: string }> {
  const projectId = nextId('proj');
  const { key, hash, displayPrefix } = generateApiKey();
  return withTransaction(db, async (client) => {
    const { rows } = await client.query<{ created_at: Date }>('INSERT INTO projects (id, name) VALUES ($1, $2) RETURNING created_at', [
      projectId,
      name,
    ]);
    await client.query('INSERT INTO api_keys (id, project_id, key_hash, key_prefix) VALUES ($1, $2, $3, $4)', [
      nextId('key'),
      projectId,
      hash,
      displayPrefix,
    ]);
    return { project: { id: projectId, name, createdAt: rows[0]!.created_at }, apiKey: key };
  });
}

/** The project an unrevoked key belongs to, or undefined. */
export async function findProjectByApiKey(db: Db, key: string): Promise<Project | undefined> {
  if (!looksLikeApiKey(key)) return undefined;
  const { rows } = await db.query<{ id: string; name: string; created_at: Date }>(
    `SELECT p.id, p.name, p.created_at
       FROM api_keys k JOIN projects p ON p.id = k.project_id
      WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
    [hashApiKey(key)],
  );
  const row = rows[0];
  return row && { id: row.id, name: row.name, createdAt: row.created_at };
}
