-- Endpoint health: what shapes each endpoint's entity workflow (rate limit, circuit breaker,
-- auto-disable), deliveries that wait on their endpoint, replays, and where a project's
-- operational notices go.

-- {"perSecond": 10, "burst": 10}; NULL: no limit.
ALTER TABLE endpoints ADD COLUMN rate_limit jsonb;
-- Overrides of the circuit breaker's defaults, e.g. {"consecutiveFailures": 5, "coolDown": "1m"}.
ALTER TABLE endpoints ADD COLUMN circuit_breaker jsonb NOT NULL DEFAULT '{}';
-- How long an endpoint may keep failing without a single success before it is disabled; NULL: never.
ALTER TABLE endpoints ADD COLUMN auto_disable_after text DEFAULT '24h';

-- `held`: waiting on the endpoint (paused, circuit open) without spending an attempt.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check
  CHECK (status IN ('pending', 'retrying', 'held', 'succeeded', 'failed', 'cancelled'));
-- The replay that made this delivery; one delivery per (replay, event), so a replay is idempotent.
ALTER TABLE deliveries ADD COLUMN replay_id text;
CREATE UNIQUE INDEX deliveries_replay ON deliveries (replay_id, event_id) WHERE replay_id IS NOT NULL;
-- Deliveries not yet finished, per endpoint: what a disable stops and a resume wakes.
CREATE INDEX deliveries_endpoint_unfinished ON deliveries (endpoint_id, id) WHERE status IN ('pending', 'retrying', 'held');

-- Operational notices (circuit opened, endpoint disabled, delivery failed): a signed webhook to
-- the project's own URL, and email when SMTP is configured.
ALTER TABLE projects ADD COLUMN operational_webhook_url text;
ALTER TABLE projects ADD COLUMN operational_webhook_secret text;
ALTER TABLE projects ADD COLUMN notice_emails text[] NOT NULL DEFAULT '{}';
