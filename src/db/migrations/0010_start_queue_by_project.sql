-- The start queue by project (src/deliveries/start-window.ts): the reconciler takes turns across
-- projects, and ingest asks whether its own project has deliveries queued, so one project's
-- backlog neither delays nor refuses another's events.
CREATE INDEX deliveries_queued_by_project ON deliveries (project_id, created_at)
  WHERE workflow_started_at IS NULL AND start_queued AND status <> 'cancelled';
