// Shared by the merge tests: copies of a case for other analysts, and a snapshot of everything a case holds.
import { join } from 'node:path';
import { openCase, closeCase, type CaseFile } from '../../db/caseFile.ts';
import { tempDir } from '../helpers.ts';

/** A colleague's copy of the case (as if mailed), opened under their name. */
export function copyFor(c: CaseFile, author: string, dir = tempDir()): CaseFile {
  const path = join(
    dir,
    `${author.split(' ')[0]!.toLowerCase()}-${Math.random().toString(36).slice(2)}.attest`,
  );
  c.db.prepare('VACUUM INTO ?').run(path);
  return openCase(path, { author });
}

/** Everything a case holds that merge must agree on; row order and integer rowids aside. */
export function snapshot(c: CaseFile): Record<string, unknown[]> {
  const all = (sql: string) => c.db.prepare(sql).all();
  const withoutSeq = (table: string, order: string) =>
    all(`SELECT * FROM ${table} ORDER BY ${order}`).map((row) => {
      const copy = { ...(row as Record<string, unknown>) };
      delete copy.seq;
      return copy;
    });
  return {
    authors: all('SELECT * FROM authors ORDER BY id'),
    actions: all('SELECT * FROM actions ORDER BY id'),
    changes: withoutSeq('changes', 'entity_id, field, hlc, author_id'),
    originals: all('SELECT sha256, media_type FROM originals ORDER BY sha256'),
    sources: withoutSeq('sources', 'id'),
    claims: withoutSeq('claims', 'id'),
    tags: withoutSeq('tags', 'id'),
    claimTags: withoutSeq('claim_tags', 'id'),
    sourceTags: withoutSeq('source_tags', 'id'),
    links: withoutSeq('links', 'id'),
    reviews: withoutSeq('reviews', 'id'),
    conflicts: all('SELECT * FROM conflicts ORDER BY entity_id, field, base_hlc'),
  };
}

export function closeAll(...cases: CaseFile[]): void {
  for (const c of cases) closeCase(c);
}
