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
  /**
   * false when only which records match is wanted (the library's and the claims table's filters): no text is
   * read and no snippet cut, and each hit's snippet is empty.
   */
  snippets?: boolean;
}

/**
 * Up to this many matches are ranked by relevance (bm25). A word common in the case ("said") matches tens of
 * thousands of records; for those, the newest matches are what an analyst searching as they type is after.
 */
export const RANK_WINDOW = 200;

const WORD = /[\p{L}\p{N}_]+/gu;
// Expressions with Unicode classes are compiled once, here: each costs V8 a millisecond or more to compile.
/** One letter, digit or underscore at lastIndex; as many as follow it; the words from lastIndex on. */
const WORD_CHAR = /[\p{L}\p{N}_]/uy;
const WORD_TAIL = /[\p{L}\p{N}_]*/uy;
const WORD_AFTER = /[\p{L}\p{N}_]+/gu;

const wordCharAt = (text: string, at: number): boolean => {
  WORD_CHAR.lastIndex = at;
  return WORD_CHAR.test(text);
};

/** Whether the character before `at` (a whole surrogate pair, if it ends one) is part of a word. */
const wordCharBefore = (text: string, at: number): boolean => {
  if (at === 0) return false;
  const low = text.charCodeAt(at - 1);
  const pair = low >= 0xdc00 && low <= 0xdfff && at >= 2 && (text.charCodeAt(at - 2) & 0xfc00) === 0xd800;
  return wordCharAt(text, at - (pair ? 2 : 1));
};

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
const LEAD_WORDS = SNIPPET_WORDS / 4;

/** White space other than single plain spaces: what a snippet folds to one space. */
const MORE_THAN_A_SPACE = /[^\S ]| {2}/;

/**
 * Where a snippet starts: a few words of lead-in before the match at `at`, looked for within 200 characters.
 * A short stretch is read first (the words of news text are short); the first word found in a stretch may be
 * cut off by it, so the short stretch is enough only when it holds more words than are needed.
 */
function leadIn(text: string, at: number): { start: number; words: number } {
  for (const reach of [64, 200]) {
    const from = Math.max(0, at - reach);
    const found = [...text.slice(from, at).matchAll(WORD)];
    if (found.length > LEAD_WORDS || from === 0 || reach === 200) {
      const lead = found.slice(-LEAD_WORDS);
      return { start: lead[0] ? from + lead[0].index : at, words: lead.length };
    }
  }
  return { start: at, words: 0 };
}

type Snippet = Pick<SearchHit, 'snippet' | 'marks'>;

/** Text of printable ASCII only (and '…', which a snippet adds at its ends): no diacritics to fold. */
const ASCII_TEXT = /^[\t\n\r\x20-\x7e…]*$/;

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
  // Where every term is ASCII, matches in ASCII text are found natively instead of word by word; text with
  // other characters (diacritics to fold) still goes word by word. The per-search expression holds only
  // the terms, spelt in both cases: V8 takes milliseconds to compile an expression with Unicode classes
  // (\p{L}) or Unicode case folding (/iu), more than all the rest of a search. Word edges are checked with
  // expressions compiled once, at load.
  const asciiTerms = terms.length > 0 && terms.every((t) => /^[a-z0-9_]+$/.test(t));
  const longestFirst = [...terms].sort((a, b) => b.length - a.length);
  const candidates = asciiTerms
    ? new RegExp(
        longestFirst.map((t) => t.replace(/[a-z]/g, (ch) => `[${ch}${ch.toUpperCase()}]`)).join('|'),
        'g',
      )
    : null;
  /** The end of a query word that starts at `at` in text, or -1. */
  const wordEndAt = (text: string, at: number): number => {
    if (wordCharBefore(text, at)) return -1;
    for (const term of longestFirst) {
      if (text.slice(at, at + term.length).toLowerCase() !== term) continue;
      const end = at + term.length;
      if (prefix && term === last) {
        WORD_TAIL.lastIndex = end;
        WORD_TAIL.test(text);
        return WORD_TAIL.lastIndex;
      }
      if (!wordCharAt(text, end)) return end;
    }
    return -1;
  };
  /** Each query word in text, in order: candidates found by the expression of the terms, edges checked. */
  function* asciiMatches(text: string, pattern: RegExp): Generator<{ start: number; end: number }> {
    pattern.lastIndex = 0;
    for (let found = pattern.exec(text); found; found = pattern.exec(text)) {
      const end = wordEndAt(text, found.index);
      if (end < 0) {
        pattern.lastIndex = found.index + 1;
        continue;
      }
      yield { start: found.index, end };
      pattern.lastIndex = end;
    }
  }
  const firstMatch = (text: string): { start: number; end: number } | undefined => {
    if (candidates) {
      for (const found of asciiMatches(text, candidates)) return found;
      if (ASCII_TEXT.test(text)) return undefined;
    }
    for (const m of text.matchAll(WORD))
      if (matches(m[0])) return { start: m.index, end: m.index + m[0].length };
    return undefined;
  };
  const marksIn = (snippet: string): [number, number][] => {
    const marks: [number, number][] = [];
    if (candidates && ASCII_TEXT.test(snippet)) {
      for (const { start, end } of asciiMatches(snippet, candidates)) marks.push([start, end]);
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
      const lead = leadIn(text, hit.start);
      const start = lead.start;
      const atStart = text.slice(0, start).trim() === '';
      let end = hit.end;
      let words = lead.words + 1;
      // The words after the match, read in place rather than from a copy of the rest of the text.
      WORD_AFTER.lastIndex = hit.end;
      for (let m = WORD_AFTER.exec(text); m && words < SNIPPET_WORDS; m = WORD_AFTER.exec(text)) {
        end = m.index + m[0].length;
        words += 1;
      }
      const piece = text.slice(atStart ? 0 : start, end);
      const folded = MORE_THAN_A_SPACE.test(piece) ? piece.replace(/\s+/g, ' ') : piece;
      const snippet = `${atStart ? '' : '…'}${folded.trimStart()}${text.slice(end).trim() ? '…' : ''}`;
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
  // No match: nothing to rank, and looking again would cost as much as the first time (all words must meet).
  if (newest.length === 0) return [];
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
        options.snippets === false
          ? `SELECT seq, id, title FROM sources WHERE seq IN (SELECT value FROM json_each(?))`
          : `SELECT seq, id, title, outlet, text FROM sources WHERE seq IN (SELECT value FROM json_each(?))`,
      ).all(seqsOf('source')) as {
        seq: number;
        id: string;
        title: string;
        outlet: string | null;
        text: string;
      }[]
    ).map((r) => [r.seq, r]),
  );
  const cut = options.snippets === false ? () => ({ snippet: '', marks: [] }) : snippetCutter(query, prefix);
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
