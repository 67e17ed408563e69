/** Projects in PostgreSQL: made with their first API key (api-keys-repository.ts has the rest), and their settings. */
import { withTransaction, type Db, type Queryable } from '../db/pool';
import { nextId } from '../ids';
import { SECRET_PURPOSE, openSecret, sealSecret } from '../secrets/keyring';
import { generateSecret } from '../signing/standard-webhooks';
import { generateApiKey } from './api-keys';
import { openEgressProxy } from '../endpoints/repository';
import type { OperatorSettings, OperatorSettingsChange, ProjectEgressProxy } from './operator-settings';
import { applyNoticeSettingsChange, type AppliedChange, type NoticeSettings, type NoticeSettingsChange } from './notice-settings';

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
    await client.query(`INSERT INTO api_keys (id, project_id, key_hash, key_prefix, name, scope) VALUES ($1, $2, $3, $4, 'first key', 'full')`, [
      nextId('key'),
      projectId,
      hash,
      displayPrefix,
    ]);
    return { project: { id: projectId, name, createdAt: rows[0]!.created_at }, apiKey: key };
  });
}

interface NoticeSettingsRow {
  name: string;
  operational_webhook_url: string | null;
  operational_webhook_secret: string | null;
  notice_emails: string[];
}

const noticeSettingsColumns = 'name, operational_webhook_url, operational_webhook_secret, notice_emails';

function noticeSettingsFrom(row: NoticeSettingsRow): NoticeSettings {
  return {
    operationalWebhookUrl: row.operational_webhook_url,
    operationalWebhookSecret: row.operational_webhook_secret && openSecret(row.operational_webhook_secret, SECRET_PURPOSE.noticeWebhookSecret),
    noticeEmails: row.notice_emails,
  };
}

/** Where the project's notices go, secret included (for signing; the API shows it only on PATCH), or undefined. */
export async function noticeSettingsOf(db: Queryable, projectId: string): Promise<(NoticeSettings & { projectName: string }) | undefined> {
  const { rows } = await db.query<NoticeSettingsRow>(`SELECT ${noticeSettingsColumns} FROM projects WHERE id = $1`, [projectId]);
  const row = rows[0];
  return row && { ...noticeSettingsFrom(row), projectName: row.name };
}

/** What a project sets for itself beside its notices; what is left out stays as it is. */
export interface ProjectOptionsChange {
  /** Check payloads against their event types' schemas. */
  validatePayloads?: boolean;
  /** Sites that may show the customer portal in an iframe. */
  portalFrameAncestors?: string[];
  /** How long events are kept (src/retention/). */
  retention?: string;
}

/**
 * Applies a change to the notice settings under a row lock, so two PATCHes setting the first URL
 * cannot each generate a secret; undefined when the project does not exist.
 */
export async function updateNoticeSettings(
  db: Db,
  projectId: string,
  change: NoticeSettingsChange,
  own: ProjectOptionsChange = {},
): Promise<AppliedChange | undefined> {
  return withTransaction(db, async (client) => {
    const { rows } = await client.query<NoticeSettingsRow>(`SELECT ${noticeSettingsColumns} FROM projects WHERE id = $1 FOR UPDATE`, [projectId]);
    if (!rows[0]) return undefined;
    const applied = applyNoticeSettingsChange(noticeSettingsFrom(rows[0]), change, () => generateSecret());
    if (!applied.ok) return applied;
    const { operationalWebhookUrl, operationalWebhookSecret, noticeEmails } = applied.settings;
    await client.query(
      `UPDATE projects SET operational_webhook_url = $2, operational_webhook_secret = $3, notice_emails = $4,
         validate_payloads = coalesce($5, validate_payloads), portal_frame_ancestors = coalesce($6, portal_frame_ancestors),
         retention = coalesce($7, retention) WHERE id = $1`,
      [
        projectId,
        operationalWebhookUrl,
        operationalWebhookSecret && sealSecret(operationalWebhookSecret, SECRET_PURPOSE.noticeWebhookSecret),
        noticeEmails,
        own.validatePayloads ?? null,
        own.portalFrameAncestors ?? null,
        own.retention ?? null,
      ],
    );
    return applied;
  });
}

export interface OperatorSettingsRow {
  id: string;
  name: string;
  created_at: Date;
  ingest_rate_limit: OperatorSettings['ingestRateLimit'];
  broker_prefixes: OperatorSettings['brokerPrefixes'];
  egress_proxy: string | null;
  deleted_at: Date | null;
}

export const operatorColumns = 'id, name, created_at, ingest_rate_limit, broker_prefixes, egress_proxy, deleted_at';

/** What the operator sees of a project; `deletedAt`: when it was deleted, its data still being removed. */
export type AdminProject = Project & OperatorSettings & ProjectEgressProxy & { deletedAt: Date | null };

export const withOperatorSettings = (row: OperatorSettingsRow): AdminProject => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
  ingestRateLimit: row.ingest_rate_limit,
  brokerPrefixes: row.broker_prefixes,
  egressProxy: openEgressProxy(row.egress_proxy)?.display ?? null,
  deletedAt: row.deleted_at,
});

/** Every project, newest first, with what the operator set for it; `after` is the last id of the previous page. */
export async function listProjects(db: Db, limit: number, after?: string): Promise<AdminProject[]> {
  const { rows } = await db.query<OperatorSettingsRow>(
    `SELECT ${operatorColumns} FROM projects WHERE ($1::text IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`,
    [after ?? null, limit],
  );
  return rows.map(withOperatorSettings);
}

export async function findProject(db: Queryable, projectId: string): Promise<AdminProject | undefined> {
  const { rows } = await db.query<OperatorSettingsRow>(`SELECT ${operatorColumns} FROM projects WHERE id = $1`, [projectId]);
  return rows[0] && withOperatorSettings(rows[0]);
}

/**
 * Applies the operator's change; undefined when the project does not exist. A new egress proxy
 * gives the project's endpoints a new version, so workers drop their copies and pick it up.
 */
export async function updateOperatorSettings(db: Db, projectId: string, change: OperatorSettingsChange): Promise<AdminProject | undefined> {
  return withTransaction(db, async (client) => {
    const { rows } = await client.query<OperatorSettingsRow>(
      `UPDATE projects SET
          ingest_rate_limit = CASE WHEN $2 THEN $3::jsonb ELSE ingest_rate_limit END,
          broker_prefixes = COALESCE($4::jsonb, broker_prefixes),
          egress_proxy = CASE WHEN $5 THEN $6 ELSE egress_proxy END
        WHERE id = $1 AND deleted_at IS NULL RETURNING ${operatorColumns}`,
      [
        projectId,
        change.ingestRateLimit !== undefined,
        change.ingestRateLimit === undefined ? null : JSON.stringify(change.ingestRateLimit),
        change.brokerPrefixes === undefined ? null : JSON.stringify(change.brokerPrefixes),
        change.egressProxy !== undefined,
        change.egressProxy ? sealSecret(change.egressProxy, SECRET_PURPOSE.projectEgressProxy) : null,
      ],
    );
    if (rows[0] && change.egressProxy !== undefined) {
      await client.query('UPDATE endpoints SET version = version + 1, updated_at = now() WHERE project_id = $1 AND deleted_at IS NULL', [projectId]);
    }
    return rows[0] && withOperatorSettings(rows[0]);
  });
}
