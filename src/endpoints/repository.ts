/**
 * Endpoints in PostgreSQL. Every query is scoped to a project: another project's id is "not found".
 * Secrets and custom header values are stored sealed (src/secrets/keyring.ts) and opened here.
 */
import type { Db, Queryable } from '../db/pool';
import { parseProxyUrl, type EgressProxy } from '../egress/proxy';
import { customerByRef } from '../customers/ref';
import { nextId } from '../ids';
import { REDACTED } from '../redaction';
import { SECRET_PURPOSE, openHeaders, openSecret, sealHeaders, sealSecret } from '../secrets/keyring';
import { generateSecret, generateSigningKey, publicKeyOf, type SigningMaterial } from '../signing/standard-webhooks';
import type { CircuitState } from '../endpoint-health/circuit';
import type { EndpointSnapshot } from '../endpoint-health/snapshot';
import { DEFAULT_AUTO_DISABLE_AFTER, resolveSettings, type CircuitBreakerOverrides, type RateLimit } from '../endpoint-health/settings';
import { shownAuth, shownTls, type ClientTlsInput, type EndpointAuth, type ShownAuth, type ShownTls } from './credentials';
import { signsWith, type CreateEndpoint, type SignatureScheme, type UpdateEndpoint } from './schema';

export type EndpointStatus = 'active' | 'paused' | 'disabled';

export interface Endpoint {
  id: string;
  projectId: string;
  /** The provider's customer the endpoint belongs to; null: one of the provider's own. */
  customerId: string | null;
  url: string;
  description: string;
  eventTypes: string[];
  filter: Record<string, unknown> | null;
  headers: Record<string, string>;
  timeoutMs: number;
  /** null: the default schedule. */
  retrySchedule: string[] | null;
  /** null: no limit. */
  rateLimit: RateLimit | null;
  circuitBreaker: CircuitBreakerOverrides;
  autoDisableAfter: string | null;
  signatureScheme: SignatureScheme;
  /** The region whose workers deliver to it; null: the default ones. */
  region: string | null;
  status: EndpointStatus;
  statusReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** An endpoint with what signs its deliveries: never sent to API callers except at creation and rotation. */
export interface EndpointWithSecrets extends Endpoint {
  secret: string;
  previousSecrets: { secret: string; expiresAt: string }[];
  /** The v1a (ed25519) `whsk_` key; null until the endpoint's scheme first asked for one. Never shown. */
  signingKey: string | null;
  previousSigningKeys: { signingKey: string; expiresAt: string }[];
  /** Mutual TLS: the client certificate and key, and the CAs trusted for this endpoint. */
  tls: ClientTlsInput | null;
  auth: EndpointAuth | null;
}

/**
 * The endpoint as the API shows it: with the public half of its v1a key, which receivers verify
 * with, and what its certificate and authentication are, without their secrets.
 */
export interface PublicEndpoint extends Endpoint {
  publicKey: string | null;
  previousPublicKeys: { publicKey: string; expiresAt: string }[];
  tls: ShownTls | null;
  auth: ShownAuth | null;
}

/** An endpoint as fan-out sees it: what it subscribes to and its state, nothing sealed. */
export type Subscriber = Omit<Endpoint, 'headers'>;

const subscriberColumns = `id, project_id, customer_id, url, description, event_types, filter, timeout_ms, retry_schedule,
  rate_limit, circuit_breaker, auto_disable_after, signature_scheme, region, status, status_reason, version, created_at, updated_at`;
const columns = `${subscriberColumns}, headers, secret, previous_secrets, signing_key, previous_signing_keys, client_tls, auth`;

interface Row {
  id: string;
  project_id: string;
  customer_id: string | null;
  url: string;
  description: string;
  event_types: string[];
  filter: Record<string, unknown> | null;
  headers: Record<string, string>;
  timeout_ms: number;
  retry_schedule: string[] | null;
  rate_limit: RateLimit | null;
  circuit_breaker: CircuitBreakerOverrides;
  auto_disable_after: string | null;
  signature_scheme: SignatureScheme;
  region: string | null;
  status: EndpointStatus;
  status_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  secret: string;
  previous_secrets: { secret: string; expiresAt: string }[];
  signing_key: string | null;
  previous_signing_keys: { signingKey: string; expiresAt: string }[];
  client_tls: string | null;
  auth: string | null;
}

type SealedColumns = 'headers' | 'secret' | 'previous_secrets' | 'signing_key' | 'previous_signing_keys' | 'client_tls' | 'auth';

function subscriberFromRow(row: Omit<Row, SealedColumns>): Subscriber {
  return {
    id: row.id,
    projectId: row.project_id,
    customerId: row.customer_id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    filter: row.filter,
    timeoutMs: row.timeout_ms,
    retrySchedule: row.retry_schedule,
    rateLimit: row.rate_limit,
    circuitBreaker: row.circuit_breaker,
    autoDisableAfter: row.auto_disable_after,
    signatureScheme: row.signature_scheme,
    region: row.region,
    status: row.status,
    statusReason: row.status_reason,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function fromRow(row: Row): EndpointWithSecrets {
  return {
    ...subscriberFromRow(row),
    headers: openHeaders(row.headers),
    secret: openSecret(row.secret, SECRET_PURPOSE.endpointSecret),
    previousSecrets: row.previous_secrets.map((previous) => ({ ...previous, secret: openSecret(previous.secret, SECRET_PURPOSE.endpointSecret) })),
    signingKey: row.signing_key === null ? null : openSecret(row.signing_key, SECRET_PURPOSE.endpointSigningKey),
    previousSigningKeys: row.previous_signing_keys.map((previous) => ({ ...previous, signingKey: openSecret(previous.signingKey, SECRET_PURPOSE.endpointSigningKey) })),
    tls: row.client_tls === null ? null : (JSON.parse(openSecret(row.client_tls, SECRET_PURPOSE.endpointTls)) as ClientTlsInput),
    auth: row.auth === null ? null : (JSON.parse(openSecret(row.auth, SECRET_PURPOSE.endpointAuth)) as EndpointAuth),
  };
}

const sealedTls = (tls: ClientTlsInput | null | undefined) => (tls ? sealSecret(JSON.stringify(tls), SECRET_PURPOSE.endpointTls) : null);
const sealedAuth = (auth: EndpointAuth | null | undefined) => (auth ? sealSecret(JSON.stringify(auth), SECRET_PURPOSE.endpointAuth) : null);

/** What is still in its grace period. */
const unexpired = <T extends { expiresAt: string }>(entries: T[], now: Date): T[] => entries.filter((entry) => new Date(entry.expiresAt) > now);

/**
 * The endpoint as the API shows it: no secrets, and its custom headers by name only, since their
 * values are often the receiver's credentials (write-only, like the secret). The v1a key shows its
 * public half only.
 */
export function publicEndpoint(endpoint: EndpointWithSecrets, now = new Date()): PublicEndpoint {
  const { secret: _secret, previousSecrets: _previous, signingKey, previousSigningKeys, tls, auth, ...rest } = endpoint;
  return {
    ...rest,
    tls: tls && shownTls(tls),
    auth: auth && shownAuth(auth),
    headers: Object.fromEntries(Object.keys(rest.headers).map((name) => [name, REDACTED])),
    publicKey: signingKey === null ? null : publicKeyOf(signingKey),
    previousPublicKeys: unexpired(previousSigningKeys, now).map((previous) => ({ publicKey: publicKeyOf(previous.signingKey), expiresAt: previous.expiresAt })),
  };
}

/** What the endpoint's entity workflow needs to know of it: settings and status, no secrets. */
export function endpointSnapshot(endpoint: Endpoint & { deleted?: boolean }): EndpointSnapshot {
  return {
    version: endpoint.version,
    status: endpoint.status,
    statusReason: endpoint.statusReason,
    deleted: endpoint.deleted ?? false,
    settings: resolveSettings(endpoint),
  };
}

/** Why a delivery to a disabled endpoint was cancelled. */
export function disabledReason(statusReason: string | null): string {
  return `the endpoint is disabled${statusReason ? ` (${statusReason})` : ''}`;
}

/**
 * What signs right now, by the endpoint's scheme: of each kind the current one, then rotated-out
 * ones still in their grace period.
 */
export function signingMaterial(endpoint: EndpointWithSecrets, now = new Date()): SigningMaterial {
  const { v1, v1a } = signsWith(endpoint.signatureScheme);
  return {
    secrets: v1 ? [endpoint.secret, ...unexpired(endpoint.previousSecrets, now).map((p) => p.secret)] : [],
    signingKeys: v1a && endpoint.signingKey !== null ? [endpoint.signingKey, ...unexpired(endpoint.previousSigningKeys, now).map((p) => p.signingKey)] : [],
  };
}

/**
 * `customerId` is the customer's Switchyard id, already looked up; undefined when the customer
 * was deleted meanwhile (it is locked until the insert commits, so it cannot go in between).
 */
export async function createEndpoint(db: Db, projectId: string, input: Omit<CreateEndpoint, 'customerId'> & { customerId?: string | null }): Promise<EndpointWithSecrets | undefined> {
  const { rows } = await db.query<Row>(
    `INSERT INTO endpoints (id, project_id, url, description, event_types, filter, headers, timeout_ms, retry_schedule, secret,
       rate_limit, circuit_breaker, auto_disable_after, customer_id, signature_scheme, signing_key, client_tls, auth, region)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19 WHERE ${customerAlive(2, 14)} RETURNING ${columns}`,
    [
      nextId('ep'),
      projectId,
      input.url,
      input.description ?? '',
      input.eventTypes ?? ['*'],
      input.filter ?? null,
      sealHeaders(input.headers ?? {}),
      input.timeoutMs ?? 15_000,
      input.retrySchedule ?? null,
      sealSecret(input.secret ?? generateSecret(), SECRET_PURPOSE.endpointSecret),
      input.rateLimit ?? null,
      input.circuitBreaker ?? {},
      input.autoDisableAfter === undefined ? DEFAULT_AUTO_DISABLE_AFTER : input.autoDisableAfter,
      input.customerId ?? null,
      input.signatureScheme ?? 'v1',
      // Every endpoint gets a v1a key, so a later switch of scheme has one to show.
      newSigningKey(),
      sealedTls(input.tls),
      sealedAuth(input.auth),
      input.region ?? null,
    ],
  );
  return rows[0] && fromRow(rows[0]);
}

/** SQL: the customer id in `$<customer>` is null or a live customer of project `$<project>`, locked against deletion. */
const customerAlive = (project: number, customer: number) =>
  `($${customer}::text IS NULL OR EXISTS (SELECT 1 FROM customers WHERE id = $${customer} AND project_id = $${project} AND deleted_at IS NULL FOR SHARE))`;

export async function findEndpoint(db: Db, projectId: string, id: string): Promise<EndpointWithSecrets | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${columns} FROM endpoints WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL`, [
    projectId,
    id,
  ]);
  return rows[0] && fromRow(rows[0]);
}

/** Newest first; `after` is the last id of the previous page. */
/** `customer`: only that customer's endpoints, by its id or uid. */
export async function listEndpoints(db: Db, projectId: string, limit: number, after?: string, customer?: string): Promise<EndpointWithSecrets[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${columns} FROM endpoints
      WHERE project_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR id < $2)
        AND ($4::text IS NULL OR customer_id IN (${customerByRef(1, 4)}))
      ORDER BY id DESC LIMIT $3`,
    [projectId, after ?? null, limit, customer ?? null],
  );
  return rows.map(fromRow);
}

/**
 * A project's endpoints that are not deleted, for fan-out (event-type and filter matching happen
 * in code). Disabled ones are included: their deliveries are recorded as cancelled.
 */
export async function subscribableEndpoints(db: Queryable, projectId: string, ids?: string[]): Promise<Subscriber[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${subscriberColumns} FROM endpoints
      WHERE project_id = $1 AND deleted_at IS NULL AND ($2::text[] IS NULL OR id = ANY($2))`,
    [projectId, ids ?? null],
  );
  return rows.map(subscriberFromRow);
}

/** The endpoints an ingest call may deliver to, as fan-out asks for them. */
export interface Candidates {
  /** The eventTypeKeys (src/routing/event-types.ts) of the events for the provider's own endpoints. */
  eventTypeKeys: string[];
  /** Endpoints the events name. */
  named: string[];
  /** The customers the events are for, by id or uid. */
  customers: string[];
}

/**
 * The endpoints that may get some of the events (not deleted; disabled ones too, whose
 * deliveries are recorded as cancelled): every endpoint of the events' customers, the provider's
 * own endpoints that subscribe under one of `eventTypeKeys`, and the endpoints named. Each of the
 * three is read through an index of its own (a customer's endpoints, the keys' GIN index, the
 * ids), so the cost follows the endpoints that may match, not the project's size; the caller
 * still matches each event's customer, type and filter. In the same round trip: the live
 * customers the references name, and the one row of `alongside`, a SELECT of the project `$1`
 * (ingest reads the start window with it).
 */
export async function candidateEndpointsAlongside<T extends object>(
  db: Queryable,
  projectId: string,
  want: Candidates,
  alongside: string,
): Promise<{ endpoints: Subscriber[]; customers: { id: string; uid: string | null }[]; alongside: T }> {
  const customers = `SELECT id, uid FROM customers WHERE project_id = $1 AND deleted_at IS NULL AND (id = ANY($4::text[]) OR uid = ANY($4::text[]))`;
  const { rows } = await db.query<Row & { alongside: T; customers: { id: string; uid: string | null }[] }>(
    `SELECT e.*, row_to_json(a) AS alongside, c.customers
       FROM (${alongside}) a
       CROSS JOIN (SELECT coalesce(json_agg(c), '[]') AS customers FROM (${customers}) c) c
       LEFT JOIN LATERAL (
         SELECT ${subscriberColumns} FROM endpoints WHERE id IN (
           SELECT id FROM endpoints WHERE project_id = $1 AND customer_id = ANY(ARRAY(SELECT id FROM (${customers}) c)) AND deleted_at IS NULL
           UNION
           -- The keys carry the project: no project_id here, which could tempt the planner away from the GIN index.
           SELECT id FROM endpoints WHERE subscription_keys && $2::text[] AND customer_id IS NULL AND deleted_at IS NULL
           UNION
           SELECT id FROM endpoints WHERE project_id = $1 AND id = ANY($3::text[]) AND deleted_at IS NULL)
       ) e ON true`,
    [projectId, want.eventTypeKeys.map((key) => `${projectId} ${key}`), want.named, want.customers],
  );
  // No endpoints: the one row of `alongside`, with nulls for the endpoint's columns.
  return { endpoints: rows.filter((row) => row.id !== null).map(subscriberFromRow), customers: rows[0]!.customers, alongside: rows[0]!.alongside };
}

const updatable: Record<keyof UpdateEndpoint, string> = {
  url: 'url',
  description: 'description',
  eventTypes: 'event_types',
  filter: 'filter',
  headers: 'headers',
  timeoutMs: 'timeout_ms',
  retrySchedule: 'retry_schedule',
  rateLimit: 'rate_limit',
  circuitBreaker: 'circuit_breaker',
  autoDisableAfter: 'auto_disable_after',
  signatureScheme: 'signature_scheme',
  tls: 'client_tls',
  auth: 'auth',
  region: 'region',
};

const newSigningKey = () => sealSecret(generateSigningKey(), SECRET_PURPOSE.endpointSigningKey);

export async function updateEndpoint(db: Db, projectId: string, id: string, input: UpdateEndpoint): Promise<EndpointWithSecrets | undefined> {
  const entries = (Object.keys(updatable) as (keyof UpdateEndpoint)[]).filter((key) => input[key] !== undefined);
  const sets = entries.map((key, i) => `${updatable[key]} = $${i + 3}`);
  // A null circuitBreaker means the defaults: stored as no overrides.
  const values: unknown[] = entries.map((key) => {
    switch (key) {
      case 'circuitBreaker':
        return input.circuitBreaker ?? {};
      case 'headers':
        return sealHeaders(input.headers!);
      case 'tls':
        return sealedTls(input.tls);
      case 'auth':
        return sealedAuth(input.auth);
      default:
        return input[key];
    }
  });
  // An endpoint made before v1a keys existed gets one when its scheme first asks for it.
  if (input.signatureScheme && signsWith(input.signatureScheme).v1a) {
    values.push(newSigningKey());
    sets.push(`signing_key = coalesce(signing_key, $${values.length + 2})`);
  }
  const { rows } = await db.query<Row>(
    `UPDATE endpoints SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
      WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING ${columns}`,
    [projectId, id, ...values],
  );
  return rows[0] && fromRow(rows[0]);
}

/** Soft delete: deliveries keep their endpoint for the record; the endpoint gets nothing more. */
export const softDeleted = `deleted_at = now(), status = 'disabled', status_reason = 'deleted', version = version + 1, updated_at = now()`;

export async function deleteEndpoint(db: Db, projectId: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE endpoints SET ${softDeleted}
      WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL`,
    [projectId, id],
  );
  return rowCount === 1;
}

/** A customer's endpoints, deleted as deleteEndpoint deletes one; answers their ids. */
export async function deleteEndpointsOfCustomer(db: Queryable, projectId: string, customerId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE endpoints SET ${softDeleted} WHERE project_id = $1 AND customer_id = $2 AND deleted_at IS NULL RETURNING id`,
    [projectId, customerId],
  );
  return rows.map((row) => row.id);
}

/**
 * A new current secret; the old one keeps signing beside it for `graceMs`, so receivers can
 * switch over without missing a delivery. Rotated-out secrets past their grace are dropped.
 */
export async function rotateSecret(
  db: Db,
  projectId: string,
  id: string,
  graceMs: number,
  secret = generateSecret(),
): Promise<EndpointWithSecrets | undefined> {
  const { rows } = await db.query<Row>(
    `UPDATE endpoints
        SET previous_secrets = (
              SELECT coalesce(jsonb_agg(p), '[]'::jsonb) FROM jsonb_array_elements(previous_secrets) p
               WHERE (p->>'expiresAt')::timestamptz > now()
            ) || jsonb_build_array(jsonb_build_object('secret', secret, 'expiresAt', now() + make_interval(secs => $4::double precision / 1000))),
            secret = $3, version = version + 1, updated_at = now()
      WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING ${columns}`,
    [projectId, id, sealSecret(secret, SECRET_PURPOSE.endpointSecret), graceMs],
  );
  return rows[0] && fromRow(rows[0]);
}

/** The same for the v1a key: the old key keeps signing beside the new one for `graceMs`. */
export async function rotateSigningKey(db: Db, projectId: string, id: string, graceMs: number): Promise<EndpointWithSecrets | undefined> {
  const { rows } = await db.query<Row>(
    `UPDATE endpoints
        SET previous_signing_keys = (
              SELECT coalesce(jsonb_agg(p), '[]'::jsonb) FROM jsonb_array_elements(previous_signing_keys) p
               WHERE (p->>'expiresAt')::timestamptz > now()
            ) || CASE WHEN signing_key IS NULL THEN '[]'::jsonb
                      ELSE jsonb_build_array(jsonb_build_object('signingKey', signing_key, 'expiresAt', now() + make_interval(secs => $4::double precision / 1000))) END,
            signing_key = $3, version = version + 1, updated_at = now()
      WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING ${columns}`,
    [projectId, id, newSigningKey(), graceMs],
  );
  return rows[0] && fromRow(rows[0]);
}

/** The endpoint entity's decisions, persisted; the new version tells workers their copy is stale. */
export async function setEndpointStatus(db: Db, id: string, status: EndpointStatus, reason: string | null): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    `UPDATE endpoints SET status = $2, status_reason = $3, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
    [id, status, reason],
  );
  return rows[0]?.version ?? 0;
}

export async function setEndpointRateLimit(db: Db, id: string, rateLimit: RateLimit | null): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    `UPDATE endpoints SET rate_limit = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
    [id, rateLimit],
  );
  return rows[0]?.version ?? 0;
}

/**
 * The entity's circuit, copied for the metrics. The version stays: workers decide nothing by this
 * column, so their cached copies are not stale.
 */
export async function setEndpointCircuitState(db: Db, id: string, circuit: CircuitState): Promise<void> {
  await db.query(`UPDATE endpoints SET circuit_state = $2 WHERE id = $1`, [id, circuit]);
}

/** Endpoints (not deleted) counted by status and circuit, across all projects: for the metrics. */
export async function countEndpointsByState(db: Queryable): Promise<{ status: EndpointStatus; circuit: CircuitState; count: number }[]> {
  const { rows } = await db.query<{ status: EndpointStatus; circuit: CircuitState; count: number }>(
    `SELECT status, circuit_state AS circuit, count(*)::int AS count FROM endpoints WHERE deleted_at IS NULL GROUP BY 1, 2`,
  );
  return rows;
}

/** Any endpoint by id, deleted ones included (`deleted` says so): for workers, not for API callers. */
/**
 * A project's egress proxy as stored (projects.egress_proxy), opened; null when it has none. Here
 * because deliveries read it with their endpoint.
 */
export function openEgressProxy(stored: string | null): EgressProxy | null {
  if (stored === null) return null;
  const parsed = parseProxyUrl(openSecret(stored, SECRET_PURPOSE.projectEgressProxy));
  return 'error' in parsed ? null : parsed;
}

/** With the forward proxy its project's deliveries leave through, if the operator set one. */
/** A page of a project's endpoints, deleted ones too, in id order after `after`: what its deletion tells their entities. */
export async function endpointsOfProject(db: Db, projectId: string, limit: number, after?: string): Promise<(EndpointWithSecrets & { deleted: boolean })[]> {
  const { rows } = await db.query<Row & { deleted: boolean }>(
    `SELECT ${columns}, deleted_at IS NOT NULL AS deleted FROM endpoints
      WHERE project_id = $1 AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3`,
    [projectId, after ?? null, limit],
  );
  return rows.map((row) => ({ ...fromRow(row), deleted: row.deleted }));
}

export async function endpointById(db: Db, id: string): Promise<(EndpointWithSecrets & { deleted: boolean; egressProxy: EgressProxy | null }) | undefined> {
  const { rows } = await db.query<Row & { deleted: boolean; egress_proxy: string | null }>(
    `SELECT ${columns}, deleted_at IS NOT NULL AS deleted, (SELECT egress_proxy FROM projects p WHERE p.id = endpoints.project_id) AS egress_proxy
       FROM endpoints WHERE id = $1`,
    [id],
  );
  return rows[0] && { ...fromRow(rows[0]), deleted: rows[0].deleted, egressProxy: openEgressProxy(rows[0].egress_proxy) };
}
