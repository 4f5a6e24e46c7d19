// What the first words of a news text say about it: the dateline ("GOMA, Feb 22 (Reuters) -") and a fallback title.
import { displayName } from './normalize.ts';

export interface Dateline {
  /** The agency in parentheses, e.g. 'Reuters' from "(Reuters)", when the dateline names one. */
  outlet?: string;
  /** Characters the dateline takes, including the dash and the space after it. */
  length: number;
}

/** Longest fallback title in characters (code points), ellipsis included: what fits a table column. */
export const MAX_TITLE_LENGTH = 80;

/** Longest title taken from a heading or a header field before it is shortened: headlines are far shorter. */
export const MAX_NAMED_TITLE_LENGTH = 200;

/** How much of a first line is read for a title: many times any title, a tiny part of the largest line. */
export const MAX_SCANNED_LINE = 2000;

// A dateline is a place in capitals, optionally ", more place or a date", optionally "(Agency)", then a dash:
// "KINSHASA, Feb 22 (Reuters) - ", "GOMA, Democratic Republic of Congo — ", "PORT CALDER (Meridian Wire) — ".
// A hyphen counts only with spaces around it, so "KINSHASA-based" is a word, not a dateline.
const DATELINE =
  /^(\p{Lu}[\p{Lu}'’.-]*\p{Lu}(?: \p{Lu}[\p{Lu}'’.-]*\p{Lu})*)(?:,\s*[^\n()—–]{1,80}?)?(?:\s*\(([^()\n]{1,60})\))?(?:\s*[—–]\s*|\s+--?\s+)/u;

/** The dateline at the very start of `body`, if there is one. */
export function matchDateline(body: string): Dateline | undefined {
  // Datelines are short; matching a bounded prefix keeps a 50 MiB line of capitals from exhausting the regex stack.
  const match = DATELINE.exec(body.slice(0, 300));
  if (!match) return undefined;
  const agency = match[2]?.trim();
  return agency !== undefined && isNameLike(agency)
    ? { outlet: agency, length: match[0].length }
    : { length: match[0].length };
}

// Lower-case words that occur inside names of outlets and people: "Voice of America", "Mail & Guardian".
const NAME_PARTICLES = new Set(
  'of the and for in on at & de du des la le les el al da di do dos van von der den y e et und bin ibn'.split(
    ' ',
  ),
);

/**
 * A proper name as outlets and authors are written: capitalized words (or particles, or a domain such as
 * example.org), a few of them, no sentence. "Reuters" is one; "says rebels advanced." is not.
 */
export function isNameLike(value: string): boolean {
  const words = value.split(/\s+/);
  const isDomain = (word: string): boolean => /^[\p{L}\d-]+(\.[\p{L}\d-]+)+$/u.test(word);
  const isNameWord = (word: string): boolean =>
    /^[\p{Lu}\p{Lt}\p{N}"“'‘(&]/u.test(word) || NAME_PARTICLES.has(word.toLowerCase()) || isDomain(word);
  const lastWord = words[words.length - 1] ?? '';
  return (
    value.length > 0 &&
    value.length <= 80 &&
    words.length <= 8 &&
    (/^[\p{Lu}\p{Lt}\p{N}"“]/u.test(value) || isDomain(words[0] ?? '')) &&
    words.every(isNameWord) &&
    // A sentence break inside ("Reuters. The"), but not an initial or abbreviation ("J. Okello", "Mrs. Okello").
    !/(\p{Ll}{3,}\.|[!?])\s/u.test(value) &&
    !/[!?]$/.test(value) &&
    // "Reuters Ltd." or "J. Okello Jr." end with a period; a sentence ends with a longer word.
    !(lastWord.endsWith('.') && lastWord.length > 5 && !/\.\p{L}/u.test(lastWord))
  );
}

/**
 * A title for a source that names none: its first sentence, without the dateline, shortened at a word
 * boundary. undefined when the text has no words to take one from.
 */
export function fallbackTitle(body: string): string | undefined {
  const start = body.search(/\S/);
  if (start === -1) return undefined;
  const end = body.indexOf('\n', start);
  // A title needs the first 80 characters; a cap keeps a 50 MiB one-line file from costing more than that.
  const firstLine = body
    .slice(start, end === -1 ? undefined : end)
    .slice(0, MAX_SCANNED_LINE)
    .trim();
  const dateline = matchDateline(firstLine);
  const afterDateline = dateline ? firstLine.slice(dateline.length).trim() : '';
  const line = afterDateline !== '' ? afterDateline : firstLine;
  const title = shortenTitle(firstSentence(line).replace(/\.$/, ''));
  return /[\p{L}\p{N}]/u.test(title) ? title : undefined;
}

/** At most `max` code points, cut at a word boundary with an ellipsis; white space collapsed. */
export function shortenTitle(text: string, max = MAX_TITLE_LENGTH): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length <= max) return chars.join('');
  let kept = chars.slice(0, max - 1);
  if (chars[max - 1] !== ' ') {
    const lastSpace = kept.lastIndexOf(' ');
    // A boundary in the first half would throw most of the title away: cut inside the long word instead.
    if (lastSpace > max / 2) kept = kept.slice(0, lastSpace);
  }
  return `${kept.join('').replace(/[\s,;:—–-]+$/u, '')}…`;
}

// Words that end with a period without ending the sentence: "Gen. Ruvuma said", "Feb. 22", "Mr. Okello".
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt st sen rep gov pres amb rev hon jr sr no vs ' +
    'etc inc ltd co corp dept univ approx jan feb mar apr jun jul aug sep sept oct nov dec'
  ).split(' '),
);

/** The first sentence of a line: up to a . ! or ? that is followed by a capital and ends no abbreviation. */
function firstSentence(line: string): string {
  const ends = /[.!?]+["'”’)\]]*(?=\s+["'“‘([]?[\p{Lu}\d])/gu;
  for (const end of line.matchAll(ends)) {
    const before = line.slice(0, end.index);
    const lastWord = /(\S+)$/.exec(before)?.[1] ?? '';
    const isAbbreviation =
      end[0].startsWith('.') &&
      (ABBREVIATIONS.has(lastWord.toLowerCase()) || /^\p{L}$/u.test(lastWord) || /\.\p{L}$/u.test(lastWord));
    if (!isAbbreviation) return line.slice(0, end.index + end[0].length);
  }
  return line;
}

/** The last resort for a title: the file's base name without its extension. */
export function titleFromFileName(fileName: string): string {
  const base = displayName(fileName);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
