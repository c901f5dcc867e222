-- migrate-1-copy.sql: the last step from schema version 1 to the
-- current one (see migrate-1-rename.sql). Documents keep their order:
-- doc_key follows the version 1 rowid. Entities get their idx from their
-- order in the version 1 table, which is the order the stage wrote them
-- in; a row's row_key is doc_key * 2^24 + idx (see schema.sql).
INSERT INTO runs (id, started_at, finished_at, pipeline, documents)
  SELECT id, started_at, finished_at, pipeline, documents FROM v1_runs;
INSERT INTO documents (id, title, url, source, published, text, meta,
                       processed_at, run_id)
  SELECT id, title, url, source, published, text, meta, processed_at, run_id
  FROM v1_documents ORDER BY rowid;
INSERT INTO entity_rows (row_key, start, end, type, text, norm, cluster,
                         sentiment, mentions)
  SELECT (d.doc_key << 24) + row_number () OVER (PARTITION BY e.doc_id ORDER BY e.rowid) - 1,
         e.start, e.end, e.type, e.text, e.norm, e.cluster, e.sentiment, e.mentions
  FROM v1_entities e JOIN documents d ON d.id = e.doc_id;
INSERT INTO sentence_rows (row_key, start, end, compound, pos, neg, neu)
  SELECT (d.doc_key << 24) + s.idx, s.start, s.end, s.compound, s.pos, s.neg, s.neu
  FROM v1_sentences s JOIN documents d ON d.id = s.doc_id;
INSERT INTO feature_rows (doc_key, key, value)
  SELECT d.doc_key, f.key, f.value
  FROM v1_features f JOIN documents d ON d.id = f.doc_id;
DROP TABLE v1_features;
DROP TABLE v1_sentences;
DROP TABLE v1_entities;
DROP TABLE v1_documents;
DROP TABLE v1_runs;
