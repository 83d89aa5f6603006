-- Who the developer is; one row per seller account.
CREATE TABLE developers (
    account_id     INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    developer_name TEXT NOT NULL,
    country        TEXT NOT NULL,
    email          TEXT NOT NULL,
    mobile         TEXT NOT NULL,   -- E.164
    website        TEXT NOT NULL,   -- '' when not given
    updated_at     INTEGER NOT NULL
);

-- Uploaded business licences. The type comes from the file's first bytes, never
-- from its name or the browser's claim.
CREATE TABLE licences (
    id           TEXT PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    content_type TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
    file_name    TEXT NOT NULL,
    size         INTEGER NOT NULL,
    bytes        BLOB NOT NULL,
    uploaded_at  INTEGER NOT NULL
);
CREATE INDEX licences_account ON licences (account_id);

-- The latest qualification application of each account. Answers are the JSON of
-- portal_core's QualificationRequest; a resubmission replaces them.
CREATE TABLE qualifications (
    id                INTEGER PRIMARY KEY,
    account_id        INTEGER NOT NULL UNIQUE REFERENCES accounts (id) ON DELETE CASCADE,
    status            TEXT NOT NULL CHECK (status IN ('submitted', 'in_review', 'approved', 'rejected')),
    answers           TEXT NOT NULL,
    licence_id        TEXT REFERENCES licences (id),
    submitted_at      INTEGER NOT NULL,
    review_started_at INTEGER,
    decided_at        INTEGER,
    reviewer_id       INTEGER REFERENCES accounts (id),
    rejection_reason  TEXT,
    submissions       INTEGER NOT NULL DEFAULT 1
);

-- Apps; names are unique per developer.
CREATE TABLE apps (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name       TEXT NOT NULL COLLATE NOCASE,
    app_type   TEXT NOT NULL,
    status     TEXT NOT NULL,
    app_key    TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    UNIQUE (account_id, name)
);

-- An app's secrets: the current one has no expiry; after a reset the previous one
-- keeps working until expires_at (the grace period).
CREATE TABLE app_secrets (
    id         INTEGER PRIMARY KEY,
    app_id     INTEGER NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    secret     TEXT NOT NULL,
    issued_at  INTEGER NOT NULL,
    expires_at INTEGER
);
CREATE INDEX app_secrets_app ON app_secrets (app_id);

-- Messages to send. The default mailer only writes here; a sender (or a test) reads it.
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    recipient  TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    sent_at    INTEGER
);

-- Who viewed or reset which secret, and when.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    action     TEXT NOT NULL,
    target     TEXT NOT NULL,
    at         INTEGER NOT NULL
);
