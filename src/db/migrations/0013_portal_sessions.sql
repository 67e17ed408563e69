-- Portal sessions: a customer's (made by the provider with POST /v1/customers/:id/portal-sessions,
-- opened once through the signed link it answers) or an operator's (made by logging in to the
-- console with an API key). The browser then holds a random cookie, stored here as its hash.
CREATE TABLE portal_sessions (
  id            text PRIMARY KEY,
  project_id    text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  -- NULL: the operator console, which sees every customer of the project.
  customer_id   text REFERENCES customers (id),
  -- The operator's key: revoking it ends the sessions it opened.
  api_key_id    text REFERENCES api_keys (id),
  permissions   text NOT NULL CHECK (permissions IN ('read', 'manage')),
  return_url    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  -- A link opens one browser session, once.
  link_used_at  timestamptz,
  cookie_hash   bytea UNIQUE,
  revoked_at    timestamptz,
  CHECK ((customer_id IS NULL) = (api_key_id IS NOT NULL))
);

CREATE INDEX portal_sessions_customer ON portal_sessions (customer_id) WHERE revoked_at IS NULL;

-- Sites that may show the portal in an iframe (CSP frame-ancestors); empty: none may.
ALTER TABLE projects ADD COLUMN portal_frame_ancestors text[] NOT NULL DEFAULT '{}';
