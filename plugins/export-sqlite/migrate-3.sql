-- migrate-3.sql: schema version 3 to 4.
--
-- Version 4 has the tables, views and trigger of version 3; only the
-- index entities_norm went from (norm, type) to (norm) (see
-- indexes.sql). Run inside the transaction that checked the file's
-- version: the old index goes, and the caller then runs indexes.sql,
-- which builds the new one (and any other a run killed before its
-- first checkpoint left missing). Any failure rolls the whole
-- transaction back and leaves the file at version 3, its old index in
-- place.
DROP INDEX IF EXISTS entities_norm;
PRAGMA user_version = 4;
