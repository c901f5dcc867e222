-- indexes.sql: the indexes of schema version 2 that every entity or
-- feature row updates. schema.sql leaves them out: a run that finds
-- them missing (it created the file, or the run that did was killed
-- before its first checkpoint) writes without them and runs this in the
-- transaction of its first checkpoint, or of its end. Building an index
-- over rows already stored sorts them once, which costs a fraction of
-- keeping the index up to date row by row; IF NOT EXISTS because two
-- runs may share the file.

-- Who was mentioned where (the queries of docs/plugins/export-sqlite.md).
CREATE INDEX IF NOT EXISTS entities_norm ON entity_rows (norm, type);

-- Documents by feature.
CREATE INDEX IF NOT EXISTS features_key ON feature_rows (key);
