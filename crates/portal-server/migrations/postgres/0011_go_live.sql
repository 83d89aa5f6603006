-- PostgreSQL twin of sqlite/0011.
UPDATE apps SET status = 'online' WHERE status = 'active';

CREATE TABLE go_live_requests (
    app_id               BIGINT PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    status               TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    production_use       TEXT NOT NULL,
    expected_daily_calls BIGINT NOT NULL,
    requested_at         BIGINT NOT NULL,
    decided_at           BIGINT,
    reviewer_id          BIGINT REFERENCES accounts (id),
    reason               TEXT
);
