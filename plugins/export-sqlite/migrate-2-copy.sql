-- migrate-2-copy.sql: the last step from schema version 2 to the
-- current one (see migrate-2-rename.sql). Every row keeps its values
-- and documents their doc_key; an entity's or a sentence's row_key is
-- doc_key * 2^24 + idx (see schema.sql), copied in key order so that
-- each table is written as one run of appends.
INSERT INTO runs (id, started_at, finished_at, pipeline, documents)
  SELECT id, started_at, finished_at, pipeline, documents FROM v2_runs;
INSERT INTO documents (doc_key, id, title, url, source, published, text, meta,
                       processed_at, run_id)
  SELECT doc_key, id, title, url, source, published, text, meta, processed_at, run_id
  FROM v2_documents ORDER BY doc_key;
INSERT INTO entity_rows (row_key, start, end, type, text, norm, cluster, sentiment,
                         mentions)
  SELECT (doc_key << 24) + idx, start, end, type, text, norm, cluster, sentiment,
         mentions
  FROM v2_entity_rows ORDER BY doc_key, idx;
INSERT INTO sentence_rows (row_key, start, end, compound, pos, neg, neu)
  SELECT (doc_key << 24) + idx, start, end, compound, pos, neg, neu
  FROM v2_sentence_rows ORDER BY doc_key, idx;
INSERT INTO feature_rows (doc_key, key, value)
  SELECT doc_key, key, value FROM v2_feature_rows ORDER BY doc_key, key;
DROP TABLE v2_feature_rows;
DROP TABLE v2_sentence_rows;
DROP TABLE v2_entity_rows;
DROP TABLE v2_documents;
DROP TABLE v2_runs;
