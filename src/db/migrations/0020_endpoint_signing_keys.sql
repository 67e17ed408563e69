-- Standard Webhooks v1a: an endpoint may sign with an ed25519 key besides (or instead of) its
-- whsec_ secret. The key is made by the application (and sealed there), so rows from before this
-- version have none until their scheme asks for one.
ALTER TABLE endpoints
  ADD COLUMN signature_scheme text NOT NULL DEFAULT 'v1' CHECK (signature_scheme IN ('v1', 'v1a', 'both')),
  ADD COLUMN signing_key text,
  ADD COLUMN previous_signing_keys jsonb NOT NULL DEFAULT '[]';
COMMENT ON COLUMN endpoints.signing_key IS 'sealed whsk_ key: enc:v1:<key id>:<base64url>';
COMMENT ON COLUMN endpoints.previous_signing_keys IS '[{"signingKey": sealed, "expiresAt"}]';
