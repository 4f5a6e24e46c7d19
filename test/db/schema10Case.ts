// A case file as Attest wrote it at schema 10 (the first release), with one imported source and its history,
// written by plain SQL: the engine of today writes today's schema, so migration tests must not use it here.
import { createHash } from 'node:crypto';
import { closeCase, createCase } from '../../db/caseFile.ts';
import { sourceIdFor } from '../../db/ids.ts';
import { migrations } from '../../db/migrations/index.ts';

/** Writes the case at `path` and returns the source's id. */
export function schema10CaseWithSource(path: string, text: string, author = 'Ben Reviewer'): string {
  const c = createCase(path, { author, migrations: migrations.filter((m) => m.version === 10) });
  try {
    const sha256 = createHash('sha256').update(text).digest('hex');
    const id = sourceIdFor(sha256);
    const authorId = c.author.id;
    const at = Date.UTC(2025, 1, 22);
    const hlc = (counter: number) => `${String(at).padStart(15, '0')}-${String(counter).padStart(6, '0')}`;
    const title = text.split('\n')[0]!.slice(0, 80);
    c.db.transaction(() => {
      c.db.prepare('INSERT INTO authors (id, name) VALUES (?, ?)').run(authorId, c.author.name);
      c.db
        .prepare(
          `INSERT INTO actions (id, author_id, hlc, at, kind, label, target_id)
           VALUES ('schema-10-import', ?, ?, ?, 'do', 'Import 1 source', NULL)`,
        )
        .run(authorId, hlc(0), at);
      c.db
        .prepare(`INSERT INTO originals (sha256, media_type, bytes) VALUES (?, 'text/plain', ?)`)
        .run(sha256, Buffer.from(text));
      const fields = {
        sha256,
        originalSha256: sha256,
        fileName: 'old.txt',
        format: 'txt',
        title,
        deleted: false,
      };
      c.db
        .prepare(
          `INSERT INTO changes (action_id, entity, entity_id, field, value, hlc, author_id, prev_hlc)
           VALUES ('schema-10-import', 'source', ?, '*', ?, ?, ?, NULL)`,
        )
        .run(id, JSON.stringify(fields), hlc(1), authorId);
      const row = c.db
        .prepare(
          `INSERT INTO sources (id, sha256, text, original_sha256, file_name, format, title, created_at, created_by,
             updated_at, updated_by, hlc) VALUES (?, ?, ?, ?, 'old.txt', 'txt', ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, sha256, text, sha256, title, at, authorId, at, authorId, hlc(1));
      c.db
        .prepare('INSERT INTO sources_fts (rowid, title, outlet, text) VALUES (?, ?, NULL, ?)')
        .run(row.lastInsertRowid, title, text);
      c.db
        .prepare(
          `INSERT INTO meta (key, value) VALUES ('clock', ?) ON CONFLICT (key) DO UPDATE SET value = ?`,
        )
        .run(hlc(1), hlc(1));
    })();
    return id;
  } finally {
    closeCase(c);
  }
}
