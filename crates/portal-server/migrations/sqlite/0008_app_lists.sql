-- Lists the developer keeps in an app's console, in the developer's order:
-- 'callback_urls' (where sellers return after authorising the app) and
-- 'allowed_sources' (the addresses and CIDR ranges its calls may come from).
CREATE TABLE app_lists (
    app_id   INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    list     TEXT NOT NULL CHECK (list IN ('callback_urls', 'allowed_sources')),
    position INTEGER NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (app_id, list, position)
);
