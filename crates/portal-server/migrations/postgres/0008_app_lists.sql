-- PostgreSQL twin of sqlite/0008.
CREATE TABLE app_lists (
    app_id   BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    list     TEXT NOT NULL CHECK (list IN ('callback_urls', 'allowed_sources')),
    position BIGINT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (app_id, list, position)
);
