-- Schema 50: merge conflicts. Two analysts who changed one field of one record from the same starting point
-- (two changes with the same prev_hlc and different values) made a fork; merge applies the last writer's value
-- and keeps the fork here until a person settles it. A row is derived from the changes alone, so every merge
-- order gives the same rows; only the settling is a person's act, and it merges by union.
CREATE TABLE conflicts (
  entity TEXT NOT NULL CHECK (
    entity IN ('source', 'claim', 'tag', 'claimTag', 'sourceTag', 'link', 'review')
  ),
  entity_id TEXT NOT NULL,
  field TEXT NOT NULL,
  -- the clock of the change both sides overwrote
  base_hlc TEXT NOT NULL,
  settled_by TEXT REFERENCES authors (id),
  settled_at INTEGER,
  PRIMARY KEY (entity_id, field, base_hlc),
  CHECK ((settled_by IS NULL) = (settled_at IS NULL))
) STRICT, WITHOUT ROWID;

CREATE INDEX conflicts_open ON conflicts (settled_at, entity);
