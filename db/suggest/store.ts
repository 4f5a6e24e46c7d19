// Suggestions for a stored source: its text, publication date and the case's codebook in; dismissed ones out,
// those an existing claim already cites marked as claimed; and dismissals kept in the case file.
import type { CaseFile } from '../caseFile.ts';
import { prepare, transaction } from '../caseFile.ts';
import { badInput, notFound } from '../errors.ts';
import { suggestionIdFor } from '../ids.ts';
import { tagPaths } from '../tags.ts';
import type { CodebookEntry } from './entities.ts';
import type { Suggestion } from './suggest.ts';

export interface StoredSuggestion extends Suggestion {
  /** UUIDv5 of source id and span: the id its dismissal gets. */
  id: string;
  /** A live claim cites exactly these words already. */
  claimed: boolean;
}

interface SourceRow {
  text: string;
  publishedAt: string | null;
}

function liveSourceText(c: CaseFile, sourceId: string): SourceRow {
  const row = prepare(
    c,
    'SELECT text, published_at AS publishedAt FROM sources WHERE id = :sourceId AND deleted = 0',
  ).get({ sourceId }) as SourceRow | undefined;
  if (!row) throw notFound(`There is no source with id ${sourceId} in this case.`);
  return row;
}

/** The codebook's places, actors and organizations, with their full paths. */
export function codebookEntries(c: CaseFile): CodebookEntry[] {
  const rows = prepare(
    c,
    `SELECT id, name, kind FROM tags
     WHERE deleted = 0 AND merged_into IS NULL AND kind IN ('place', 'actor', 'organization')`,
  ).all() as { id: string; name: string; kind: CodebookEntry['kind'] }[];
  const paths = rows.length > 0 ? tagPaths(c) : new Map<string, string>();
  return rows.map((r) => ({ tagId: r.id, name: r.name, kind: r.kind, path: paths.get(r.id) ?? r.name }));
}

/**
 * The suggestions of a source that no one dismissed, in text order. The language libraries load on first use
 * (about a second): every `attest` command and the desktop's start would pay for them otherwise.
 */
export async function listSuggestions(c: CaseFile, sourceId: string): Promise<StoredSuggestion[]> {
  const { suggestClaims } = await import('./suggest.ts');
  const source = liveSourceText(c, sourceId);
  const dismissed = new Set(
    prepare(c, 'SELECT id FROM dismissed_suggestions WHERE source_id = :sourceId')
      .pluck()
      .all({ sourceId }) as string[],
  );
  const claimed = new Set(
    (
      prepare(
        c,
        `SELECT quote_start AS start, quote_end AS "end" FROM claims WHERE source_id = :sourceId AND deleted = 0`,
      ).all({ sourceId }) as { start: number; end: number }[]
    ).map((r) => `${r.start}:${r.end}`),
  );
  return suggestClaims({ text: source.text, publishedAt: source.publishedAt, codebook: codebookEntries(c) })
    .map((s) => ({
      ...s,
      id: suggestionIdFor(sourceId, s.start, s.end),
      claimed: claimed.has(`${s.start}:${s.end}`),
    }))
    .filter((s) => !dismissed.has(s.id));
}

/** Keeps a suggestion dismissed; dismissing it again changes nothing. */
export function dismissSuggestion(c: CaseFile, sourceId: string, start: number, end: number): { id: string } {
  const source = liveSourceText(c, sourceId);
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end <= start ||
    end > source.text.length
  ) {
    throw badInput(
      `${start}:${end} is not a span of this source: give start and end offsets between 0 and ${source.text.length}.`,
    );
  }
  const id = suggestionIdFor(sourceId, start, end);
  transaction(c, () => {
    prepare(
      c,
      `INSERT INTO authors (id, name) VALUES (:id, :name)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE name <> excluded.name`,
    ).run(c.author);
    prepare(
      c,
      `INSERT INTO dismissed_suggestions (id, source_id, quote_start, quote_end, dismissed_by, dismissed_at)
       VALUES (:id, :sourceId, :start, :end, :authorId, :at) ON CONFLICT (id) DO NOTHING`,
    ).run({ id, sourceId, start, end, authorId: c.author.id, at: Date.now() });
  });
  return { id };
}
