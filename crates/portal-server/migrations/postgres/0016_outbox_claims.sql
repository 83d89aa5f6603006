-- PostgreSQL twin of sqlite/0016.
ALTER TABLE outbox ADD COLUMN secret TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until BIGINT;
CREATE INDEX outbox_unsent ON outbox (sent_at, id);
