// People, organizations, places and armed groups named in a text: the case's own codebook first, then
// compromise's guesses, with acronyms joined to their expansions ("Democratic Republic of Congo (DRC)").
import nlp from 'compromise';

export type EntityKind = 'person' | 'organization' | 'place' | 'actor' | 'armed-group';

export interface CodebookEntry {
  tagId: string;
  /** The tag's full path, for tagging an accepted claim. */
  path: string;
  /** The tag's own name: the words looked for in the text. */
  name: string;
  kind: 'place' | 'actor' | 'organization';
}

export interface Entity {
  name: string;
  kind: EntityKind;
  /** Other names of the same entity in this text (an acronym). */
  aliases: string[];
  /** The codebook tag it was found by. */
  tagId: string | null;
  tagPath: string | null;
  /** Every mention: offsets into the text. */
  mentions: { start: number; end: number }[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word matches: no letter or digit on either side (\b fails on names that end in "."). */
function wholeWord(name: string, flags: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`, `gu${flags}`);
}

const CONNECTORS = new Set(['of', 'the', 'and', 'for', 'de', 'du', 'des', 'la', 'le']);
const ARMED = /\b(Front|Forces|Movement|Brigades?|Guard|Militia|Rebels|Army|Alliance|M\d+)$/;

/** "Democratic Republic of Congo (DRC)": the capitalized words before an acronym in brackets. */
function acronyms(text: string): { expansion: string; acronym: string; start: number; end: number }[] {
  const found: { expansion: string; acronym: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(/\(([\p{Lu}][\p{Lu}\d-]{1,9})\)/gu)) {
    const acronym = match[1]!;
    const words = text
      .slice(Math.max(0, match.index - 120), match.index)
      .trimEnd()
      .split(/\s+/);
    const run: string[] = [];
    for (let i = words.length - 1; i >= 0; i -= 1) {
      const word = words[i]!;
      if (/^\p{Lu}/u.test(word) || (CONNECTORS.has(word) && run.length > 0)) run.unshift(word);
      else break;
    }
    while (run.length > 0 && CONNECTORS.has(run[0]!)) run.shift();
    // Start where the acronym's first letter does: "the army of the Democratic Republic of Congo (DRC)".
    while (run.length > 1 && run[0]![0]!.toUpperCase() !== acronym[0]) run.shift();
    if (run.length < 2 || /[,.;:]$/.test(run.at(-1)!)) continue;
    const expansion = run.join(' ');
    const end = text.lastIndexOf(expansion, match.index) + expansion.length;
    found.push({ expansion, acronym, start: end - expansion.length, end });
  }
  return found;
}

/** Capitalized runs that name an armed group by their last word ("Ruzizi Front", "Red Ridge Brigades"). */
function armedGroups(text: string): { name: string; start: number; end: number }[] {
  const found: { name: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(
    /(?:\p{Lu}[\p{L}'’-]*\s+)+(?:Front|Forces|Movement|Brigades?|Guard|Militia)\b|\bM\d{2}\b/gu,
  )) {
    let name = match[0];
    let start = match.index;
    // Sentence-initial "The" and "Fighters" are not part of the name.
    const lead = /^(?:(?:The|A|An|Fighters|Rebels|Members|Of)\s+)+/.exec(name);
    if (lead) {
      name = name.slice(lead[0].length);
      start += lead[0].length;
    }
    if (name.split(/\s+/).length < 2 && !/^M\d{2}$/.test(name)) continue;
    found.push({ name, start, end: start + name.length });
  }
  return found;
}

/** The entities of one text, every mention with offsets into it. */
export function findEntities(text: string, codebook: readonly CodebookEntry[] = []): Entity[] {
  const byName = new Map<string, Entity>();
  const taken: { start: number; end: number }[] = [];
  const overlaps = (start: number, end: number) => taken.some((t) => start < t.end && t.start < end);
  const add = (name: string, kind: EntityKind, start: number, end: number, tag?: CodebookEntry) => {
    if (overlaps(start, end)) return;
    const key = name.toLowerCase();
    let entity = byName.get(key);
    if (!entity) {
      entity = {
        name,
        kind,
        aliases: [],
        tagId: tag?.tagId ?? null,
        tagPath: tag?.path ?? null,
        mentions: [],
      };
      byName.set(key, entity);
    }
    entity.mentions.push({ start, end });
    taken.push({ start, end });
  };
  // The codebook first: once "Goma" is a place tag, every mention of it is found.
  const entries = [...codebook].sort((a, b) => b.name.length - a.name.length);
  for (const entry of entries) {
    // Proper names are matched as written; a lower-case tag name ("rebels") in any case.
    const flags = /\p{Lu}/u.test(entry.name) ? '' : 'i';
    for (const match of text.matchAll(wholeWord(entry.name, flags))) {
      add(entry.name, entry.kind, match.index, match.index + match[0].length, entry);
    }
  }
  // Acronyms and expansions: one entity, named by its expansion, the acronym an alias.
  for (const { expansion, acronym, start, end } of acronyms(text)) {
    const known = byName.get(expansion.toLowerCase()) ?? byName.get(acronym.toLowerCase());
    const kind: EntityKind =
      known?.kind ??
      (/\b(?:Republic|Kingdom|States|Emirates|Province|Region)\b/.test(expansion) ? 'place' : undefined) ??
      (ARMED.test(expansion) || /^M\d+$/.test(acronym) ? 'armed-group' : 'organization');
    add(expansion, kind, start, end);
    const entity = known ?? byName.get(expansion.toLowerCase())!;
    if (entity.name !== acronym && !entity.aliases.includes(acronym)) entity.aliases.push(acronym);
    for (const match of text.matchAll(wholeWord(acronym, ''))) {
      if (overlaps(match.index, match.index + acronym.length)) continue;
      entity.mentions.push({ start: match.index, end: match.index + acronym.length });
      taken.push({ start: match.index, end: match.index + acronym.length });
    }
  }
  for (const group of armedGroups(text)) add(group.name, 'armed-group', group.start, group.end);
  // compromise second: its guesses fill in names the codebook does not have yet.
  const doc = nlp(text);
  type Offsets = { offset: { start: number; length: number } }[];
  const guesses: [EntityKind, Offsets][] = [
    ['person', doc.people().json({ offset: true }) as Offsets],
    ['organization', doc.organizations().json({ offset: true }) as Offsets],
    ['place', doc.places().json({ offset: true }) as Offsets],
  ];
  for (const [kind, items] of guesses) {
    for (const item of items) {
      let { start } = item.offset;
      let end = start + item.offset.length;
      while (end > start && /[\s.,;:!?"“”'’)]/.test(text[end - 1]!)) {
        if (text[end - 1] === '.' && /(?:^|[^\p{L}])(?:\p{Lu}\.)*\p{Lu}$/u.test(text.slice(start, end - 1)))
          break;
        end -= 1;
      }
      while (start < end && /[\s"“'‘(]/.test(text[start]!)) start += 1;
      const name = text.slice(start, end).replace(/^the\s+/i, '');
      if (name.length < 2 || !/^\p{Lu}/u.test(name)) continue;
      add(name, kind, end - name.length, end);
    }
  }
  for (const entity of byName.values()) entity.mentions.sort((a, b) => a.start - b.start);
  return [...byName.values()].sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
}
