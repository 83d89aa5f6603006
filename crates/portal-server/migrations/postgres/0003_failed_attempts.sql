-- PostgreSQL twin of sqlite/0003.
CREATE TABLE failed_attempts (
    account_name TEXT COLLATE nocase NOT NULL,
    purpose      TEXT NOT NULL,
    at           BIGINT NOT NULL
);
CREATE INDEX failed_attempts_lookup ON failed_attempts (account_name, purpose, at);
