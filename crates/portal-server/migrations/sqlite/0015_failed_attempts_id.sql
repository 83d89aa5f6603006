-- Failed attempts get an id of their own (they were found by SQLite's hidden rowid), so the
-- reservation a password check takes is named the same way on every database.
CREATE TABLE failed_attempts_new (
    id           INTEGER PRIMARY KEY,
    account_name TEXT NOT NULL COLLATE NOCASE,
    client       TEXT NOT NULL DEFAULT '',
    purpose      TEXT NOT NULL,
    at           INTEGER NOT NULL
);
INSERT INTO failed_attempts_new (id, account_name, client, purpose, at)
    SELECT rowid, account_name, client, purpose, at FROM failed_attempts;
DROP TABLE failed_attempts;
ALTER TABLE failed_attempts_new RENAME TO failed_attempts;
CREATE INDEX failed_attempts_lookup ON failed_attempts (account_name, purpose, at);
CREATE INDEX failed_attempts_client ON failed_attempts (client, purpose, at);
CREATE INDEX failed_attempts_at ON failed_attempts (at);
