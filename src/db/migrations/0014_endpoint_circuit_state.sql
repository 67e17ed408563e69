-- The circuit as the endpoint's entity last saw it at the end of a turn, for the metrics (endpoints
-- by status and circuit). The entity stays the authority: this column is a copy, never read to
-- decide anything. Endpoints whose entity has not written it yet (no traffic since) read closed.
ALTER TABLE endpoints ADD COLUMN circuit_state text NOT NULL DEFAULT 'closed'
  CHECK (circuit_state IN ('closed', 'open', 'half_open'));
