-- Retention (src/retention/): each project keeps its events, with their deliveries and attempts,
-- this long ("30d"); a background job in the workers deletes older ones in small batches.
ALTER TABLE projects ADD COLUMN retention text NOT NULL DEFAULT '30d';

-- Deleting an event deletes its inbound receipt (ON DELETE CASCADE), and the job asks whether an
-- event still holds a receipt within its source's dedupe window: both look receipts up by event.
CREATE INDEX inbound_receipts_event ON inbound_receipts (event_id);
