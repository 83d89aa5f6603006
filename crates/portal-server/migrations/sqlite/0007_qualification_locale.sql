-- The language the application was submitted in: e-mails about it are written in it.
ALTER TABLE qualifications ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
