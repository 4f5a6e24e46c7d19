// Pure helpers of the Review view: the verdicts and their keys, and the paragraph around a quote.
import type { Verdict } from '../../../electron/contract/index.ts';

export interface VerdictChoice {
  verdict: Verdict;
  /** The key that gives this verdict, shown on its button. */
  key: string;
  label: string;
}

/** In the order of their keys, 1 to 6: the verdict a reviewer gives most often comes first. */
export const VERDICT_CHOICES: readonly VerdictChoice[] = [
  { verdict: 'citation-ok', key: '1', label: 'Citation ok' },
  { verdict: 'quote-mismatch', key: '2', label: 'Quote mismatch' },
  { verdict: 'misattributed', key: '3', label: 'Misattributed' },
  { verdict: 'out-of-context', key: '4', label: 'Out of context' },
  { verdict: 'date-wrong', key: '5', label: 'Date wrong' },
  { verdict: 'unsupported', key: '6', label: 'Unsupported' },
];

export const verdictLabel = (verdict: Verdict): string =>
  VERDICT_CHOICES.find((choice) => choice.verdict === verdict)?.label ?? verdict;

/** The verdict a key gives, if it gives one. */
export const verdictForKey = (key: string): Verdict | undefined =>
  VERDICT_CHOICES.find((choice) => choice.key === key)?.verdict;

export interface Passage {
  /** The passage shown: [start, end) of the source text. */
  start: number;
  end: number;
  /** The passage was cut short of its paragraph at that end. */
  clippedStart: boolean;
  clippedEnd: boolean;
}

/** A blank line (possibly holding spaces) ends a paragraph. */
const BREAK = /\n[^\S\n]*\n/g;

/**
 * The paragraph (or paragraphs) holding [start, end), trimmed of surrounding white space; a very long
 * paragraph is cut to about `context` characters on each side of the quote, at a space where there is one.
 */
export function paragraphAround(text: string, start: number, end: number, context = 600): Passage {
  const from = Math.max(0, Math.min(text.length, start));
  const to = Math.max(from, Math.min(text.length, end));
  let paragraphStart = 0;
  let paragraphEnd = text.length;
  for (const match of text.matchAll(BREAK)) {
    const breakEnd = match.index + match[0].length;
    if (breakEnd <= from) paragraphStart = breakEnd;
    else if (match.index >= to) {
      paragraphEnd = match.index;
      break;
    }
  }
  while (paragraphStart < from && /\s/.test(text[paragraphStart]!)) paragraphStart++;
  while (paragraphEnd > to && /\s/.test(text[paragraphEnd - 1]!)) paragraphEnd--;

  let passageStart = paragraphStart;
  let passageEnd = paragraphEnd;
  if (from - passageStart > context) {
    const cut = from - context;
    const space = text.indexOf(' ', cut);
    passageStart = space !== -1 && space < from ? space + 1 : cut;
  }
  if (passageEnd - to > context) {
    const cut = to + context;
    const space = text.lastIndexOf(' ', cut);
    passageEnd = space > to ? space : cut;
  }
  return {
    start: passageStart,
    end: passageEnd,
    clippedStart: passageStart > paragraphStart,
    clippedEnd: passageEnd < paragraphEnd,
  };
}

/** "12 of 40 reviewed", with the stale and broken counts when there are any. */
export function progressText(progress: { total: number; reviewed: number; stale: number; broken: number }) {
  const parts = [`${progress.reviewed} of ${progress.total} reviewed`];
  if (progress.stale > 0) parts.push(`${progress.stale} stale`);
  if (progress.broken > 0) parts.push(`${progress.broken} broken`);
  return parts.join(' · ');
}
