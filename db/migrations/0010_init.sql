-- Attest case file, schema 10: sources, claims, codebook, links, reviews, and the change history behind them.
-- Every record has a UUID text id (integer rowids never leave the engine), who created and last changed it
-- and when, the hybrid logical clock of its last change, and a tombstone instead of a hard delete.
-- The history (actions + changes) is the truth that audit, undo and merge read; the other tables hold the
-- current state it leads to.

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE authors (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL
) STRICT;

-- One user action (an import, an edit, a tag merge): the unit of undo.
CREATE TABLE actions (
  id TEXT PRIMARY KEY,
  author_id TEXT NOT NULL REFERENCES authors (id),
  hlc TEXT NOT NULL,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('do', 'undo', 'redo')),
  label TEXT NOT NULL,
  target_id TEXT REFERENCES actions (id)
) STRICT;

CREATE INDEX actions_by_author ON actions (author_id, hlc);

-- Field-level history. field '*' is a creation and holds every initial field as a JSON object;
-- prev_hlc is the clock of the change this one overwrote, so concurrent edits can be told apart later.
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY,
  action_id TEXT NOT NULL REFERENCES actions (id),
  entity TEXT NOT NULL CHECK (
    entity IN ('source', 'claim', 'tag', 'claimTag', 'sourceTag', 'link', 'review')
  ),
  entity_id TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  hlc TEXT NOT NULL,
  author_id TEXT NOT NULL REFERENCES authors (id),
  prev_hlc TEXT,
  UNIQUE (entity_id, field, hlc, author_id)
) STRICT;

CREATE INDEX changes_by_action ON changes (action_id);

-- The original bytes of every imported file, once per SHA-256, so a reviewer can always open the original.
CREATE TABLE originals (
  sha256 TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  bytes BLOB NOT NULL
) STRICT;

CREATE TABLE sources (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL UNIQUE,
  text TEXT NOT NULL,
  original_sha256 TEXT NOT NULL REFERENCES originals (sha256),
  file_name TEXT NOT NULL,
  format TEXT NOT NULL,
  title TEXT NOT NULL,
  outlet TEXT,
  author TEXT,
  url TEXT,
  published_at TEXT,
  language TEXT,
  reliability TEXT CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
  note TEXT,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL REFERENCES authors (id),
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL REFERENCES authors (id),
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE INDEX sources_by_date ON sources (published_at);

CREATE TABLE claims (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  source_id TEXT NOT NULL REFERENCES sources (id),
  source_sha256 TEXT NOT NULL,
  quote_start INTEGER NOT NULL CHECK (quote_start >= 0),
  quote_end INTEGER NOT NULL CHECK (quote_end > quote_start),
  quote TEXT NOT NULL,
  prefix TEXT NOT NULL,
  suffix TEXT NOT NULL,
  statement TEXT NOT NULL,
  claimant TEXT,
  event_date TEXT,
  earliest TEXT,
  latest TEXT,
  place TEXT,
  actors TEXT NOT NULL DEFAULT '[]',
  event_type TEXT,
  credibility INTEGER CHECK (credibility BETWEEN 1 AND 6),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'verified', 'disputed', 'rejected')),
  note TEXT,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL REFERENCES authors (id),
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL REFERENCES authors (id),
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE INDEX claims_by_source ON claims (source_id, quote_start);
-- Partial: the timeline counts live claims only, and reads both days from the index without the table.
CREATE INDEX claims_by_date ON claims (earliest, latest) WHERE deleted = 0;
CREATE INDEX claims_by_status ON claims (status);

CREATE TABLE tags (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  parent_id TEXT REFERENCES tags (id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'topic' CHECK (
    kind IN ('topic', 'actor', 'place', 'organization', 'event-type')
  ),
  color TEXT,
  description TEXT,
  merged_into TEXT REFERENCES tags (id),
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL REFERENCES authors (id),
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL REFERENCES authors (id),
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE INDEX tags_by_parent ON tags (parent_id);

-- Tag membership as add/remove records: deleted = 1 means removed.
CREATE TABLE claim_tags (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  claim_id TEXT NOT NULL REFERENCES claims (id),
  tag_id TEXT NOT NULL REFERENCES tags (id),
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL REFERENCES authors (id),
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL REFERENCES authors (id),
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE INDEX claim_tags_by_tag ON claim_tags (tag_id, claim_id);
CREATE INDEX claim_tags_by_claim ON claim_tags (claim_id);

CREATE TABLE source_tags (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  source_id TEXT NOT NULL REFERENCES sources (id),
  tag_id TEXT NOT NULL REFERENCES tags (id),
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL REFERENCES authors (id),
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL REFERENCES authors (id),
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE INDEX source_tags_by_tag ON source_tags (tag_id, source_id);
CREATE INDEX source_tags_by_source ON source_tags (source_id);

CREATE TABLE links (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  from_claim_id TEXT NOT NULL REFERENCES claims (id),
  to_claim_id TEXT NOT NULL REFERENCES claims (id),
  relation TEXT NOT NULL CHECK (relation IN ('corroborates', 'contradicts', 'same-event', 'repeats')),
  note TEXT,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL REFERENCES authors (id),
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL REFERENCES authors (id),
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE INDEX links_from ON links (from_claim_id);
CREATE INDEX links_to ON links (to_claim_id);

-- Append-only verdicts; claim_hash is the hash of the claim version reviewed, so a later edit makes it stale.
CREATE TABLE reviews (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  claim_id TEXT NOT NULL REFERENCES claims (id),
  verdict TEXT NOT NULL CHECK (
    verdict IN (
      'citation-ok', 'quote-mismatch', 'misattributed', 'out-of-context', 'date-wrong', 'unsupported'
    )
  ),
  comment TEXT,
  claim_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL REFERENCES authors (id),
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL REFERENCES authors (id),
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE INDEX reviews_by_claim ON reviews (claim_id, hlc);

-- Full-text search over the live rows; kept in step by the engine (no triggers: case files are untrusted).
CREATE VIRTUAL TABLE sources_fts USING fts5 (
  title, outlet, text,
  content = 'sources', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE VIRTUAL TABLE claims_fts USING fts5 (
  statement, quote, claimant, place, note,
  content = 'claims', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);
