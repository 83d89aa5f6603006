-- A message not yet handed to the relay is sent again by the housekeeping round of one
-- server at a time: it claims the message until `claimed_until`, and another server only
-- takes a claim that has run out. `secret` is the part of the body to blank out once sent.
ALTER TABLE outbox ADD COLUMN secret TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until INTEGER;
CREATE INDEX outbox_unsent ON outbox (sent_at, id);
