/**
 * Broker sources in PostgreSQL, and the reports their consumers leave. API queries are scoped to
 * a project; the consumers' supervisor reads every live source.
 */
import type { Db } from '../db/pool';
import { nextId } from '../ids';
import type { SourceFormat } from './messages';
import {
  addressOf,
  brokerTerms,
  deadLetterProblem,
  defaultDeadLetter,
  namesOutside,
  namespacedGroup,
  type Broker,
  type BrokerPrefixes,
  type CreateBrokerSource,
  type UpdateBrokerSource,
} from './source-schema';

export interface BrokerSource {
  id: string;
  projectId: string;
  broker: Broker;
  /** What it reads: a Kafka topic, a Redis stream's key, ... */
  address: string;
  group: string;
  format: SourceFormat;
  eventTypeAttribute: string | null;
  deadLetter: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const columns = 'id, project_id, broker, address, consumer_group, format, event_type_attribute, dead_letter, version, created_at, updated_at';

interface Row {
  id: string;
  project_id: string;
  broker: Broker;
  address: string;
  consumer_group: string;
  format: SourceFormat;
  event_type_attribute: string | null;
  dead_letter: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

function fromRow(row: Row): BrokerSource {
  return {
    id: row.id,
    projectId: row.project_id,
    broker: row.broker,
    address: row.address,
    group: row.consumer_group,
    format: row.format,
    eventTypeAttribute: row.event_type_attribute,
    deadLetter: row.dead_letter,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Two live sources cannot read one address with one group: the caller turns this into a 409. */
export class GroupTakenError extends Error {
  constructor(readonly group: string) {
    super(`Another broker source already reads with the group ${group}: on the same stream or queue, or (a Kafka group) anywhere.`);
    this.name = 'GroupTakenError';
  }
}

/** A dead-letter destination the source's broker would not take: the caller turns this into a 400. */
export class DeadLetterInvalidError extends Error {
  constructor(readonly problem: string) {
    super(`deadLetter ${problem}`);
    this.name = 'DeadLetterInvalidError';
  }
}

/** An address or dead-letter destination outside the project's prefixes: the caller turns this into a 400. */
export class NameNotAllowedError extends Error {
  constructor(
    readonly broker: Broker,
    readonly names: string[],
  ) {
    super(`This project may not use ${names.join(', ')} on ${broker}; the operator grants name prefixes per project and broker.`);
    this.name = 'NameNotAllowedError';
  }
}

function refuseNamesOutside(prefixes: BrokerPrefixes, source: Pick<BrokerSource, 'broker' | 'address' | 'deadLetter'>): void {
  const outside = namesOutside(prefixes, source.broker, [source.address, source.deadLetter]);
  if (outside.length > 0) throw new NameNotAllowedError(source.broker, outside);
}

/** One group per address (a Kafka group: per cluster), enforced by the database's unique indexes. */
const GROUP_CONSTRAINTS = ['broker_sources_group', 'broker_sources_kafka_group'];

function isGroupTaken(error: unknown): boolean {
  return (error as { code?: string }).code === '23505' && GROUP_CONSTRAINTS.includes((error as { constraint?: string }).constraint ?? '');
}

/** `prefixes`: the project's, as the operator set them; what the source reads and writes must start with one. */
export async function createBrokerSource(db: Db, projectId: string, prefixes: BrokerPrefixes, input: CreateBrokerSource): Promise<BrokerSource> {
  const id = nextId('bsrc');
  const { address, group } = addressOf(input);
  const consumerGroup = namespacedGroup(projectId, group ?? id, brokerTerms[input.broker].separator);
  const deadLetter = input.deadLetter ?? defaultDeadLetter(input.broker, address);
  refuseNamesOutside(prefixes, { broker: input.broker, address, deadLetter });
  try {
    const { rows } = await db.query<Row>(
      `INSERT INTO broker_sources (id, project_id, broker, address, consumer_group, format, event_type_attribute, dead_letter)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${columns}`,
      [id, projectId, input.broker, address, consumerGroup, input.format, input.eventTypeAttribute ?? null, deadLetter],
    );
    return fromRow(rows[0]!);
  } catch (error) {
    if (isGroupTaken(error)) throw new GroupTakenError(consumerGroup);
    throw error;
  }
}

export async function findBrokerSource(db: Db, projectId: string, id: string): Promise<BrokerSource | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${columns} FROM broker_sources WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL`, [projectId, id]);
  return rows[0] && fromRow(rows[0]);
}

export async function listBrokerSources(db: Db, projectId: string, limit: number, after?: string): Promise<BrokerSource[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${columns} FROM broker_sources WHERE project_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
    [projectId, after ?? null, limit],
  );
  return rows.map(fromRow);
}

/**
 * Every live source whose address and dead-letter destination are inside its project's prefixes
 * for its broker: what the consumers should be consuming. A source the operator has since taken
 * the names from stops being consumed. One whose project is gone is still consumed, so that its
 * messages are dead-lettered with that reason rather than left unread.
 */
export async function liveBrokerSources(db: Db): Promise<BrokerSource[]> {
  const granted = (name: string) =>
    `EXISTS (SELECT 1 FROM projects p, jsonb_array_elements_text(p.broker_prefixes -> s.broker) prefix
              WHERE p.id = s.project_id AND starts_with(${name}, prefix))`;
  const { rows } = await db.query<Row>(
    `SELECT ${columns} FROM broker_sources s
      WHERE deleted_at IS NULL
        AND (NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = s.project_id) OR (${granted('s.address')} AND ${granted('s.dead_letter')}))
      ORDER BY id`,
  );
  return rows.map(fromRow);
}

export async function updateBrokerSource(
  db: Db,
  projectId: string,
  prefixes: BrokerPrefixes,
  id: string,
  input: UpdateBrokerSource,
): Promise<BrokerSource | undefined> {
  const current = await findBrokerSource(db, projectId, id);
  if (!current) return undefined;
  const merged: BrokerSource = { ...current, ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) };
  const problem = deadLetterProblem(merged.broker, merged.deadLetter);
  if (problem) throw new DeadLetterInvalidError(problem);
  refuseNamesOutside(prefixes, merged);
  const { rows } = await db.query<Row>(
    `UPDATE broker_sources SET format = $3, event_type_attribute = $4, dead_letter = $5, version = version + 1, updated_at = now()
      WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING ${columns}`,
    [projectId, id, merged.format, merged.eventTypeAttribute, merged.deadLetter],
  );
  return rows[0] && fromRow(rows[0]);
}

export async function deleteBrokerSource(db: Db, projectId: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE broker_sources SET deleted_at = now(), updated_at = now() WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL',
    [projectId, id],
  );
  return rowCount === 1;
}

/** What one consumer process says about one source it consumes. */
export interface BrokerConsumerReport {
  state: 'running' | 'paused';
  /** Why it is paused (the dependency that failed), when it is. */
  reason?: string;
  /** Kafka: the partitions the group gave this consumer. */
  assigned?: number[];
  ingested: number;
  deadLettered: number;
  messagesPerSecond: number;
}

export async function saveBrokerConsumerReports(db: Db, consumer: string, reports: { sourceId: string; report: BrokerConsumerReport }[]): Promise<void> {
  if (reports.length === 0) return;
  await db.query(
    `INSERT INTO broker_consumer_reports (source_id, consumer, report)
     SELECT s, $1, r FROM unnest($2::text[], $3::jsonb[]) AS t (s, r)
      WHERE EXISTS (SELECT 1 FROM broker_sources WHERE id = s)
     ON CONFLICT (source_id, consumer) DO UPDATE SET report = EXCLUDED.report, reported_at = now()`,
    [consumer, reports.map((r) => r.sourceId), reports.map((r) => JSON.stringify(r.report))],
  );
}

export async function forgetBrokerConsumerReports(db: Db, consumer: string): Promise<void> {
  await db.query('DELETE FROM broker_consumer_reports WHERE consumer = $1', [consumer]);
}

/** Reports from consumers that spoke within `freshSeconds`: the ones still alive. */
export async function recentBrokerConsumerReports(db: Db, sourceId: string, freshSeconds = 30) {
  const { rows } = await db.query<{ consumer: string; reported_at: Date; report: BrokerConsumerReport }>(
    `SELECT consumer, reported_at, report FROM broker_consumer_reports
      WHERE source_id = $1 AND reported_at > now() - make_interval(secs => $2) ORDER BY consumer`,
    [sourceId, freshSeconds],
  );
  return rows.map((row) => ({ consumer: row.consumer, reportedAt: row.reported_at, ...row.report }));
}
