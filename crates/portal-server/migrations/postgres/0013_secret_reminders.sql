-- PostgreSQL twin of sqlite/0013.
ALTER TABLE app_secrets ADD COLUMN reminded_at BIGINT;
