-- Deleting a project (src/projects/deletion.ts): the project is marked at once, its keys revoked
-- and its endpoints and sources deleted; the retention sweep then removes its data in small
-- batches, and the project's row last.
ALTER TABLE projects ADD COLUMN deleted_at timestamptz;
