-- The event-type catalogue: what a project's events are, with an optional JSON Schema
-- (2020-12) and example each. With validate_payloads on, POST /v1/events refuses a payload its
-- type's schema refuses.
CREATE TABLE event_types (
  id           text PRIMARY KEY,
  project_id   text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name         text NOT NULL,
  description  text NOT NULL DEFAULT '',
  schema       jsonb,
  example      jsonb,
  deprecated   boolean NOT NULL DEFAULT false,
  -- Archived types leave the catalogue's list and are no longer checked; their name stays taken.
  archived_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, name)
);

ALTER TABLE projects ADD COLUMN validate_payloads boolean NOT NULL DEFAULT false;
