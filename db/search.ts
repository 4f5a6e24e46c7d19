// Full-text search (SQLite FTS5) over sources and claims, with snippets and the claim filters.
import type { CaseFile } from './caseFile.ts';
import { claimConditions, type ClaimFilter } from './claims.ts';
import { badInput } from './errors.ts';

export interface SearchHit {
  kind: 'source' | 'claim';
  id: string;
  /** For a claim, its source; for a source, itself. */
  sourceId: string;
  title: string;
  /** Text around the match; `marks` give the matched words as [start, end) offsets into it. */
  snippet: string;
  marks: [number, number][];
  rank: number;
}

export interface SearchOptions extends ClaimFilter {
  /** Treat the last word as a prefix ("Gom" finds "Goma"): for search as you type. */
  prefix?: boolean;
  kinds?: ('source' | 'claim')[];
  limit?: number;
}

const OPEN = '\u0002';
const CLOSE = '\u0003';

/**
 * The analyst's words as an FTS5 query: each word quoted (so punctuation and FTS syntax in the input are
 * just text), all words required. https://www.sqlite.org/fts5.html#full_text_query_syntax
 */
export function toFtsQuery(input: string, prefix = false): string | null {
  const words = input
    .normalize('NFC')
    .split(/[^\p{L}\p{N}_'’-]+/u)
    .map((w) => w.replace(/^['’-]+|['’-]+$/g, ''))
    .filter(Boolean);
  if (words.length === 0) return null;
  return words
    .map((w, i) => `"${w.replace(/"/g, '""')}"${prefix && i === words.length - 1 ? '*' : ''}`)
    .join(' ');
}

function markSnippet(raw: string): { snippet: string; marks: [number, number][] } {
  let snippet = '';
  const marks: [number, number][] = [];
  let open = -1;
  for (const ch of raw) {
    if (ch === OPEN) open = snippet.length;
    else if (ch === CLOSE) {
      if (open >= 0) marks.push([open, snippet.length]);
      open = -1;
    } else snippet += ch;
  }
  return { snippet, marks };
}

export function search(c: CaseFile, query: string, options: SearchOptions = {}): SearchHit[] {
  if (typeof query !== 'string' || query.length > 1000)
    throw badInput('A search is text of at most 1000 characters.');
  const fts = toFtsQuery(query, options.prefix);
  if (!fts) return [];
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const kinds = options.kinds ?? ['claim', 'source'];
  const hits: SearchHit[] = [];
  const claimFiltered = Boolean(
    options.tag || options.status || options.sourceId || options.from || options.to || options.claimant,
  );
  if (kinds.includes('claim')) {
    const { where, params } = claimConditions(c, options, 'c');
    const rows = c.db
      .prepare(
        `SELECT c.id, c.source_id AS sourceId, c.statement AS title,
           snippet(claims_fts, -1, '${OPEN}', '${CLOSE}', '…', 16) AS raw, bm25(claims_fts) AS rank
         FROM claims_fts JOIN claims c ON c.seq = claims_fts.rowid
         WHERE claims_fts MATCH :fts AND ${where.join(' AND ')}
         ORDER BY rank LIMIT :limit`,
      )
      .all({ ...params, fts, limit }) as {
      id: string;
      sourceId: string;
      title: string;
      raw: string;
      rank: number;
    }[];
    for (const r of rows)
      hits.push({
        kind: 'claim',
        id: r.id,
        sourceId: r.sourceId,
        title: r.title,
        ...markSnippet(r.raw),
        rank: r.rank,
      });
  }
  // Sources have no claim fields: a claim filter (status, date window...) narrows to claims only.
  if (kinds.includes('source') && !claimFiltered) {
    const rows = c.db
      .prepare(
        `SELECT s.id, s.title, snippet(sources_fts, -1, '${OPEN}', '${CLOSE}', '…', 16) AS raw, bm25(sources_fts) AS rank
         FROM sources_fts JOIN sources s ON s.seq = sources_fts.rowid
         WHERE sources_fts MATCH :fts AND s.deleted = 0 ORDER BY rank LIMIT :limit`,
      )
      .all({ fts, limit }) as { id: string; title: string; raw: string; rank: number }[];
    for (const r of rows)
      hits.push({
        kind: 'source',
        id: r.id,
        sourceId: r.id,
        title: r.title,
        ...markSnippet(r.raw),
        rank: r.rank,
      });
  }
  return hits.sort((a, b) => a.rank - b.rank).slice(0, limit);
}
