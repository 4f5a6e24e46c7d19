-- Schema 40: claim suggestions an analyst dismissed, so they stay dismissed. The id is a UUIDv5 of the source id
-- and the span, so two analysts dismissing the same suggestion meet on one row when their cases merge.
CREATE TABLE dismissed_suggestions (
  id TEXT PRIMARY KEY,
  source_id TEXT NOT NULL REFERENCES sources (id),
  quote_start INTEGER NOT NULL CHECK (quote_start >= 0),
  quote_end INTEGER NOT NULL CHECK (quote_end > quote_start),
  dismissed_by TEXT NOT NULL REFERENCES authors (id),
  dismissed_at INTEGER NOT NULL
) STRICT;

CREATE INDEX dismissed_suggestions_by_source ON dismissed_suggestions (source_id);
