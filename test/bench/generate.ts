// The reference case of DESIGN.md ("Performance targets"), made deterministically: invented news reports and claims quoting them.
//
// Everything comes from one seeded PRNG (mulberry32), never Math.random, so two runs (and two machines) measure
// the same texts, quotes, dates and tags. Places and armed groups are real names from eastern DR Congo coverage so
// the vocabulary and FTS statistics look like a real case; every person, outlet, quote and figure is invented.
import type { ClaimStatus } from '../../db/claims.ts';

/** Size of the reference case at scale 1 (DESIGN.md: 10,000 sources, 100,000 claims). */
export const REFERENCE_SOURCES = 10_000;
export const CLAIMS_PER_SOURCE = 10;
export const DEFAULT_SEED = 20250127;

/** Characters of context kept each side of a quote: the engine's CONTEXT_LENGTH, repeated for the raw baseline. */
const CONTEXT_LENGTH = 32;

export type Random = () => number;

/** mulberry32 (Tommy Ettinger): a tiny, fast 32-bit PRNG, plenty for test data and identical on every platform. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
export const between = (random: Random, low: number, high: number): number =>
  low + Math.floor(random() * (high - low + 1));

function weighted<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

/** A word list written as one string ("a|b|c"): dozens of names stay readable in a few lines. */
const list = (names: string): readonly string[] => names.split('|');

// Places: North Kivu, South Kivu, Ituri and the capital. The province picks the codebook branch of a place tag.
const PROVINCE = new Map(
  Object.entries({
    'North Kivu': 'Goma|Sake|Rutshuru|Kiwanja|Masisi|Kitshanga|Walikale|Lubero|Beni|Butembo|Mugunga',
    'South Kivu': 'Bukavu|Minova|Kalehe|Kavumu|Kamanyola|Uvira',
    Ituri: 'Bunia|Djugu',
    Kinshasa: 'Kinshasa',
  }).flatMap(([province, places]) => list(places).map((place) => [place, province] as const)),
);
const PLACE_NAMES = [...PROVINCE.keys()];
const NEIGHBOURHOODS = list('Ndosho|Katindo|Mabanga|Himbi|Kyeshero|Majengo|Kadutu|Ibanda|Nyalukemba');
const ARMED_GROUPS = list('M23|ADF|CODECO|FDLR|Twirwaneho|Nyatura|Raia Mutomboki');
const OPPONENTS = list('FARDC|Wazalendo militias|Burundian troops|SADC forces|MONUSCO peacekeepers');
const OUTLETS = list(
  'Kivu Morning Post|Lake Region Herald|Great Lakes Wire|Radio Tanganyika Online|Congo Daily Ledger|' +
    'Ituri Observer|Kinshasa Evening News|Central Africa Monitor',
);
const AUTHORS = list(
  'Amani Batumike|Claudine Mwamba|Patrick Ilunga|Esther Kabuya|Jules Nzabandora|Grâce Masika|Trésor Mulumba|Nadine Kavira',
);
const CLAIMANTS = list(
  'a local civil society leader|a Red Cross volunteer|residents reached by phone|a provincial government official|' +
    'a UN humanitarian official|an army spokesperson|a MONUSCO source|a customary chief|a hospital official|' +
    'a human rights researcher',
);
// Named speakers, "name, role" as reports introduce them. All invented (accents included: NFC text end to end).
const SPEAKERS = list(
  'Jeanne Bahati, a nurse|Lt. Col. Désiré Mbuyi, an army spokesperson|Ezéchiel Kambale, a civil society coordinator|' +
    'Aline Furaha, a displaced mother of four|Josué Mastaki, a motorcycle-taxi driver|' +
    'Dr. Léon Birindwa, a hospital director|Mireille Sifa, an aid worker|Chief Baraka Ndeze, a village elder',
);
const MONTHS = list('January|February|March|April|May|June|July|August|September|October|November|December');
const WEEKDAYS = list('Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday');
const PROPAGANDA = list(
  'a smear campaign|pure propaganda|lies spread by Kinshasa|fabrications|a provocation',
);

/** The small codebook claims are tagged from (DESIGN.md: a codebook of a few dozen tags at most). */
export const CODEBOOK: readonly string[] = [
  ...list('M23|ADF|CODECO|FARDC|Wazalendo').map((group) => `Actors/${group}`),
  ...list('Goma|Sake|Bukavu|Minova|Beni|Bunia|Uvira').map(
    (place) => `Places/${PROVINCE.get(place)}/${place}`,
  ),
  ...list('Capture|Shelling|Killing|Displacement|Clash|Access|Ceasefire|Statement').map(
    (e) => `Event type/${e}`,
  ),
  ...list('Topic/Casualties|Topic/Humanitarian access|Topic/Disinformation'),
];
const CODEBOOK_SET = new Set(CODEBOOK.map((path) => path.toLowerCase()));

/**
 * Words a search box would see typed: places, groups, and the nouns and verbs of the templates, from words in
 * most reports ("Goma", "said") to rare ones; "rebels" and "airport" are in no report, as some searches find nothing.
 */
export const VOCABULARY: readonly string[] = [
  ...PLACE_NAMES,
  ...NEIGHBOURHOODS,
  ...list('M23|ADF|CODECO|FDLR|FARDC|Wazalendo|MONUSCO|SADC|Burundian|Twirwaneho|rebels|airport'),
  ...list(
    'fighters|killed|wounded|shells|hospital|displaced|fled|ceasefire|road|aid|trucks|gunfire|spokesperson',
  ),
  ...list(
    'bodies|camp|markets|schools|fighting|clashed|humanitarian|violated|denied|propaganda|residents|nurse',
  ),
  ...list(
    'volunteer|provinces|kilometres|families|morning|night|checkpoint|water|village|goats|diplomats|said',
  ),
];

export interface GeneratedSource {
  fileName: string;
  bytes: Uint8Array;
  /** The text the engine stores once the file is imported (normalized body): claim offsets refer to it. */
  text: string;
  format: 'txt' | 'md';
  mediaType: string;
  title: string;
  outlet: string;
  author: string | null;
  url: string;
  publishedAt: string;
  language: string;
}

export interface GeneratedClaim {
  /** Index of the cited source in ReferenceCase.sources. */
  source: number;
  start: number;
  end: number;
  quote: string;
  /** Context each side of the quote, as the engine records it (32 characters). */
  prefix: string;
  suffix: string;
  statement: string;
  claimant: string | null;
  /** EDTF, or null for an undated claim. */
  date: string | null;
  place: string | null;
  actors: string[];
  eventType: string | null;
  credibility: number | null;
  status: ClaimStatus;
  tags: string[];
}

export interface ReferenceCase {
  seed: number;
  scale: number;
  sources: GeneratedSource[];
  claims: GeneratedClaim[];
}

/** What one sentence asserts: what an analyst would make a claim of. */
interface Fact {
  statement: string;
  claimant: string;
  place: string;
  actors: string[];
  eventType: string;
  /** Offsets of the quotable words inside the sentence (reported speech); the whole sentence otherwise. */
  quote?: [number, number];
  day: number;
}

interface Sentence {
  text: string;
  fact?: Fact;
}

interface Story {
  place: string;
  other: string;
  group: string;
  opponent: string;
  outlet: string;
  /** Day of the events, as days since 1970-01-01 (UTC). */
  day: number;
}

const MS_PER_DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2023, 0, 4) / MS_PER_DAY;
const LAST_DAY = Date.UTC(2025, 11, 31) / MS_PER_DAY;

export const isoDay = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const dayPhrase = (day: number): string => {
  const date = new Date(day * MS_PER_DAY);
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
};

/** A sentence whose quotable part is the text between its curly quotes. */
function quoted(text: string, fact: Omit<Fact, 'quote'>): Sentence {
  const open = text.indexOf('“');
  let close = text.indexOf('”', open);
  // Reported speech ends with its own comma inside the quotes ("… this morning,” she said): not part of the claim.
  if (text[close - 1] === ',') close -= 1;
  return { text, fact: { ...fact, quote: [open + 1, close] } };
}

type Template = (random: Random, story: Story) => Sentence;

const FACT_TEMPLATES: readonly (readonly [Template, number])[] = [
  [
    (r, s) => {
      const day = s.day - between(r, 0, 2);
      const claimant = pick(r, CLAIMANTS);
      const verb = pick(r, ['took control of', 'entered', 'seized', 'surrounded']);
      return {
        text: `${s.group} fighters ${verb} ${s.place} on ${dayPhrase(day)}, ${claimant} said.`,
        fact: {
          statement: `${s.group} fighters ${verb} ${s.place}.`,
          claimant,
          place: s.place,
          actors: [s.group],
          eventType: 'Capture',
          day,
        },
      };
    },
    3,
  ],
  [
    (r, s) => {
      const n = between(r, 3, 140);
      const speaker = pick(r, SPEAKERS);
      return quoted(
        `“We counted ${n} bodies in the streets of ${s.place} this morning,” ${speaker} in ${s.place}, told ${s.outlet}.`,
        {
          statement: `At least ${n} people were killed in ${s.place}.`,
          claimant: speaker.split(',')[0]!,
          place: s.place,
          actors: [],
          eventType: 'Killing',
          day: s.day,
        },
      );
    },
    2,
  ],
  [
    (r, s) => {
      const day = s.day - between(r, 0, 1);
      const [killed, wounded] = [between(r, 2, 60), between(r, 5, 200)];
      const claimant = pick(r, CLAIMANTS);
      const area = pick(r, NEIGHBOURHOODS);
      return {
        text: `At least ${killed} people were killed and ${wounded} wounded when shells hit ${area} in ${s.place} on ${dayPhrase(day)}, according to ${claimant}.`,
        fact: {
          statement: `Shelling killed at least ${killed} people in ${s.place}.`,
          claimant,
          place: s.place,
          actors: [s.group, s.opponent],
          eventType: 'Shelling',
          day,
        },
      };
    },
    3,
  ],
  [
    (r, s) => {
      const fled = between(r, 2, 400) * 500;
      return {
        text: `Humanitarian agencies estimated that ${fled.toLocaleString('en-US')} people had fled ${s.place} toward ${s.other} since ${dayPhrase(s.day)}, many of them on foot.`,
        fact: {
          statement: `About ${fled} people fled ${s.place} toward ${s.other}.`,
          claimant: 'humanitarian agencies',
          place: s.place,
          actors: [],
          eventType: 'Displacement',
          day: s.day,
        },
      };
    },
    2,
  ],
  [
    (r, s) =>
      quoted(
        `${s.group} denied responsibility, its spokesperson calling the reports from ${s.place} “${pick(r, PROPAGANDA)}” in a statement.`,
        {
          statement: `${s.group} denied responsibility for the violence in ${s.place}.`,
          claimant: `${s.group} spokesperson`,
          place: s.place,
          actors: [s.group],
          eventType: 'Statement',
          day: s.day + 1,
        },
      ),
    1,
  ],
  [
    (r, s) => {
      const claimant = pick(r, CLAIMANTS);
      const day = s.day - between(r, 0, 3);
      return {
        text: `Heavy fighting between ${s.group} and ${s.opponent} was reported near ${s.other} on ${dayPhrase(day)}, ${claimant} said, adding that gunfire could be heard through the night.`,
        fact: {
          statement: `${s.group} and ${s.opponent} clashed near ${s.other}.`,
          claimant,
          place: s.other,
          actors: [s.group, s.opponent],
          eventType: 'Clash',
          day,
        },
      };
    },
    3,
  ],
  [
    (r, s) => {
      const wounded = between(r, 4, 320);
      return {
        text: `The main hospital in ${s.place} admitted ${wounded} wounded people between ${dayPhrase(s.day)} and the following morning, its director said.`,
        fact: {
          statement: `${wounded} wounded people were admitted to the main hospital in ${s.place}.`,
          claimant: `director of the main hospital in ${s.place}`,
          place: s.place,
          actors: [],
          eventType: 'Killing',
          day: s.day,
        },
      };
    },
    2,
  ],
  [
    (r, s) => {
      const claimant = pick(r, CLAIMANTS);
      const trucks = between(r, 5, 90);
      return {
        text: `The road linking ${s.place} and ${s.other} was cut on ${dayPhrase(s.day)}, leaving ${trucks} trucks of food aid stranded, ${claimant} said.`,
        fact: {
          statement: `The road between ${s.place} and ${s.other} was cut, stranding ${trucks} aid trucks.`,
          claimant,
          place: s.place,
          actors: [],
          eventType: 'Access',
          day: s.day,
        },
      };
    },
    2,
  ],
  [
    (r, s) => {
      const times = between(r, 2, 30);
      return {
        text: `${s.opponent} officials said a ceasefire agreed in ${pick(r, ['Luanda', 'Nairobi', 'Doha', 'Kinshasa'])} had been violated ${times} times since ${dayPhrase(s.day - 7)}.`,
        fact: {
          statement: `The ceasefire was violated ${times} times, ${s.opponent} officials said.`,
          claimant: `${s.opponent} officials`,
          place: s.place,
          actors: [s.opponent, s.group],
          eventType: 'Ceasefire',
          day: s.day - 7,
        },
      };
    },
    1,
  ],
  [
    (r, s) => {
      const speaker = pick(r, SPEAKERS);
      const speech = pick(r, [
        `They came at night and took everything, even the goats`,
        `We have had no water or electricity for ${between(r, 2, 20)} days`,
        `The ${s.group} checkpoint on the ${s.other} road is asking for money from everyone`,
        `Our camp in ${s.place} now holds more families than it has tents for`,
      ]);
      return quoted(`“${speech},” said ${speaker}, who asked that the name of the village be withheld.`, {
        statement:
          speech.replace(
            /^They|^We|^Our/,
            (w) => ({ They: 'Armed men', We: 'Residents', Our: 'A' })[w] ?? w,
          ) + '.',
        claimant: speaker.split(',')[0]!,
        place: s.place,
        actors: speech.includes(s.group) ? [s.group] : [],
        eventType: 'Statement',
        day: s.day,
      });
    },
    2,
  ],
];

const BACKGROUND: readonly Template[] = [
  () => ({
    text: 'The eastern provinces of the Democratic Republic of Congo have seen repeated cycles of violence for three decades.',
  }),
  (r, s) => ({
    text: `${s.place} lies about ${between(r, 8, 180)} kilometres from ${s.other}, on the main road north.`,
  }),
  (_, s) => ({
    text: `Phone networks in parts of ${s.place} were intermittent, making it difficult to confirm casualty figures independently.`,
  }),
  (_, s) => ({ text: `${s.outlet} could not independently verify the accounts.` }),
  (_, s) => ({
    text: `Markets in ${s.place} remained closed and schools suspended classes for the rest of the week.`,
  }),
  (_, s) => ({
    text: `Diplomats in Kinshasa called on all parties, including ${s.group}, to respect international humanitarian law.`,
  }),
];

function sentenceOf(random: Random, story: Story): Sentence {
  if (random() < 0.2) return pick(random, BACKGROUND)(random, story);
  return weighted(random, FACT_TEMPLATES)(random, story);
}

/** An EDTF date for a fact's day: mostly a day, sometimes an interval, an approximate or uncertain date, or none. */
function eventDate(random: Random, day: number): string | null {
  const iso = isoDay(day);
  return weighted<string | null>(random, [
    [iso, 75],
    [`${isoDay(day - between(random, 1, 3))}/${iso}`, 8],
    [`${iso.slice(0, 7)}~`, 4],
    [iso.slice(0, 7), 3],
    [`${iso}?`, 5],
    [null, 5],
  ]);
}

/** Tags an analyst would apply from the codebook: the actors, place and event type when the codebook has them. */
function tagsFor(random: Random, fact: Fact): string[] {
  const candidates = [
    ...fact.actors.map((actor) => `Actors/${actor.split(' ')[0]}`),
    `Places/${PROVINCE.get(fact.place)}/${fact.place}`,
    `Event type/${fact.eventType}`,
  ].filter((path) => CODEBOOK_SET.has(path.toLowerCase()));
  const tags = candidates.filter(() => random() < 0.5);
  if (random() < 0.15)
    tags.push(pick(random, ['Topic/Casualties', 'Topic/Humanitarian access', 'Topic/Disinformation']));
  return [...new Set(tags)].slice(0, 3);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

const encoder = new TextEncoder();

/** One report: its file (front-matter Markdown or a plain-text header), its stored text, and its facts with offsets. */
function generateSource(
  random: Random,
  index: number,
  claimsWanted: number,
): { source: GeneratedSource; facts: (Fact & { start: number; end: number })[] } {
  const [place, other] = (() => {
    const first = pick(random, PLACE_NAMES);
    let second = pick(random, PLACE_NAMES);
    while (second === first) second = pick(random, PLACE_NAMES);
    return [first, second];
  })();
  const day = between(random, FIRST_DAY + 7, LAST_DAY - 2);
  const story: Story = {
    place,
    other,
    group: pick(random, ARMED_GROUPS),
    opponent: pick(random, OPPONENTS),
    outlet: pick(random, OUTLETS),
    day,
  };
  const publishedDay = day + between(random, 0, 2);
  const targetWords = between(random, 300, 600);
  const paragraphs: string[] = [];
  const facts: (Fact & { start: number; end: number })[] = [];
  let offset = 0;
  let words = 0;
  const dateline = `${place.toUpperCase()}, ${new Date(publishedDay * MS_PER_DAY).getUTCDate()} ${MONTHS[new Date(publishedDay * MS_PER_DAY).getUTCMonth()]} ${new Date(publishedDay * MS_PER_DAY).getUTCFullYear()} — `;
  while (words < targetWords || facts.length < claimsWanted) {
    let paragraph = paragraphs.length === 0 ? dateline : '';
    const count = between(random, 2, 4);
    for (let i = 0; i < count && (words < targetWords || facts.length < claimsWanted); i += 1) {
      if (paragraph !== '' && !paragraph.endsWith('— ')) paragraph += ' ';
      const sentence = sentenceOf(random, story);
      const at = offset + paragraph.length;
      if (sentence.fact) {
        const [from, to] = sentence.fact.quote ?? [0, sentence.text.length];
        // Sometimes only the first clause: analysts quote the words that carry the claim, not the attribution.
        const comma = sentence.fact.quote ? -1 : sentence.text.indexOf(', ');
        const end = comma > 20 && random() < 0.3 ? comma : to;
        facts.push({ ...sentence.fact, start: at + from, end: at + end });
      }
      paragraph += sentence.text;
      words += sentence.text.split(' ').length;
    }
    paragraphs.push(paragraph);
    offset += paragraph.length + 2;
  }
  const text = paragraphs.join('\n\n');
  const title = pick(random, [
    `${story.group} fighters advance on ${place} as thousands flee toward ${other}`,
    `Shelling kills civilians in ${place}, hospital overwhelmed`,
    `Fighting between ${story.group} and ${story.opponent} spreads near ${other}`,
    `Aid convoys stranded on the ${place}–${other} road`,
    `Residents of ${place} describe days of gunfire`,
  ]);
  const outlet = story.outlet;
  const author = random() < 0.8 ? pick(random, AUTHORS) : null;
  const publishedAt = isoDay(publishedDay);
  const url = `https://${slug(outlet)}.example/${publishedAt.slice(0, 7).replace('-', '/')}/${slug(title)}-${index}`;
  const markdown = random() < 0.6;
  let file: string;
  if (markdown) {
    const lines = ['---', `title: ${title}`, `date: ${publishedAt}`, `source: ${outlet}`];
    if (author) lines.push(`author: ${author}`);
    lines.push(`url: ${url}`, 'language: en', '---', '', text, '');
    file = lines.join('\n');
  } else {
    const lines = [`title: ${title}`, `date: ${publishedAt}`, `source: ${outlet}`];
    if (author) lines.push(`author: ${author}`);
    lines.push(`url: ${url}`, 'language: en', '', text, '');
    file = lines.join('\n');
    // A tenth of the plain-text files come from Windows: the importer must store the same LF text.
    if (random() < 0.1) file = file.replace(/\n/g, '\r\n');
  }
  const source: GeneratedSource = {
    fileName: `${String(index).padStart(5, '0')}-${slug(title)}.${markdown ? 'md' : 'txt'}`,
    bytes: encoder.encode(file),
    text,
    format: markdown ? 'md' : 'txt',
    mediaType: markdown ? 'text/markdown' : 'text/plain',
    title,
    outlet,
    author,
    url,
    publishedAt,
    language: 'en',
  };
  return { source, facts };
}

function shuffle<T>(random: Random, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

export const sourcesAtScale = (scale: number): number => Math.max(1, Math.round(REFERENCE_SOURCES * scale));

/** The reference case at a scale (1 = 10,000 sources and 100,000 claims); the same seed gives the same case. */
export function generateCase(
  options: { scale?: number; seed?: number; claimsPerSource?: number } = {},
): ReferenceCase {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? DEFAULT_SEED;
  const claimsPerSource = options.claimsPerSource ?? CLAIMS_PER_SOURCE;
  const random = mulberry32(seed);
  const sources: GeneratedSource[] = [];
  const claims: GeneratedClaim[] = [];
  const count = sourcesAtScale(scale);
  for (let index = 0; index < count; index += 1) {
    const { source, facts } = generateSource(random, index, claimsPerSource);
    sources.push(source);
    for (const fact of shuffle(random, facts).slice(0, claimsPerSource)) {
      claims.push({
        source: index,
        start: fact.start,
        end: fact.end,
        quote: source.text.slice(fact.start, fact.end),
        prefix: source.text.slice(Math.max(0, fact.start - CONTEXT_LENGTH), fact.start),
        suffix: source.text.slice(fact.end, fact.end + CONTEXT_LENGTH),
        statement: fact.statement,
        claimant: fact.claimant,
        date: eventDate(random, fact.day),
        place: fact.place,
        actors: fact.actors,
        eventType: fact.eventType.toLowerCase(),
        credibility: random() < 0.3 ? null : between(random, 1, 6),
        status: weighted<ClaimStatus>(random, [
          ['draft', 60],
          ['verified', 25],
          ['disputed', 10],
          ['rejected', 5],
        ]),
        tags: tagsFor(random, fact),
      });
    }
  }
  return { seed, scale, sources, claims };
}
