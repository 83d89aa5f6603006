-- Where an account signs in: with its password here, or through the seller portal that
-- embeds the developer portal (a host token; such an account has no password here).
ALTER TABLE accounts ADD COLUMN source TEXT NOT NULL DEFAULT 'password' CHECK (source IN ('password', 'host'));
