-- A key stands for one request: a keyed HMAC of its method, path and body (never the
-- body itself, which may hold a password). `sealed` marks answers kept encrypted under
-- the server's key because they carry a credential (an AppSecret after a reset).
ALTER TABLE idempotency_keys ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
-- Kept answers from before fingerprints may hold credentials in clear: drop them.
DELETE FROM idempotency_keys;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Failed password checks are counted per account and per client address, so that a
-- guesser elsewhere slows down without locking the owner out.
ALTER TABLE failed_attempts ADD COLUMN client TEXT NOT NULL DEFAULT '';
CREATE INDEX failed_attempts_client ON failed_attempts (client, purpose, at);
CREATE INDEX failed_attempts_at ON failed_attempts (at);

CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX licences_uploaded ON licences (account_id, uploaded_at);
