-- Where sellers may be sent back after authorising an app, in the developer's order.
CREATE TABLE callback_urls (
    app_id   INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    url      TEXT NOT NULL,
    PRIMARY KEY (app_id, position)
);
