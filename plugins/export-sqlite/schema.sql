-- schema.sql: the database export-sqlite writes, schema version 1.
--
-- Compiled into the plugin; run once, in one transaction, on a new
-- database. PRAGMA user_version holds the schema version and
-- PRAGMA application_id the Galley mark (0x47414C59, "GALY"), so a
-- database from another program or another version is never mistaken
-- for this one. Offsets (start, end) are in the unit the stage's
-- offsets= parameter chose (code points by default), so that SQLite's
-- substr(text, start + 1, end - start) gives a mention back.

-- One row per run that committed at least once.
CREATE TABLE runs (
  id          INTEGER PRIMARY KEY,
  started_at  TEXT NOT NULL,          -- ISO 8601 UTC
  finished_at TEXT,                   -- last commit; NULL: never committed
  pipeline    TEXT,                   -- the pipeline= parameter, if given
  documents   INTEGER NOT NULL DEFAULT 0  -- documents this run wrote
);

-- One row per article, keyed by its id.
CREATE TABLE documents (
  id           TEXT PRIMARY KEY NOT NULL,
  title        TEXT,
  url          TEXT,
  source       TEXT,
  published    TEXT,                  -- as the reader gave it (ISO 8601)
  text         TEXT,                  -- only with text=true
  meta         TEXT NOT NULL DEFAULT '{}',  -- every metadata key, as JSON
  processed_at TEXT NOT NULL,         -- ISO 8601 UTC
  run_id       INTEGER REFERENCES runs (id) ON DELETE SET NULL
);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_run ON documents (run_id);

-- One row per entity mention.
CREATE TABLE entities (
  doc_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  start     INTEGER NOT NULL,
  end       INTEGER NOT NULL,
  type      TEXT NOT NULL,            -- PERSON, ORG, GPE, ...
  text      TEXT NOT NULL,            -- the mention as written
  norm      TEXT,                     -- normalised form
  cluster   INTEGER,                  -- same real-world entity in the doc
  sentiment REAL,                     -- targeted sentiment of the cluster
  mentions  INTEGER                   -- mentions of the cluster
);
-- By type alone, not (type, norm): keys of one type then grow with the
-- rowid, so a batch appends to a few pages instead of rewriting pages all
-- over a second norm-ordered index. make bench (16 MB corpus): 157 MB
-- written and 2.3 s of CPU with (type, norm), 113 MB and 1.6 s with this.
CREATE INDEX entities_doc ON entities (doc_id);
CREATE INDEX entities_norm ON entities (norm, type);
CREATE INDEX entities_type ON entities (type);

-- One row per sentence, with its sentiment scores when scored.
CREATE TABLE sentences (
  doc_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  idx      INTEGER NOT NULL,          -- position in the document, from 0
  start    INTEGER NOT NULL,
  end      INTEGER NOT NULL,
  compound REAL,
  pos      REAL,
  neg      REAL,
  neu      REAL,
  PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;

-- Every document feature (sentiment.compound, ...), typed as SQLite can.
CREATE TABLE features (
  doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  key    TEXT NOT NULL,
  value,
  PRIMARY KEY (doc_id, key)
) WITHOUT ROWID;
CREATE INDEX features_key ON features (key);

PRAGMA application_id = 1195461721;
PRAGMA user_version = 1;
