-- indexes.sql: the indexes of schema version 4 that every document,
-- entity or feature row updates. schema.sql leaves them out: a run that
-- finds them missing (it created the file, or the run that did was
-- killed before its first checkpoint) writes without them and runs this
-- in the transaction of its first checkpoint, or of its end. Building an
-- index over rows already stored sorts them once, which costs a fraction
-- of keeping the index up to date row by row; IF NOT EXISTS because two
-- runs may share the file, and because a file whose schema.sql still
-- created the two documents indexes (before they moved here) has them.

-- Who was mentioned where (the queries of docs/plugins/export-sqlite.md).
-- By norm alone (version 3 had (norm, type)): a norm names one entity,
-- nearly always of one type, so the type narrowed no look-up, and a
-- query that reads it finds it in the table row. Each record is shorter
-- by the type, and the build's sort, which SQLite settles between equal
-- norms by decoding the rest of both records, compares a rowid there
-- instead of a text. Building it over the 222,141 entity rows that the
-- default pipeline writes for 10,569 real news articles (sqlite3 under
-- callgrind, 32 MB cache, temp_store=FILE): 883 M instructions with
-- (norm, type), 716 M with (norm); the example queries took the same
-- time. Integer norms (ids into a table of names) would sort faster
-- still (546 M), but the names' own unique index took 139 M to build
-- and inserting the names costs more again: not done.
CREATE INDEX IF NOT EXISTS entities_norm ON entity_rows (norm);

-- Documents by feature.
CREATE INDEX IF NOT EXISTS features_key ON feature_rows (key);

-- Documents by date and by run. Row by row, the two took 98 M of the
-- 224 M instructions that the documents rows of 10,569 real news
-- articles cost the stage (callgrind); built at the end, 45 M.
CREATE INDEX IF NOT EXISTS documents_published ON documents (published);
CREATE INDEX IF NOT EXISTS documents_run ON documents (run_id);
