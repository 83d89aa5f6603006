-- Failed password checks, counted per account name and purpose ('sign_in', 'step_up'),
-- to slow down guessing. Kept in the database, not in memory, so every replica agrees.
CREATE TABLE failed_attempts (
    account_name TEXT NOT NULL COLLATE NOCASE,
    purpose      TEXT NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX failed_attempts_lookup ON failed_attempts (account_name, purpose, at);
