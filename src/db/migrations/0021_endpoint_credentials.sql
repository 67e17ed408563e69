-- What an endpoint proves besides the signature: a client certificate for mutual TLS and its own
-- authentication (basic, bearer or OAuth 2.0 client credentials). Each is JSON sealed by the
-- application (src/endpoints/credentials.ts); null: none.
ALTER TABLE endpoints
  ADD COLUMN client_tls text,
  ADD COLUMN auth text;
COMMENT ON COLUMN endpoints.client_tls IS 'sealed JSON {certificate, key, ca?}';
COMMENT ON COLUMN endpoints.auth IS 'sealed JSON {type, ...credentials}';
