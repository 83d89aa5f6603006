-- PostgreSQL twin of sqlite/0007.
ALTER TABLE qualifications ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
