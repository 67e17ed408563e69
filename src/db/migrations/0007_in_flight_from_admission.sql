-- The start window counts a delivery as in flight from its admission, not from its start:
-- ingest answers the producer before sending its starts, so its own deliveries count from their
-- commit (unless queued), a queued one from when the reconciler started it
-- (src/deliveries/start-window.ts; the predicate there is this index's, word for word).
DROP INDEX deliveries_in_flight;
CREATE INDEX deliveries_in_flight ON deliveries ((coalesce(workflow_started_at, created_at)))
  WHERE begun_at IS NULL AND status = 'pending' AND (NOT start_queued OR workflow_started_at IS NOT NULL);
