-- Apps start in test; a reviewer takes them online. Apps made before test existed were
-- called active and keep working as they did: online.
UPDATE apps SET status = 'online' WHERE status = 'active';

-- Each app's latest request to go online and its decision.
CREATE TABLE go_live_requests (
    app_id               INTEGER PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    status               TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    production_use       TEXT NOT NULL,
    expected_daily_calls INTEGER NOT NULL,
    requested_at         INTEGER NOT NULL,
    decided_at           INTEGER,
    reviewer_id          INTEGER REFERENCES accounts (id),
    reason               TEXT
);
