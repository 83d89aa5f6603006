-- PostgreSQL twin of sqlite/0014.
ALTER TABLE accounts ADD COLUMN disabled_at BIGINT;
