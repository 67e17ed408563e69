-- The start window (src/deliveries/start-window.ts): ingest starts a delivery's workflow itself
-- only while few enough started deliveries are still in Temporal's queues; otherwise it commits
-- the delivery queued, and the reconciler starts it when room frees up.

ALTER TABLE deliveries ADD COLUMN start_queued boolean NOT NULL DEFAULT false;
-- When the first attempt's activity began (its context was read): out of Temporal's queues.
ALTER TABLE deliveries ADD COLUMN begun_at timestamptz;

-- In flight: started, not begun. Counted on every ingest, so kept small and exact.
CREATE INDEX deliveries_in_flight ON deliveries (workflow_started_at)
  WHERE workflow_started_at IS NOT NULL AND begun_at IS NULL AND status = 'pending';
