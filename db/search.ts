// Full-text search (SQLite FTS5) over sources and claims, with snippets and the claim filters.
import type { CaseFile } from './caseFile.ts';
import { prepare } from './caseFile.ts';
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

/**
 * Up to this many matches are ranked by relevance (bm25). A word common in the case ("said") matches tens of
 * thousands of records; for those, the newest matches are what an analyst searching as they type is after.
 */
export const RANK_WINDOW = 200;

const WORD = /[\p{L}\p{N}_]+/gu;

/** Lower case without diacritics, as FTS5's unicode61 tokenizer with remove_diacritics folds words. */
const fold = (word: string): string =>
  // ASCII words (most of them) need no Unicode normalization.
  /^[\x20-\x7e]*$/.test(word)
    ? word.toLowerCase()
    : word
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase();

function queryWords(input: string): string[] {
  return input
    .normalize('NFC')
    .split(/[^\p{L}\p{N}_'’-]+/u)
    .map((w) => w.replace(/^['’-]+|['’-]+$/g, ''))
    .filter(Boolean);
}

/**
 * The analyst's words as an FTS5 query: each word quoted (so punctuation and FTS syntax in the input are
 * just text), all words required. https://www.sqlite.org/fts5.html#full_text_query_syntax
 */
export function toFtsQuery(input: string, prefix = false): string | null {
  const words = queryWords(input);
  if (words.length === 0) return null;
  return words
    .map((w, i) => `"${w.replace(/"/g, '""')}"${prefix && i === words.length - 1 ? '*' : ''}`)
    .join(' ');
}

const SNIPPET_WORDS = 16;

type Snippet = Pick<SearchHit, 'snippet' | 'marks'>;

const ASCII_TEXT = /^[\t\n\r\x20-\x7e]*$/;

/**
 * A snippet cutter for one search: the query's words are folded and compiled once, then applied to each hit
 * shown. Each cuts the words around the first match in the first field that has one, every match marked.
 */
export function snippetCutter(input: string, prefix: boolean): (fields: (string | null)[]) => Snippet {
  const terms = queryWords(input)
    .flatMap((w) => w.match(WORD) ?? [])
    .map(fold);
  const last = terms.at(-1);
  const matches = (token: string) => {
    const folded = fold(token);
    return terms.includes(folded) || (prefix && last !== undefined && folded.startsWith(last));
  };
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Where every term is ASCII, matches in ASCII text are found by one regular expression (run natively)
  // instead of word by word; text with other characters (diacritics to fold) still goes word by word.
  const asciiTerms = terms.length > 0 && terms.every((t) => /^[\x20-\x7e]*$/.test(t));
  const pattern = asciiTerms
    ? `(?<![\\p{L}\\p{N}_])(?:${terms
        .map((t, i) => (prefix && i === terms.length - 1 ? `${escape(t)}[\\p{L}\\p{N}_]*` : escape(t)))
        .join('|')})(?![\\p{L}\\p{N}_])`
    : null;
  // Two expressions: exec() on a global one would start where the last search left off.
  const first = pattern === null ? null : new RegExp(pattern, 'iu');
  const every = pattern === null ? null : new RegExp(pattern, 'giu');
  const firstMatch = (text: string): { start: number; end: number } | undefined => {
    if (first) {
      const found = first.exec(text);
      if (found) return { start: found.index, end: found.index + found[0].length };
      if (ASCII_TEXT.test(text)) return undefined;
    }
    for (const m of text.matchAll(WORD))
      if (matches(m[0])) return { start: m.index, end: m.index + m[0].length };
    return undefined;
  };
  const marksIn = (snippet: string): [number, number][] => {
    const marks: [number, number][] = [];
    if (every && ASCII_TEXT.test(snippet)) {
      for (const m of snippet.matchAll(every)) marks.push([m.index, m.index + m[0].length]);
    } else {
      for (const m of snippet.matchAll(WORD)) if (matches(m[0])) marks.push([m.index, m.index + m[0].length]);
    }
    return marks;
  };
  return (fields) => {
    const texts = fields.filter((f): f is string => !!f);
    for (const text of texts) {
      const hit = firstMatch(text);
      if (!hit) continue;
      // A few words of lead-in before the match.
      const lookback = Math.max(0, hit.start - 200);
      const before = [...text.slice(lookback, hit.start).matchAll(WORD)].slice(-SNIPPET_WORDS / 4);
      const start = before[0] ? lookback + before[0].index : hit.start;
      const atStart = text.slice(0, start).trim() === '';
      let end = hit.end;
      let words = before.length + 1;
      for (const m of text.slice(hit.end).matchAll(WORD)) {
        if (words >= SNIPPET_WORDS) break;
        end = hit.end + m.index + m[0].length;
        words += 1;
      }
      const snippet = `${atStart ? '' : '…'}${text
        .slice(atStart ? 0 : start, end)
        .replace(/\s+/g, ' ')
        .trimStart()}${text.slice(end).trim() ? '…' : ''}`;
      // Marks are found again in the folded-white-space snippet, so their offsets are its own.
      return { snippet, marks: marksIn(snippet) };
    }
    const text = (texts[0] ?? '').replace(/\s+/g, ' ');
    return { snippet: text.length > 160 ? `${text.slice(0, 160)}…` : text, marks: [] };
  };
}

/** The words around the first match in the first field that has one, with every match in it marked. */
export function makeSnippet(fields: (string | null)[], input: string, prefix: boolean): Snippet {
  return snippetCutter(input, prefix)(fields);
}

interface Ranked {
  seq: number;
  rank: number;
}

/**
 * The best `limit` matches in one FTS table. A word common in the case matches thousands of records, and
 * ranking them all by bm25 costs FTS5 more than a keystroke may: when there are RANK_WINDOW matches or more,
 * the newest come first (news moves on; the analyst narrows with another word). Fewer matches are ranked by
 * relevance. FTS5 reads its index in rowid order, so the newest matches come at the cost of reading them.
 */
function rankIn(
  c: CaseFile,
  table: 'claims_fts' | 'sources_fts',
  fts: string,
  limit: number,
  join: string,
  where: string[],
  params: Record<string, unknown>,
): Ranked[] {
  const conditions = [`${table} MATCH :fts`, ...where].join(' AND ');
  const newest = prepare(
    c,
    `SELECT ${table}.rowid FROM ${table} ${join} WHERE ${conditions}
     ORDER BY ${table}.rowid DESC LIMIT :count`,
  )
    .pluck()
    .all({ ...params, fts, count: Math.max(RANK_WINDOW, limit) }) as number[];
  if (newest.length >= RANK_WINDOW) return newest.slice(0, limit).map((seq) => ({ seq, rank: 0 }));
  // bm25() sorted by SQLite rather than FTS5's `ORDER BY rank`: FTS5's sorted mode finds every match twice
  // (once to rank it, once more to return it), which doubled the cost of a ranked search. Ties go newest first.
  return prepare(
    c,
    `SELECT ${table}.rowid AS seq, bm25(${table}) AS rank FROM ${table} ${join} WHERE ${conditions}
     ORDER BY rank, ${table}.rowid DESC LIMIT :limit`,
  ).all({ ...params, fts, limit }) as Ranked[];
}

/** A ranked match in one table, before its row is read. */
interface Candidate extends Ranked {
  kind: SearchHit['kind'];
}

export function search(c: CaseFile, query: string, options: SearchOptions = {}): SearchHit[] {
  if (typeof query !== 'string' || query.length > 1000) {
    throw badInput('A search is text of at most 1000 characters.');
  }
  const fts = toFtsQuery(query, options.prefix);
  if (!fts) return [];
  const prefix = options.prefix ?? false;
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const kinds = options.kinds ?? ['claim', 'source'];
  const claimFiltered = Boolean(
    options.tag || options.status || options.sourceId || options.from || options.to || options.claimant,
  );
  const candidates: Candidate[] = [];
  if (kinds.includes('claim')) {
    // Tombstoned claims are not in the index; the claims table is joined only to apply filters.
    const { where, params } = claimFiltered ? claimConditions(c, options, 'c') : { where: [], params: {} };
    const join = claimFiltered ? 'JOIN claims c ON c.seq = claims_fts.rowid' : '';
    for (const r of rankIn(c, 'claims_fts', fts, limit, join, where, params))
      candidates.push({ kind: 'claim', ...r });
  }
  // Sources have no claim fields: a claim filter (status, date window...) narrows to claims only.
  if (kinds.includes('source') && !claimFiltered) {
    for (const r of rankIn(c, 'sources_fts', fts, limit, '', [], {}))
      candidates.push({ kind: 'source', ...r });
  }
  // Rows are read and snippets cut only for the matches shown: a source's text is kilobytes, and when claims
  // and sources both match, most of the candidates of one kind never make the list. The sort is stable, so
  // at equal rank claims come before sources.
  const shown = candidates.sort((a, b) => a.rank - b.rank).slice(0, limit);
  const seqsOf = (kind: Candidate['kind']) =>
    JSON.stringify(shown.filter((r) => r.kind === kind).map((r) => r.seq));
  const claims = new Map(
    (
      prepare(
        c,
        `SELECT seq, id, source_id AS sourceId, statement, quote, claimant, place, note
         FROM claims WHERE seq IN (SELECT value FROM json_each(?))`,
      ).all(seqsOf('claim')) as {
        seq: number;
        id: string;
        sourceId: string;
        statement: string;
        quote: string;
        claimant: string | null;
        place: string | null;
        note: string | null;
      }[]
    ).map((r) => [r.seq, r]),
  );
  const sources = new Map(
    (
      prepare(
        c,
        `SELECT seq, id, title, outlet, text FROM sources WHERE seq IN (SELECT value FROM json_each(?))`,
      ).all(seqsOf('source')) as {
        seq: number;
        id: string;
        title: string;
        outlet: string | null;
        text: string;
      }[]
    ).map((r) => [r.seq, r]),
  );
  const cut = snippetCutter(query, prefix);
  const hits: SearchHit[] = [];
  for (const { kind, seq, rank } of shown) {
    if (kind === 'claim') {
      const r = claims.get(seq);
      if (!r) continue;
      const snippet = cut([r.statement, r.quote, r.claimant, r.place, r.note]);
      hits.push({ kind, id: r.id, sourceId: r.sourceId, title: r.statement, ...snippet, rank });
    } else {
      const r = sources.get(seq);
      if (!r) continue;
      const snippet = cut([r.text, r.title, r.outlet]);
      hits.push({ kind, id: r.id, sourceId: r.id, title: r.title, ...snippet, rank });
    }
  }
  return hits;
}
