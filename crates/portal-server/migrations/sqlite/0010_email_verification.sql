-- When the contact e-mail address was confirmed through its link (NULL until then, and
-- again after it changes).
ALTER TABLE developers ADD COLUMN email_verified_at INTEGER;

-- Verification links sent: only the token's hash is kept; each works once, until
-- expires_at. Their times also pace how often links may be sent.
CREATE TABLE email_verifications (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX email_verifications_account ON email_verifications (account_id, created_at);
