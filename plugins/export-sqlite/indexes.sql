-- indexes.sql: the indexes of schema version 3 that every document,
-- entity or feature row updates. schema.sql leaves them out: a run that
-- finds them missing (it created the file, or the run that did was
-- killed before its first checkpoint) writes without them and runs this
-- in the transaction of its first checkpoint, or of its end. Building an
-- index over rows already stored sorts them once, which costs a fraction
-- of keeping the index up to date row by row; IF NOT EXISTS because two
-- runs may share the file, and because a file whose schema.sql still
-- created the two documents indexes (before they moved here) has them.

-- Who was mentioned where (the queries of docs/plugins/export-sqlite.md).
CREATE INDEX IF NOT EXISTS entities_norm ON entity_rows (norm, type);

-- Documents by feature.
CREATE INDEX IF NOT EXISTS features_key ON feature_rows (key);

-- Documents by date and by run. Row by row, the two took 98 M of the
-- 224 M instructions that the documents rows of 10,569 real news
-- articles cost the stage (callgrind); built at the end, 45 M.
CREATE INDEX IF NOT EXISTS documents_published ON documents (published);
CREATE INDEX IF NOT EXISTS documents_run ON documents (run_id);
