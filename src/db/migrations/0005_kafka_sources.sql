-- Kafka ingestion: the topics a project's events are consumed from, and what the consumers last
-- said about themselves (for lag, throughput and pauses in GET /v1/kafka-sources/:id).

CREATE TABLE kafka_sources (
  id                  text PRIMARY KEY,
  -- No foreign key on purpose: a source whose project is gone keeps consuming, and dead-letters
  -- its messages with the reason "unknown project" rather than leaving them unread.
  project_id          text NOT NULL,
  topic               text NOT NULL,
  group_id            text NOT NULL,
  format              text NOT NULL CHECK (format IN ('envelope', 'raw')),
  -- raw only: the header naming the event type (NULL: "event-type").
  event_type_header   text,
  dead_letter_topic   text NOT NULL,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  deleted_at          timestamptz
);

CREATE INDEX kafka_sources_project ON kafka_sources (project_id, id) WHERE deleted_at IS NULL;
-- A consumer group is the cluster's, not the project's: two live sources may not share one.
CREATE UNIQUE INDEX kafka_sources_group ON kafka_sources (group_id) WHERE deleted_at IS NULL;

-- One row per (source, consumer process), rewritten every few seconds while it runs.
CREATE TABLE kafka_consumer_reports (
  source_id    text NOT NULL REFERENCES kafka_sources (id) ON DELETE CASCADE,
  consumer     text NOT NULL,
  reported_at  timestamptz NOT NULL DEFAULT now(),
  -- {"state": "running"|"paused"|..., "reason", "assigned", "ingested", "deadLettered", "messagesPerSecond"}
  report       jsonb NOT NULL,
  PRIMARY KEY (source_id, consumer)
);
