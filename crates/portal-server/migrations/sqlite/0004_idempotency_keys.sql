-- Responses to state-changing requests that carried an Idempotency-Key, so that a retry
-- (the first answer was lost) gets the same answer instead of doing the work twice.
-- `status` is NULL while the first request is still running.
CREATE TABLE idempotency_keys (
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    method       TEXT NOT NULL,
    path         TEXT NOT NULL,
    status       INTEGER,
    content_type TEXT,
    body         BLOB,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (account_id, key)
);
