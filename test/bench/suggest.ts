// The suggestion bench: suggestClaims per 1,000 words of generated news text, against splitting the same text
// into sentences (the least any suggester must do) in the same run.
import { splitSentences } from '../../db/suggest/sentences.ts';
import { suggestClaims } from '../../db/suggest/suggest.ts';
import { between, mulberry32, pick } from './generate.ts';
import { formatMs, interleave, median, type ResultRow } from './measure.ts';

const PLACES = ['Goma', 'Sake', 'Minova', 'Bunagana', 'Rutshuru', 'Kiwanja', 'Masisi', 'Bukavu'];
const GROUPS = ['the Ruzizi Front', 'the M23', 'the Red Ridge Brigades', 'the army', 'the Kovari Guard'];
const CLAIMANTS = [
  'the health ministry said',
  'a spokesperson for the State Department said',
  'residents told Meridian Wire',
  'the UN refugee agency said',
  'Corneille Nangaa, the leader of the AFC, said',
];
const WHEN = [
  'last Sunday',
  'on Friday',
  'a day earlier',
  'earlier this month',
  'on 3 February',
  'yesterday',
];
const TEMPLATES = [
  (r: () => number) =>
    `Fighters of ${pick(r, GROUPS)} pushed into ${pick(r, PLACES)} ${pick(r, WHEN)}, ${pick(r, CLAIMANTS)}.`,
  (r: () => number) =>
    `At least ${between(r, 3, 900)} people were killed and ${between(r, 10, 4000)} wounded in ${pick(r, PLACES)}, ${pick(r, CLAIMANTS)}.`,
  (r: () => number) =>
    `According to UN experts, ${pick(r, GROUPS)} received weapons from across the border ${pick(r, WHEN)}.`,
  (r: () => number) =>
    `"We will not withdraw from ${pick(r, PLACES)}," ${pick(r, CLAIMANTS)}, adding that talks had failed.`,
  (r: () => number) =>
    `Kinshasa accused ${pick(r, GROUPS)} of shelling camps near ${pick(r, PLACES)} ${pick(r, WHEN)}.`,
  () =>
    `The Democratic Republic of Congo (DRC) and Rwanda met in Luanda; DRC officials said the U.S. would attend.`,
];

/** A news-like report of about `words` words: paragraphs of two to four sentences. */
export function newsText(seed: number, words: number): string {
  const random = mulberry32(seed);
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const sentences = Array.from({ length: between(random, 2, 4) }, () => pick(random, TEMPLATES)(random));
    count += sentences.join(' ').split(/\s+/).length;
    paragraphs.push(sentences.join(' '));
  }
  return paragraphs.join('\n\n');
}

export function benchSuggestions(seed: number): { rows: ResultRow[]; summary: Record<string, unknown> } {
  // Reports of typical length (800 words), as many as make 20,000 words in all.
  const texts = Array.from({ length: 25 }, (_, i) => newsText(seed + i, 800));
  const wordsOf = (text: string) => text.split(/\s+/).length;
  const codebook = PLACES.slice(0, 4).map((name) => ({
    tagId: name,
    path: `Places/${name}`,
    name,
    kind: 'place' as const,
  }));
  suggestClaims({ text: texts[0]!, publishedAt: '2025-02-22', codebook }); // load compromise's lexicon once
  const times = interleave(texts, {
    suggest: (text) => suggestClaims({ text, publishedAt: '2025-02-22', codebook }).length,
    sentences: (text) => splitSentences(text).length,
  });
  const perThousand = (ms: number[]) => median(ms.map((value, i) => (value / wordsOf(texts[i]!)) * 1000));
  const suggest = perThousand(times.suggest);
  const sentences = perThousand(times.sentences);
  return {
    rows: [
      {
        section: 'suggest',
        measure: 'suggestClaims per 1,000 words (vs sentences only), median of 25',
        engine: formatMs(suggest),
        baseline: formatMs(sentences),
        ratio: suggest / sentences,
        goal: '',
        verdict: '',
      },
    ],
    summary: { suggestMsPer1000Words: suggest, sentencesMsPer1000Words: sentences, texts: texts.length },
  };
}
