-- An operator can disable an account (portal-server disable-account): it cannot sign in,
-- and its sessions end. NULL while it is enabled.
ALTER TABLE accounts ADD COLUMN disabled_at INTEGER;
