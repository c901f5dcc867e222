-- migrate-2-rename.sql: the first step from schema version 2 to the
-- current one.
--
-- Run inside the transaction that checked the file's version, as
-- migrate-1-rename.sql is: the views go (schema.sql creates them again
-- over the new tables), the version 2 tables move aside under v2_ names
-- with their indexes dropped (so that schema.sql can create its own
-- under the same names), then schema.sql creates the current version
-- and migrate-2-copy.sql copies the rows over and drops the old tables.
-- Any failure rolls the whole transaction back and leaves the file at
-- version 2.
DROP VIEW IF EXISTS entities;
DROP VIEW IF EXISTS sentences;
DROP VIEW IF EXISTS features;
DROP INDEX IF EXISTS documents_published;
DROP INDEX IF EXISTS documents_run;
DROP INDEX IF EXISTS entities_norm;
DROP INDEX IF EXISTS features_key;
ALTER TABLE runs RENAME TO v2_runs;
ALTER TABLE documents RENAME TO v2_documents;
ALTER TABLE entity_rows RENAME TO v2_entity_rows;
ALTER TABLE sentence_rows RENAME TO v2_sentence_rows;
ALTER TABLE feature_rows RENAME TO v2_feature_rows;
