-- Broker sources on NATS JetStream beside Redis Streams: a stream read by a durable consumer,
-- dead letters published to a subject.
ALTER TABLE broker_sources DROP CONSTRAINT broker_sources_broker_check;
ALTER TABLE broker_sources ADD CONSTRAINT broker_sources_broker_check CHECK (broker IN ('redis', 'nats'));
