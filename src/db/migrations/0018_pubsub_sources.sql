-- Broker sources on Google Pub/Sub subscriptions beside the streams and queues.
ALTER TABLE broker_sources DROP CONSTRAINT broker_sources_broker_check;
ALTER TABLE broker_sources ADD CONSTRAINT broker_sources_broker_check CHECK (broker IN ('redis', 'nats', 'sqs', 'rabbitmq', 'pubsub'));
