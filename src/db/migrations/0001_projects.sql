-- Tenancy: every other row in Switchyard belongs to a project, and a project is reached only
-- through one of its API keys.

CREATE TABLE projects (
  id          text PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Keys are shown once and stored as SHA-256 digests: they are 256-bit random strings, so a
-- slow password hash would add latency to every request and no safety.
CREATE TABLE api_keys (
  id          text PRIMARY KEY,
  project_id  text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  key_hash    bytea NOT NULL UNIQUE,
  -- The first characters of the key, so an operator can tell keys apart without the secret.
  key_prefix  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

CREATE INDEX api_keys_project ON api_keys (project_id);
