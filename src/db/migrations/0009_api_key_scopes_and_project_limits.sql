-- API keys a project manages itself: a name to tell them apart, a scope (full: everything; read:
-- GET routes; ingest: publishing events), and when each was last used (written at most once a
-- minute per key, so authentication stays a read).
ALTER TABLE api_keys ADD COLUMN name text NOT NULL DEFAULT '' CHECK (length(name) <= 200);
ALTER TABLE api_keys ADD COLUMN scope text NOT NULL DEFAULT 'full' CHECK (scope IN ('full', 'read', 'ingest'));
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;

-- What the operator (admin key) sets per project: its ingest rate ({"perSecond", "burst"}; NULL:
-- the default), and the Kafka topic prefixes its sources and dead-letter topics may use (empty:
-- none; [''] would be every topic).
ALTER TABLE projects ADD COLUMN ingest_rate_limit jsonb;
ALTER TABLE projects ADD COLUMN kafka_topic_prefixes text[] NOT NULL DEFAULT '{}';

-- Projects that already consume Kafka keep their topics: each is granted the topics and dead-letter
-- topics of its live sources. Their consumer groups keep their names (and committed offsets); only
-- groups named from now on are put in the project's namespace.
UPDATE projects p SET kafka_topic_prefixes = granted.topics
  FROM (SELECT project_id, array_agg(DISTINCT t ORDER BY t) AS topics
          FROM kafka_sources, unnest(ARRAY[topic, dead_letter_topic]) t
         WHERE deleted_at IS NULL
         GROUP BY project_id) granted
 WHERE granted.project_id = p.id;
