-- Inbound webhooks: sources that third parties post to, what their checks refused, which
-- provider deliveries were already accepted, and what an inbound event keeps of its request.

CREATE TABLE sources (
  id                 text PRIMARY KEY,
  project_id         text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  provider           text NOT NULL,
  -- Every secret that verifies, newest first (several during a rotation). (Encryption at rest is planned.)
  secrets            jsonb NOT NULL,
  -- Provider options for the generic presets: {"hmac": {...}} or {"apiKey": {...}}.
  options            jsonb NOT NULL DEFAULT '{}',
  tolerance_seconds  integer,
  -- For URL-signing providers (Twilio, Square): the URL exactly as the provider has it.
  public_url         text,
  -- [{"match": {"headers": filter, "body": filter}, "endpointIds": [...]}]
  routes             jsonb NOT NULL DEFAULT '[]',
  -- What the provider is answered on acceptance: {"status", "body", "contentType"}; NULL: 202 {"ok": true}.
  response           jsonb,
  -- How long a provider delivery id is remembered, so its retries are dropped.
  dedupe_window      text NOT NULL DEFAULT '7d',
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  deleted_at         timestamptz
);

CREATE INDEX sources_project ON sources (project_id, id) WHERE deleted_at IS NULL;

-- Requests a source refused, with the reason (the provider only ever hears "401").
CREATE TABLE source_failures (
  id          bigserial PRIMARY KEY,
  source_id   text NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  at          timestamptz NOT NULL DEFAULT now(),
  reason      text NOT NULL,
  -- Header names only: values can be credentials.
  header_names text[] NOT NULL DEFAULT '{}',
  body_bytes  integer NOT NULL
);

CREATE INDEX source_failures_recent ON source_failures (source_id, id DESC);

-- One row per (source, provider delivery id or body digest) accepted: a retry within the window
-- finds it and gets the same answer without a second event.
CREATE TABLE inbound_receipts (
  source_id    text NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  dedupe_key   text NOT NULL,
  event_id     text NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_id, dedupe_key)
);

-- What an inbound event keeps of the request it came in.
ALTER TABLE events ADD COLUMN source_id text REFERENCES sources (id) ON DELETE SET NULL;
ALTER TABLE events ADD COLUMN provider_event_id text;
-- {"provider": ..., "verified": true, "dedupeKey": ...}
ALTER TABLE events ADD COLUMN verification jsonb;
-- Headers as received, credentials and signatures redacted.
ALTER TABLE events ADD COLUMN original_headers jsonb;
-- Headers sent on with every delivery of the event (e.g. X-GitHub-Event).
ALTER TABLE events ADD COLUMN forward_headers jsonb;
-- The body's media type when it is not JSON (a Twilio form post); NULL: application/json.
ALTER TABLE events ADD COLUMN content_type text;
