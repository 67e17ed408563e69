-- The start window (src/deliveries/start-window.ts): ingest starts a delivery's workflow itself
-- only while few enough started deliveries still await their first attempt; otherwise it commits
-- the delivery queued, and the reconciler starts it when room frees up.

ALTER TABLE deliveries ADD COLUMN start_queued boolean NOT NULL DEFAULT false;

-- In flight: started, no attempt recorded yet. Counted on every ingest, so kept small and exact.
CREATE INDEX deliveries_in_flight ON deliveries (workflow_started_at) WHERE status = 'pending' AND workflow_started_at IS NOT NULL;
