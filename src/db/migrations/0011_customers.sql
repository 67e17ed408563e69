-- Customers: the provider's own customers, each owning endpoints. An event with a customer goes
-- only to that customer's endpoints; one without goes only to endpoints without a customer.
CREATE TABLE customers (
  id          text PRIMARY KEY,
  project_id  text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  -- The provider's own id for the customer, usable wherever the Switchyard id is.
  uid         text,
  name        text NOT NULL,
  metadata    jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  -- Deleted customers stay on record (their deliveries point at their endpoints); their uid is free again.
  deleted_at  timestamptz
);

CREATE UNIQUE INDEX customers_uid ON customers (project_id, uid) WHERE deleted_at IS NULL;
CREATE INDEX customers_project ON customers (project_id, id) WHERE deleted_at IS NULL;

ALTER TABLE endpoints ADD COLUMN customer_id text REFERENCES customers (id);
ALTER TABLE events ADD COLUMN customer_id text REFERENCES customers (id);

-- What fan-out looks endpoints up by, so that an event reads the endpoints that may match it
-- rather than every endpoint of its project. Each pattern gives one key: itself when it has no
-- "*", else its literal segments up to the first "*" followed by "*" ("invoice.*.late" gives
-- "invoice.*", "*.created" gives "*"). An event type's keys are itself, "*", and each of its
-- proper prefixes followed by ".*" (src/routing/event-types.ts, eventTypeKeys): every pattern
-- that matches the type has one of them, and the match itself is checked afterwards. Keys carry
-- the project ("prj_... invoice.paid"), so that a popular type in one project costs nothing in another.
CREATE FUNCTION subscription_keys(project_id text, patterns text[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(DISTINCT project_id || ' ' || CASE WHEN strpos(p, '*') = 0 THEN p ELSE left(p, strpos(p, '*') - 1) || '*' END), '{}')
      FROM unnest(patterns) AS p
  $$;

ALTER TABLE endpoints ADD COLUMN subscription_keys text[] GENERATED ALWAYS AS (subscription_keys(project_id, event_types)) STORED;

-- Without fastupdate: new entries go straight into the index rather than into a pending list
-- that every lookup scans until a vacuum merges it, which after many new endpoints costs each
-- event more than the rest of its lookup. Endpoints are written far less often than events read them.
CREATE INDEX endpoints_subscription_keys ON endpoints USING gin (subscription_keys) WITH (fastupdate = off) WHERE deleted_at IS NULL;
CREATE INDEX endpoints_customer ON endpoints (project_id, customer_id) WHERE deleted_at IS NULL;
CREATE INDEX events_project_customer ON events (project_id, customer_id, id DESC) WHERE customer_id IS NOT NULL;
