-- PostgreSQL twin of sqlite/0010.
ALTER TABLE developers ADD COLUMN email_verified_at BIGINT;

CREATE TABLE email_verifications (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX email_verifications_account ON email_verifications (account_id, created_at);
