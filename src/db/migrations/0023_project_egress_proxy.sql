-- The operator may send one project's deliveries through a forward proxy of its own (a static
-- egress IP for that tenant's customers), over the workers' SWITCHYARD_EGRESS_PROXY. Sealed: the
-- URL may carry the proxy's credentials. Null: the workers' own.
ALTER TABLE projects ADD COLUMN egress_proxy text;
COMMENT ON COLUMN projects.egress_proxy IS 'sealed: http://[user:password@]host:port';
