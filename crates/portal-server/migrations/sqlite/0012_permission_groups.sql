-- The API permission groups the platform offers. Names and descriptions here are the
-- English fallback; the seeded groups' words in each language are in the message files.
-- Operators add or change groups with the `permission-group` command.
CREATE TABLE permission_groups (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    sensitive   INTEGER NOT NULL CHECK (sensitive IN (0, 1)),
    position    INTEGER NOT NULL
);

INSERT INTO permission_groups (code, name, description, sensitive, position) VALUES
    ('products', 'Products', 'Read and manage listings, prices and stock.', 0, 1),
    ('orders', 'Orders', 'Read orders with the buyer''s name and address, and update their state.', 1, 2),
    ('logistics', 'Logistics', 'Create shipments, print labels and track parcels.', 0, 3),
    ('finance', 'Finance', 'Read settlements, payouts and fees.', 1, 4),
    ('messages', 'Messages', 'Read and answer buyers'' messages.', 1, 5);

-- Each app's latest request for each group, and the reviewer's decision.
CREATE TABLE app_permissions (
    id              INTEGER PRIMARY KEY,
    app_id          INTEGER NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    group_code      TEXT NOT NULL REFERENCES permission_groups (code),
    status          TEXT NOT NULL CHECK (status IN ('pending', 'active', 'rejected')),
    business_reason TEXT NOT NULL,
    requested_at    INTEGER NOT NULL,
    decided_at      INTEGER,
    reviewer_id     INTEGER REFERENCES accounts (id),
    reason          TEXT,
    UNIQUE (app_id, group_code)
);
CREATE INDEX app_permissions_status ON app_permissions (status, requested_at);

-- What an audit entry was about beyond its app (the permission group's code).
ALTER TABLE audit_log ADD COLUMN detail TEXT;
