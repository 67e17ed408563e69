/**
 * Kafka sources in PostgreSQL, and the reports their consumers leave. API queries are scoped to
 * a project; the consumers' supervisor reads every live source.
 */
import type { Db } from '../db/pool';
import { nextId } from '../ids';
import type { KafkaFormat } from './messages';
import { defaultDeadLetterTopic, namespacedGroupId, topicsOutside, type CreateKafkaSource, type UpdateKafkaSource } from './source-schema';

export interface KafkaSource {
  id: string;
  projectId: string;
  topic: string;
  groupId: string;
  format: KafkaFormat;
  eventTypeHeader: string | null;
  deadLetterTopic: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const columns = 'id, project_id, topic, group_id, format, event_type_header, dead_letter_topic, version, created_at, updated_at';

interface Row {
  id: string;
  project_id: string;
  topic: string;
  group_id: string;
  format: KafkaFormat;
  event_type_header: string | null;
  dead_letter_topic: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

function fromRow(row: Row): KafkaSource {
  return {
    id: row.id,
    projectId: row.project_id,
    topic: row.topic,
    groupId: row.group_id,
    format: row.format,
    eventTypeHeader: row.event_type_header,
    deadLetterTopic: row.dead_letter_topic,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Two live sources cannot share a consumer group: the caller turns this into a 409. */
export class GroupTakenError extends Error {
  constructor(readonly groupId: string) {
    super(`The consumer group ${groupId} is already used by another Kafka source.`);
    this.name = 'GroupTakenError';
  }
}

/** A topic or dead-letter topic outside the project's prefixes: the caller turns this into a 400. */
export class TopicNotAllowedError extends Error {
  constructor(readonly topics: string[]) {
    super(`This project may not use the Kafka topic${topics.length > 1 ? 's' : ''} ${topics.join(', ')}; the operator grants topic prefixes per project.`);
    this.name = 'TopicNotAllowedError';
  }
}

function refuseTopicsOutside(prefixes: readonly string[], source: Pick<KafkaSource, 'topic' | 'deadLetterTopic'>): void {
  const outside = topicsOutside(prefixes, [...new Set([source.topic, source.deadLetterTopic])]);
  if (outside.length > 0) throw new TopicNotAllowedError(outside);
}

function isGroupTaken(error: unknown): boolean {
  return (error as { code?: string; constraint?: string }).code === '23505' && (error as { constraint?: string }).constraint === 'kafka_sources_group';
}

/** `topicPrefixes`: the project's, as the operator set them; the topics must start with one. */
export async function createKafkaSource(db: Db, projectId: string, topicPrefixes: readonly string[], input: CreateKafkaSource): Promise<KafkaSource> {
  const id = nextId('ksrc');
  // Without a name of its own, the source's id names its group.
  const groupId = namespacedGroupId(projectId, input.groupId ?? id);
  const deadLetterTopic = input.deadLetterTopic ?? defaultDeadLetterTopic(input.topic);
  refuseTopicsOutside(topicPrefixes, { topic: input.topic, deadLetterTopic });
  try {
    const { rows } = await db.query<Row>(
      `INSERT INTO kafka_sources (id, project_id, topic, group_id, format, event_type_header, dead_letter_topic)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
      [id, projectId, input.topic, groupId, input.format, input.eventTypeHeader ?? null, deadLetterTopic],
    );
    return fromRow(rows[0]!);
  } catch (error) {
    if (isGroupTaken(error)) throw new GroupTakenError(groupId);
    throw error;
  }
}

export async function findKafkaSource(db: Db, projectId: string, id: string): Promise<KafkaSource | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${columns} FROM kafka_sources WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL`, [projectId, id]);
  return rows[0] && fromRow(rows[0]);
}

export async function listKafkaSources(db: Db, projectId: string, limit: number, after?: string): Promise<KafkaSource[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${columns} FROM kafka_sources WHERE project_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
    [projectId, after ?? null, limit],
  );
  return rows.map(fromRow);
}

/**
 * Every live source whose topic and dead-letter topic are inside its project's topic prefixes:
 * what the consumers should be consuming. A source the operator has since taken the topics from
 * stops being consumed. One whose project is gone is still consumed, so that its messages are
 * dead-lettered with that reason rather than left unread.
 */
export async function liveKafkaSources(db: Db): Promise<KafkaSource[]> {
  const granted = (topic: string) =>
    `EXISTS (SELECT 1 FROM projects p, unnest(p.kafka_topic_prefixes) prefix WHERE p.id = s.project_id AND starts_with(${topic}, prefix))`;
  const { rows } = await db.query<Row>(
    `SELECT ${columns} FROM kafka_sources s
      WHERE deleted_at IS NULL
        AND (NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = s.project_id) OR (${granted('s.topic')} AND ${granted('s.dead_letter_topic')}))
      ORDER BY id`,
  );
  return rows.map(fromRow);
}

export async function updateKafkaSource(
  db: Db,
  projectId: string,
  topicPrefixes: readonly string[],
  id: string,
  input: UpdateKafkaSource,
): Promise<KafkaSource | undefined> {
  const current = await findKafkaSource(db, projectId, id);
  if (!current) return undefined;
  const merged = { ...current, ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) } as KafkaSource;
  if (input.groupId !== undefined) merged.groupId = namespacedGroupId(projectId, input.groupId);
  refuseTopicsOutside(topicPrefixes, merged);
  try {
    const { rows } = await db.query<Row>(
      `UPDATE kafka_sources SET topic = $3, group_id = $4, format = $5, event_type_header = $6, dead_letter_topic = $7,
              version = version + 1, updated_at = now()
        WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING ${columns}`,
      [projectId, id, merged.topic, merged.groupId, merged.format, merged.eventTypeHeader, merged.deadLetterTopic],
    );
    return rows[0] && fromRow(rows[0]);
  } catch (error) {
    if (isGroupTaken(error)) throw new GroupTakenError(merged.groupId);
    throw error;
  }
}

export async function deleteKafkaSource(db: Db, projectId: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE kafka_sources SET deleted_at = now(), updated_at = now() WHERE project_id = $1 AND id = $2 AND deleted_at IS NULL',
    [projectId, id],
  );
  return rowCount === 1;
}

/** What one consumer process says about one source it consumes. */
export interface ConsumerReport {
  state: 'running' | 'paused';
  /** Why it is paused (the dependency that failed), when it is. */
  reason?: string;
  assigned: number[];
  ingested: number;
  deadLettered: number;
  messagesPerSecond: number;
}

export async function saveConsumerReports(db: Db, consumer: string, reports: { sourceId: string; report: ConsumerReport }[]): Promise<void> {
  if (reports.length === 0) return;
  await db.query(
    `INSERT INTO kafka_consumer_reports (source_id, consumer, report)
     SELECT s, $1, r FROM unnest($2::text[], $3::jsonb[]) AS t (s, r)
      WHERE EXISTS (SELECT 1 FROM kafka_sources WHERE id = s)
     ON CONFLICT (source_id, consumer) DO UPDATE SET report = EXCLUDED.report, reported_at = now()`,
    [consumer, reports.map((r) => r.sourceId), reports.map((r) => JSON.stringify(r.report))],
  );
}

export async function forgetConsumerReports(db: Db, consumer: string): Promise<void> {
  await db.query('DELETE FROM kafka_consumer_reports WHERE consumer = $1', [consumer]);
}

/** Reports from consumers that spoke within `freshSeconds`: the ones still alive. */
export async function recentConsumerReports(db: Db, sourceId: string, freshSeconds = 30) {
  const { rows } = await db.query<{ consumer: string; reported_at: Date; report: ConsumerReport }>(
    `SELECT consumer, reported_at, report FROM kafka_consumer_reports
      WHERE source_id = $1 AND reported_at > now() - make_interval(secs => $2) ORDER BY consumer`,
    [sourceId, freshSeconds],
  );
  return rows.map((row) => ({ consumer: row.consumer, reportedAt: row.reported_at, ...row.report }));
}
