-- PostgreSQL twin of sqlite/0005.
ALTER TABLE idempotency_keys ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys ADD COLUMN sealed BIGINT NOT NULL DEFAULT 0;
DELETE FROM idempotency_keys;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

ALTER TABLE failed_attempts ADD COLUMN client TEXT NOT NULL DEFAULT '';
CREATE INDEX failed_attempts_client ON failed_attempts (client, purpose, at);
CREATE INDEX failed_attempts_at ON failed_attempts (at);

CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX licences_uploaded ON licences (account_id, uploaded_at);
