-- Attest case file, schema 30: near-copies of one story (the same wire report in two outlets).
-- sources.repeats is an analyst's field (history, undo, merge): the ids of the sources this one repeats, as a
-- JSON array, NULL when none. The fingerprint tables are derived from the immutable text alone, so they hold
-- no history and are rebuilt by db/repeats.ts for any source that lacks them (older files fill lazily).

ALTER TABLE sources ADD COLUMN repeats TEXT CHECK (repeats IS NULL OR json_valid(repeats));

-- One MinHash signature per source (128 little-endian 32-bit values); NULL when the text is too short to say.
CREATE TABLE source_fingerprints (
  source_id TEXT PRIMARY KEY REFERENCES sources (id),
  signature BLOB CHECK (signature IS NULL OR length(signature) = 512)
) STRICT;

-- Locality-sensitive hashing: a source is in one bucket per band, and near-copies share at least one bucket,
-- so a lookup reads a few rows instead of comparing against every source.
CREATE TABLE source_bands (
  band INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  source_id TEXT NOT NULL REFERENCES sources (id),
  PRIMARY KEY (band, bucket, source_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX source_bands_by_source ON source_bands (source_id);
