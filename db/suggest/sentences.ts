// Splits a source text into sentences with offsets into it, so every suggestion's quote is text.slice(start, end).

export interface Sentence {
  start: number;
  end: number;
  /** text.slice(start, end): the claim invariant. */
  quote: string;
}

// Abbreviations that end in a period without ending a sentence (titles, months, "No.", "approx.").
const ABBREVIATIONS = new Set(
  [
    'mr mrs ms dr prof gen lt col maj capt cpt sgt cpl adm cmdr gov sen rep pres rev hon st jr sr mt ft',
    'no nos vol approx est etc vs inc ltd co corp dept e.g i.e cf al fig',
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun',
  ]
    .join(' ')
    .split(' '),
);

const OPENERS = /["'“‘([]/;
const CLOSERS = /["'”’)\]]/;

/** True when the period at `dot` ends an abbreviation ("Gen.", "U.S.", "J.") rather than a sentence. */
function isAbbreviation(text: string, dot: number): boolean {
  let from = dot;
  while (from > 0 && /[\p{L}.]/u.test(text[from - 1]!)) from -= 1;
  const word = text.slice(from, dot);
  if (word === '') return false;
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  // Initials and dotted acronyms: "J.", "U.S.", "U.N."
  return /^(\p{Lu}\.)*\p{Lu}$/u.test(word);
}

/** Where the sentence beginning at or after `from` really starts (skipping white space). */
const skipSpace = (text: string, from: number): number => {
  let at = from;
  while (at < text.length && /\s/.test(text[at]!)) at += 1;
  return at;
};

/**
 * The sentences of a text. A sentence ends at . ! ? (with any closing quotes and brackets after it) followed by
 * white space and a capital, digit or opening quote; at a blank line or a line break that is a paragraph end;
 * or at the end of the text. Abbreviations and decimals ("3.5") do not end one.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = skipSpace(text, 0);
  const push = (end: number) => {
    let last = end;
    while (last > start && /\s/.test(text[last - 1]!)) last -= 1;
    if (last > start) sentences.push({ start, end: last, quote: text.slice(start, last) });
  };
  for (let i = start; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === '\n') {
      // A blank line ends a paragraph; a single line break ends a heading or list item, but not a line of
      // hard-wrapped prose (which breaks after a lowercase word or joining punctuation).
      const next = skipSpace(text, i);
      const blank = text.slice(i + 1, next).includes('\n');
      if (blank || next >= text.length || !/[\p{Ll},;:\-—–]/u.test(text[i - 1] ?? '')) {
        push(i);
        start = next;
        i = next - 1;
      }
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let end = i + 1;
    while (end < text.length && (text[end] === '.' || text[end] === '!' || text[end] === '?')) end += 1;
    while (end < text.length && CLOSERS.test(text[end]!)) end += 1;
    const after = text[end];
    if (after !== undefined && !/\s/.test(after)) continue; // "3.5", "U.S.-backed", "example.com"
    const next = skipSpace(text, end);
    if (next < text.length) {
      const following = text[next]!;
      if (!/[\p{Lu}\d]/u.test(following) && !OPENERS.test(following)) continue;
      if (ch === '.' && end === i + 1 && isAbbreviation(text, i)) continue;
    }
    push(end);
    start = next;
    i = next - 1;
  }
  if (start < text.length) push(text.length);
  return sentences;
}
