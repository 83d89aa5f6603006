-- PostgreSQL twin of sqlite/0006.
ALTER TABLE accounts ADD COLUMN source TEXT NOT NULL DEFAULT 'password' CHECK (source IN ('password', 'host'));
