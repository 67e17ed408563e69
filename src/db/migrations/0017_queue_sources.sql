-- Broker sources on queues beside the streams: SQS queues and RabbitMQ queues. A queue has no
-- consumer group of its own; a source's group is only what keeps one project from reading a
-- queue twice.
ALTER TABLE broker_sources DROP CONSTRAINT broker_sources_broker_check;
ALTER TABLE broker_sources ADD CONSTRAINT broker_sources_broker_check CHECK (broker IN ('redis', 'nats', 'sqs', 'rabbitmq'));
