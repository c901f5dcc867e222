-- migrate-1-rename.sql: the first step from schema version 1 to the
-- current one.
--
-- Run inside the transaction that checked the file's version: the
-- version 1 tables move aside under v1_ names (their indexes go, so
-- that schema.sql can create its own under the same names), then
-- schema.sql creates the current version, and migrate-1-copy.sql copies the rows
-- over and drops the old tables. Any failure rolls the whole
-- transaction back and leaves the file at version 1.
DROP INDEX IF EXISTS documents_published;
DROP INDEX IF EXISTS documents_run;
DROP INDEX IF EXISTS entities_doc;
DROP INDEX IF EXISTS entities_norm;
DROP INDEX IF EXISTS entities_type;
DROP INDEX IF EXISTS features_key;
ALTER TABLE runs RENAME TO v1_runs;
ALTER TABLE documents RENAME TO v1_documents;
ALTER TABLE entities RENAME TO v1_entities;
ALTER TABLE sentences RENAME TO v1_sentences;
ALTER TABLE features RENAME TO v1_features;
