-- When the developer was reminded that the secret reaches the operator's maximum age, so
-- each secret is reminded of once, by whichever server gets there first.
ALTER TABLE app_secrets ADD COLUMN reminded_at INTEGER;
