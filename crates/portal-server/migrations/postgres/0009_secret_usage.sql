-- PostgreSQL twin of sqlite/0009.
ALTER TABLE app_secrets ADD COLUMN last_used_at BIGINT;
CREATE TABLE app_calls (
    app_id BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    day    BIGINT NOT NULL,
    calls  BIGINT NOT NULL,
    PRIMARY KEY (app_id, day)
);

ALTER TABLE audit_log ADD COLUMN app_id BIGINT REFERENCES apps (id) ON DELETE CASCADE;
ALTER TABLE audit_log ADD COLUMN address TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_app ON audit_log (app_id, id);
