-- Broker sources: the queues and streams of message brokers other than Kafka (Redis Streams
-- first) that a project's events are consumed from, one model for all of them, and what their
-- consumers last said about themselves.

CREATE TABLE broker_sources (
  id                    text PRIMARY KEY,
  -- No foreign key on purpose, as for Kafka sources: a source whose project is gone keeps
  -- consuming, and dead-letters its messages with the reason "unknown project".
  project_id            text NOT NULL,
  broker                text NOT NULL CHECK (broker IN ('redis')),
  -- What the source reads: the Redis stream's key.
  address               text NOT NULL,
  -- The consumer group that reads it, inside the project's namespace.
  consumer_group        text NOT NULL,
  format                text NOT NULL CHECK (format IN ('envelope', 'raw')),
  -- raw only: the message attribute (a Redis stream entry's field) naming the event type; NULL: "event-type".
  event_type_attribute  text,
  -- Where messages that cannot be events go: a Redis stream.
  dead_letter           text NOT NULL,
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  deleted_at            timestamptz
);

CREATE INDEX broker_sources_project ON broker_sources (project_id, id) WHERE deleted_at IS NULL;
-- Two live sources reading with one group would split its messages between them.
CREATE UNIQUE INDEX broker_sources_group ON broker_sources (broker, address, consumer_group) WHERE deleted_at IS NULL;

-- One row per (source, consumer process), rewritten every few seconds while it runs.
CREATE TABLE broker_consumer_reports (
  source_id    text NOT NULL REFERENCES broker_sources (id) ON DELETE CASCADE,
  consumer     text NOT NULL,
  reported_at  timestamptz NOT NULL DEFAULT now(),
  -- {"state": "running"|"paused", "reason", "ingested", "deadLettered", "messagesPerSecond"}
  report       jsonb NOT NULL,
  PRIMARY KEY (source_id, consumer)
);

-- What the operator lets a project read and dead-letter to, per broker: name prefixes, as
-- kafka_topic_prefixes does for Kafka topics. {"redis": ["orders."]}; a broker absent: nothing.
ALTER TABLE projects ADD COLUMN broker_prefixes jsonb NOT NULL DEFAULT '{}';
