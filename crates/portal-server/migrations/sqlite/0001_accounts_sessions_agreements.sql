-- Accounts sign in with a name and an Argon2id password hash; the role decides
-- whether the account sells (and develops) or reviews qualification applications.
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('seller', 'reviewer')),
    created_at    INTEGER NOT NULL
);

-- Only the SHA-256 of a session token is kept.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Each published version of the API use agreement; the highest one is current.
CREATE TABLE agreements (
    version      INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    published_at INTEGER NOT NULL
);

-- Who accepted which version, and when. A new version needs a new row.
CREATE TABLE agreement_acceptances (
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL REFERENCES agreements (version),
    accepted_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, version)
);
