-- When each secret last passed the gateway's verification, and how many verifications
-- each app passed per day (day: days since 1970-01-01, UTC).
ALTER TABLE app_secrets ADD COLUMN last_used_at INTEGER;
CREATE TABLE app_calls (
    app_id INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    day    INTEGER NOT NULL,
    calls  INTEGER NOT NULL,
    PRIMARY KEY (app_id, day)
);

-- The audit log per app, with the address each action came from.
ALTER TABLE audit_log ADD COLUMN app_id INTEGER REFERENCES apps(id) ON DELETE CASCADE;
ALTER TABLE audit_log ADD COLUMN address TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_app ON audit_log (app_id, id);
