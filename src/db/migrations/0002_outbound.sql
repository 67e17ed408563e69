-- Outbound delivery: endpoints subscribe to event types; each accepted event fans out into one
-- delivery per matching endpoint; each delivery keeps a record of every attempt.

CREATE TABLE endpoints (
  id              text PRIMARY KEY,
  project_id      text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  url             text NOT NULL,
  description     text NOT NULL DEFAULT '',
  event_types     text[] NOT NULL DEFAULT '{*}',
  filter          jsonb,
  headers         jsonb NOT NULL DEFAULT '{}',
  -- The current signing secret, and the ones it replaced that still sign until they expire:
  -- [{"secret": "whsec_...", "expiresAt": "..."}]. (Encryption at rest is planned.)
  secret          text NOT NULL,
  previous_secrets jsonb NOT NULL DEFAULT '[]',
  timeout_ms      integer NOT NULL DEFAULT 15000 CHECK (timeout_ms BETWEEN 1000 AND 60000),
  -- Waits before each retry ("5s", "2h", ...); NULL means the default schedule.
  retry_schedule  text[],
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'disabled')),
  status_reason   text,
  -- Bumped on every change, so workers can tell a cached copy is stale.
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  deleted_at      timestamptz
);

CREATE INDEX endpoints_project ON endpoints (project_id, id) WHERE deleted_at IS NULL;

CREATE TABLE events (
  id               text PRIMARY KEY,
  project_id       text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  event_type       text NOT NULL,
  -- The payload exactly as it is sent: JSON text for outbound events.
  body             bytea NOT NULL,
  idempotency_key  text,
  -- Digest of the request that created the event, to tell a retry from a different event that
  -- reuses an idempotency key.
  request_digest   bytea,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, idempotency_key)
);

CREATE INDEX events_project_created ON events (project_id, id DESC);
CREATE INDEX events_project_type ON events (project_id, event_type, id DESC);

CREATE TABLE deliveries (
  id                  text PRIMARY KEY,
  project_id          text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  event_id            text NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  endpoint_id         text NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
  workflow_id         text NOT NULL UNIQUE,
  status              text NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'retrying', 'succeeded', 'failed', 'cancelled')),
  status_reason       text,
  attempt_count       integer NOT NULL DEFAULT 0,
  next_attempt_at     timestamptz,
  -- Set once the delivery's workflow is known to have started; the reconciler starts the rest.
  workflow_started_at timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX deliveries_event ON deliveries (event_id);
CREATE INDEX deliveries_project ON deliveries (project_id, id DESC);
CREATE INDEX deliveries_endpoint ON deliveries (endpoint_id, id DESC);
CREATE INDEX deliveries_unstarted ON deliveries (created_at) WHERE workflow_started_at IS NULL;

CREATE TABLE attempts (
  delivery_id       text NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  n                 integer NOT NULL,
  started_at        timestamptz NOT NULL,
  duration_ms       integer NOT NULL,
  request_headers   jsonb NOT NULL,
  status_code       integer,
  response_headers  jsonb,
  response_body     text,
  -- Why no status code came back: timeout, connect, dns, tls, ... and the message.
  error_class       text,
  error             text,
  PRIMARY KEY (delivery_id, n)
);
