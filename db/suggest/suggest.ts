// Claim suggestions for one source text: each sentence with its event date, claimant, entities and kind.
// Pure: the text, its publication date and the case's codebook in, suggestions out.
import { readClaimants } from './claimant.ts';
import { findEntities, type CodebookEntry, type Entity, type EntityKind } from './entities.ts';
import { createDateReader, type DatePrecision } from './eventDate.ts';
import { classifySentence, type SuggestionKind } from './kind.ts';
import { splitSentences } from './sentences.ts';

export interface SuggestionEntity {
  name: string;
  kind: EntityKind;
  aliases: string[];
  tagId: string | null;
  tagPath: string | null;
}

export interface Suggestion {
  start: number;
  end: number;
  /** text.slice(start, end). */
  quote: string;
  kind: SuggestionKind;
  /** EDTF, or null when the sentence gives no date. */
  date: string | null;
  datePrecision: DatePrecision | null;
  /** The words the date was read from. */
  dateText: string | null;
  claimant: string | null;
  entities: SuggestionEntity[];
}

export interface SuggestInput {
  text: string;
  publishedAt?: string | null;
  codebook?: readonly CodebookEntry[];
}

/** Sentences shorter than this many words (headings, bylines) are not worth a claim. */
const MIN_WORDS = 4;

export function suggestClaims({ text, publishedAt, codebook = [] }: SuggestInput): Suggestion[] {
  const sentences = splitSentences(text);
  const claimants = readClaimants(sentences.map((s) => s.quote));
  const readDate = createDateReader(publishedAt);
  const entities = findEntities(text, codebook);
  const mentions = entities
    .flatMap((entity) => entity.mentions.map((m) => ({ ...m, entity })))
    .sort((a, b) => a.start - b.start);
  const suggestions: Suggestion[] = [];
  let next = 0;
  sentences.forEach((sentence, index) => {
    // Dates are read in every sentence, kept or not, so the running reference follows the whole text.
    const date = readDate(sentence.quote);
    while (next < mentions.length && mentions[next]!.start < sentence.start) next += 1;
    const inside = new Map<Entity, true>();
    for (let m = next; m < mentions.length && mentions[m]!.start < sentence.end; m += 1) {
      if (mentions[m]!.end <= sentence.end) inside.set(mentions[m]!.entity, true);
    }
    if (sentence.quote.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length < MIN_WORDS) return;
    suggestions.push({
      start: sentence.start,
      end: sentence.end,
      quote: sentence.quote,
      kind: classifySentence(sentence.quote, date !== null),
      date: date?.date ?? null,
      datePrecision: date?.precision ?? null,
      dateText: date?.text ?? null,
      claimant: claimants[index] ?? null,
      entities: [...inside.keys()].map(({ name, kind, aliases, tagId, tagPath }) => ({
        name,
        kind,
        aliases,
        tagId,
        tagPath,
      })),
    });
  });
  return suggestions;
}

export type { CodebookEntry, DatePrecision, EntityKind, SuggestionKind };
