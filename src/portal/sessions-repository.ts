/**
 * Portal sessions in PostgreSQL. A customer's session is made by the provider and opened, once,
 * by the browser that follows its link; an operator's is made by logging in with an API key. A
 * session answers for nothing once revoked, expired, or its customer deleted or its key revoked.
 */
import type { Db } from '../db/pool';
import { nextId } from '../ids';
import type { ApiKeyScope } from '../projects/api-keys';
import { cookieHash } from './tokens';

export type PortalPermissions = 'read' | 'manage';

/** Who a portal request acts as, and over what. */
export interface PortalSession {
  id: string;
  projectId: string;
  projectName: string;
  /** null: the operator console, over every customer of the project. */
  customer: { id: string; name: string } | null;
  permissions: PortalPermissions;
  returnUrl: string | null;
  expiresAt: Date;
  /** Sites that may frame the portal (CSP frame-ancestors). */
  frameAncestors: string[];
}

interface Row {
  id: string;
  project_id: string;
  project_name: string;
  customer_id: string | null;
  customer_name: string | null;
  permissions: PortalPermissions;
  return_url: string | null;
  expires_at: Date;
  portal_frame_ancestors: string[];
}

const fromRow = (row: Row): PortalSession => ({
  id: row.id,
  projectId: row.project_id,
  projectName: row.project_name,
  customer: row.customer_id ? { id: row.customer_id, name: row.customer_name ?? '' } : null,
  permissions: row.permissions,
  returnUrl: row.return_url,
  expiresAt: row.expires_at,
  frameAncestors: row.portal_frame_ancestors,
});

/** A session still good for requests: its customer live, its operator's key unrevoked. */
const liveSession = `SELECT s.id, s.project_id, p.name AS project_name, s.customer_id, c.name AS customer_name, s.permissions, s.return_url,
         s.expires_at, p.portal_frame_ancestors
    FROM portal_sessions s JOIN projects p ON p.id = s.project_id
    LEFT JOIN customers c ON c.id = s.customer_id
    LEFT JOIN api_keys k ON k.id = s.api_key_id
   WHERE s.revoked_at IS NULL AND s.expires_at > now()
     AND (s.customer_id IS NULL OR c.deleted_at IS NULL)
     AND (s.api_key_id IS NULL OR k.revoked_at IS NULL)`;

export async function createCustomerSession(
  db: Db,
  input: { projectId: string; customerId: string; permissions: PortalPermissions; returnUrl: string | null; expiresAt: Date },
): Promise<{ id: string; expiresAt: Date }> {
  const id = nextId('pss');
  await db.query(
    `INSERT INTO portal_sessions (id, project_id, customer_id, permissions, return_url, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, input.projectId, input.customerId, input.permissions, input.returnUrl, input.expiresAt],
  );
  return { id, expiresAt: input.expiresAt };
}

/**
 * Opens a customer session's link: binds the session to the browser's cookie, the first time
 * only. Undefined when the link was used already or the session no longer answers.
 */
export async function openLink(db: Db, sessionId: string, cookie: string): Promise<PortalSession | undefined> {
  const { rows } = await db.query<Row>(
    `WITH opened AS (
       UPDATE portal_sessions SET link_used_at = now(), cookie_hash = $2
        WHERE id = $1 AND link_used_at IS NULL AND id IN (SELECT id FROM (${liveSession}) live)
        RETURNING id
     )
     SELECT live.* FROM (${liveSession}) live JOIN opened ON opened.id = live.id`,
    [sessionId, cookieHash(cookie)],
  );
  return rows[0] && fromRow(rows[0]);
}

/** An operator's session, from a key already authenticated; a read key gets a read-only console. */
export async function createOperatorSession(db: Db, input: { projectId: string; apiKeyId: string; scope: ApiKeyScope; cookie: string; expiresAt: Date }): Promise<void> {
  await db.query(
    `INSERT INTO portal_sessions (id, project_id, api_key_id, permissions, expires_at, link_used_at, cookie_hash) VALUES ($1, $2, $3, $4, $5, now(), $6)`,
    [nextId('pss'), input.projectId, input.apiKeyId, input.scope === 'full' ? 'manage' : 'read', input.expiresAt, cookieHash(input.cookie)],
  );
}

export async function sessionByCookie(db: Db, cookie: string): Promise<PortalSession | undefined> {
  const { rows } = await db.query<Row>(`${liveSession} AND s.cookie_hash = $1`, [cookieHash(cookie)]);
  return rows[0] && fromRow(rows[0]);
}

/** Ends every session of a customer; answers how many were live. */
export async function revokeCustomerSessions(db: Db, projectId: string, customerId: string): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE portal_sessions SET revoked_at = now() WHERE project_id = $1 AND customer_id = $2 AND revoked_at IS NULL AND expires_at > now()`,
    [projectId, customerId],
  );
  return rowCount ?? 0;
}

/** Logging out. */
export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.query(`UPDATE portal_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
}

/** Sites that may frame a project's portal pages; none for an unknown project. */
export async function frameAncestorsOf(db: Db, projectId: string): Promise<string[]> {
  const { rows } = await db.query<{ portal_frame_ancestors: string[] }>(`SELECT portal_frame_ancestors FROM projects WHERE id = $1`, [projectId]);
  return rows[0]?.portal_frame_ancestors ?? [];
}
