-- The start window (src/deliveries/start-window.ts): ingest starts a delivery's workflow itself
-- only while few enough started deliveries are still in Temporal's queues; otherwise it commits
-- the delivery queued, and the reconciler starts it when room frees up.

ALTER TABLE deliveries ADD COLUMN start_queued boolean NOT NULL DEFAULT false;
-- When the first attempt's activity began (its context was read): out of Temporal's queues.
ALTER TABLE deliveries ADD COLUMN begun_at timestamptz;

-- In flight: admitted (started inline by ingest, from its commit on, or started by the
-- reconciler) and not begun; counted from the admission. Counted on every ingest: kept small.
CREATE INDEX deliveries_in_flight ON deliveries ((coalesce(workflow_started_at, created_at)))
  WHERE begun_at IS NULL AND status = 'pending' AND (NOT start_queued OR workflow_started_at IS NOT NULL);
