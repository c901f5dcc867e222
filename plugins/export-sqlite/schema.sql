-- schema.sql: the database export-sqlite writes, schema version 4.
--
-- Compiled into the plugin; run once, in one transaction, on a new
-- database (migrate-N-rename.sql and migrate-N-copy.sql turn a version
-- 1 or 2 file into this one, migrate-3.sql a version 3 file). The
-- indexes that every document, entity and feature row would update are
-- in indexes.sql: a run that starts on a new file creates them at its
-- first checkpoint or at its end (see export-sqlite.c).
-- PRAGMA user_version holds the schema version and
-- PRAGMA application_id the Galley mark (0x47414C59, "GALY"), so a
-- database from another program or another version is never mistaken
-- for this one. Offsets (start, end) are in the unit the stage's
-- offsets= parameter chose (code points by default), so that SQLite's
-- substr(text, start + 1, end - start) gives a mention back.
--
-- Why the rows live in *_rows tables keyed by an integer: a document's
-- entity, sentence and feature rows are written as one run under its
-- doc_key, which grows with every document written, so they append to
-- the right edge of their B-trees; and the only index written per entity
-- is entities_norm. Version 1 keyed them by the text id with a rowid,
-- and wrote four B-trees per entity (table, doc_id, (norm, type), type).
-- Callgrind, the stage on the first 3,000 articles of
-- 10,569 real news articles through the default pipeline,
-- without per-document savepoints: 2,531 M instructions with version 1,
-- 1,680 M with version 2's layout. The views entities, sentences and
-- features give the version 1 columns back, so queries written for
-- version 1 keep working.
--
-- Why entity_rows and sentence_rows have an integer row_key (version 3)
-- where version 2 had WITHOUT ROWID tables keyed (doc_key, idx): a row's
-- row_key is doc_key * 2^24 + idx, so a document's rows are still one run,
-- in order, and doc_key and idx are computed from it (generated columns,
-- not stored). In a rowid table SQLite appends a row whose key is past
-- the last one by starting a new page (balance_quick), where an index
-- B-tree (WITHOUT ROWID) redistributes the cells of three pages at every
-- split; and a row whose key SQLite picks itself (NULL: the last key
-- plus one) needs no look-up for a conflict. The stage gives the first
-- row of each INSERT its key and lets SQLite number the rest (see
-- sqlite-rows.c). Callgrind, the stage on the first 3,000 of those
-- articles (indexes built at the end): 1,123 M instructions with
-- version 2, 1,031 M with version 3. A document holds at most 2^24
-- entities and as many sentences. A document's rows go with it through
-- the trigger documents_delete_rows, not a foreign key (see there).
--
-- Version 4 has the tables of version 3; only the index entities_norm
-- changed, from (norm, type) to (norm): see indexes.sql.

-- One row per run that committed at least once.
CREATE TABLE runs (
  id          INTEGER PRIMARY KEY,
  started_at  TEXT NOT NULL,          -- ISO 8601 UTC
  finished_at TEXT,                   -- last commit; NULL: never committed
  pipeline    TEXT,                   -- the pipeline= parameter, if given
  documents   INTEGER NOT NULL DEFAULT 0  -- documents this run wrote
);

-- One row per article: id is the document's own id, doc_key the integer
-- its rows refer to. Replacing a document may change its doc_key: refer
-- to a document from outside by its id.
CREATE TABLE documents (
  doc_key      INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  title        TEXT,
  url          TEXT,
  source       TEXT,
  published    TEXT,                  -- as the reader gave it (ISO 8601)
  text         TEXT,                  -- only with text=true
  meta         TEXT NOT NULL DEFAULT '{}',  -- every metadata key, as JSON
  processed_at TEXT NOT NULL,         -- ISO 8601 UTC
  run_id       INTEGER REFERENCES runs (id) ON DELETE SET NULL
);
-- Indexed by published and by run_id: documents_published and
-- documents_run, in indexes.sql.

-- One row per entity mention; idx is its position in the document.
CREATE TABLE entity_rows (
  row_key   INTEGER PRIMARY KEY,      -- doc_key * 2^24 + idx
  doc_key   INTEGER AS (row_key >> 24) VIRTUAL,  -- see documents_delete_rows
  idx       INTEGER AS (row_key & 16777215) VIRTUAL,
  start     INTEGER NOT NULL,
  end       INTEGER NOT NULL,
  type      TEXT NOT NULL,            -- PERSON, ORG, GPE, ...
  text      TEXT NOT NULL,            -- the mention as written
  norm      TEXT,                     -- normalised form
  cluster   INTEGER,                  -- same real-world entity in the doc
  sentiment REAL,                     -- targeted sentiment of the cluster
  mentions  INTEGER                   -- mentions of the cluster
);
-- Who was mentioned where: the index entities_norm (norm), in
-- indexes.sql. No index by type alone (version 1 had one): with some
-- fifteen types, a query by type reads a good part of the table either
-- way, and the index cost a B-tree insert per mention.

-- One row per sentence, with its sentiment scores when scored.
CREATE TABLE sentence_rows (
  row_key  INTEGER PRIMARY KEY,       -- doc_key * 2^24 + idx
  doc_key  INTEGER AS (row_key >> 24) VIRTUAL,   -- see documents_delete_rows
  idx      INTEGER AS (row_key & 16777215) VIRTUAL,  -- position in the document, from 0
  start    INTEGER NOT NULL,
  end      INTEGER NOT NULL,
  compound REAL,
  pos      REAL,
  neg      REAL,
  neu      REAL
);

-- Every document feature (sentiment.compound, ...), typed as SQLite can.
CREATE TABLE feature_rows (
  doc_key INTEGER NOT NULL REFERENCES documents (doc_key) ON DELETE CASCADE,
  key     TEXT NOT NULL,
  value,
  PRIMARY KEY (doc_key, key)
) WITHOUT ROWID;
-- Indexed by key: features_key, in indexes.sql.

-- The version 1 tables, as views with the document's text id. The join
-- says both ways to go from one table to the other, so that SQLite can
-- start from either: a row's document by its key, a document's rows as
-- a range of keys.
CREATE VIEW entities AS
  SELECT d.id AS doc_id, e.idx, e.start, e.end, e.type, e.text, e.norm,
         e.cluster, e.sentiment, e.mentions
  FROM entity_rows e JOIN documents d
    ON d.doc_key = e.row_key >> 24
       AND e.row_key >= d.doc_key << 24 AND e.row_key < (d.doc_key + 1) << 24;
CREATE VIEW sentences AS
  SELECT d.id AS doc_id, s.idx, s.start, s.end, s.compound, s.pos, s.neg, s.neu
  FROM sentence_rows s JOIN documents d
    ON d.doc_key = s.row_key >> 24
       AND s.row_key >= d.doc_key << 24 AND s.row_key < (d.doc_key + 1) << 24;
CREATE VIEW features AS
  SELECT d.id AS doc_id, f.key, f.value
  FROM feature_rows f JOIN documents d ON d.doc_key = f.doc_key;

-- A deleted document's rows go with it, whatever the connection's
-- foreign_keys setting. entity_rows and sentence_rows say no REFERENCES:
-- SQLite would look a deleted document's rows up by the generated
-- doc_key, which no index holds, scanning both tables for every
-- document (100 documents of a 25 MB file: 0.12 s with version 2's
-- keys, 8.6 s so); the trigger deletes them as a range of row_key
-- instead. feature_rows keeps its foreign key (its own key starts with
-- doc_key) and is named here too, for connections without foreign keys.
-- The stage deletes a replaced document's rows itself and moves, not
-- deletes, its documents row, so the trigger is not in its way.
CREATE TRIGGER documents_delete_rows AFTER DELETE ON documents
BEGIN
  DELETE FROM entity_rows
    WHERE row_key >= OLD.doc_key << 24 AND row_key < (OLD.doc_key + 1) << 24;
  DELETE FROM sentence_rows
    WHERE row_key >= OLD.doc_key << 24 AND row_key < (OLD.doc_key + 1) << 24;
  DELETE FROM feature_rows WHERE doc_key = OLD.doc_key;
END;

PRAGMA application_id = 1195461721;
PRAGMA user_version = 4;
