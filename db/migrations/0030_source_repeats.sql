-- Attest case file, schema 30: near-copies of one story (the same wire report in two outlets).
-- sources.repeats is an analyst's field (history, undo, merge): the ids of the sources this one repeats, as a
-- JSON array, NULL when none. The fingerprints are derived from the immutable text alone, so they hold no
-- history and are computed by db/repeats.ts for any source that lacks one (older files fill lazily). Their LSH
-- band buckets are not stored: db/repeats.ts builds that index in memory (see why there).

ALTER TABLE sources ADD COLUMN repeats TEXT CHECK (repeats IS NULL OR json_valid(repeats));

-- One MinHash signature per source (128 little-endian 32-bit values); NULL when the text is too short to say.
CREATE TABLE source_fingerprints (
  source_id TEXT PRIMARY KEY REFERENCES sources (id),
  signature BLOB CHECK (signature IS NULL OR length(signature) = 512)
) STRICT;
