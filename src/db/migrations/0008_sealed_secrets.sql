-- Secrets at rest are sealed by the application (AES-256-GCM under SWITCHYARD_ENCRYPTION_KEYS):
-- the key never reaches the database, so rows written before this version are sealed by
-- `switchyard migrate` right after the SQL migrations (src/secrets/reseal.ts), and re-sealed
-- under a new key by `switchyard rotate-keys`. Stored form: enc:v1:<key id>:<base64url>.
COMMENT ON COLUMN endpoints.secret IS 'sealed: enc:v1:<key id>:<base64url>';
COMMENT ON COLUMN endpoints.previous_secrets IS '[{"secret": sealed, "expiresAt"}]';
COMMENT ON COLUMN endpoints.headers IS '{name: sealed value}';
COMMENT ON COLUMN sources.secrets IS '[sealed, ...], newest first';
COMMENT ON COLUMN projects.operational_webhook_secret IS 'sealed';
