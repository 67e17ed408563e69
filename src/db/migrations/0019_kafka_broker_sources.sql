-- Kafka sources join the broker-source model: one table, one API (/v1/broker-sources), one
-- allow-list (projects.broker_prefixes). Every Kafka source keeps its id, topic, consumer group
-- (so its committed offsets stay its own), format, event-type header and dead-letter topic.
-- Stop the consumers before migrating: a consumer of the old version reads kafka_sources.

ALTER TABLE broker_sources DROP CONSTRAINT broker_sources_broker_check;
ALTER TABLE broker_sources ADD CONSTRAINT broker_sources_broker_check CHECK (broker IN ('kafka', 'redis', 'nats', 'sqs', 'rabbitmq', 'pubsub'));

INSERT INTO broker_sources (id, project_id, broker, address, consumer_group, format, event_type_attribute, dead_letter, version, created_at, updated_at, deleted_at)
SELECT id, project_id, 'kafka', topic, group_id, format, event_type_header, dead_letter_topic, version, created_at, updated_at, deleted_at
  FROM kafka_sources;

-- A Kafka consumer group is the cluster's, whatever it reads: two live sources may not share one.
CREATE UNIQUE INDEX broker_sources_kafka_group ON broker_sources (consumer_group) WHERE broker = 'kafka' AND deleted_at IS NULL;

-- The topic prefixes become the allow-list's Kafka entry (a project granted none has no entry).
UPDATE projects
   SET broker_prefixes = broker_prefixes || jsonb_build_object('kafka', to_jsonb(kafka_topic_prefixes))
 WHERE cardinality(kafka_topic_prefixes) > 0;
ALTER TABLE projects DROP COLUMN kafka_topic_prefixes;

-- What the consumers said about themselves is rewritten every few seconds: nothing to carry over.
DROP TABLE kafka_consumer_reports;
DROP TABLE kafka_sources;
