-- An endpoint may name the region its deliveries leave from: their workflows run on that
-- region's task queue (<queue>-<region>), which only that region's workers poll. Null: the
-- default queue.
ALTER TABLE endpoints ADD COLUMN region text;
