-- Schema 20: where each page of a paged source (PDF) starts in its text, so a claim can be cited as "p. 4".
-- A JSON array of offsets into sources.text, page 1 first; NULL for formats without pages. Fixed at import,
-- like the text it indexes, and carried in the source's creation record (history, merge).
ALTER TABLE sources ADD COLUMN pages TEXT;
