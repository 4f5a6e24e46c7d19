// The plain-text importer: decoded text, with the metadata header that scraped corpora run into the text lifted out.
//
// Scraped news often begins "date 2025-02-22 title: ... source: Reuters The rebels said ...": fields run into the
// first sentence with no delimiter. Taking a body word as metadata would delete it from the source (and from every
// quote a claim could make), so a field is only taken when its value is plausible and its end is certain;
// otherwise the header ends there and the rest stays in the text.
import { badInput } from '../errors.ts';
import { matchDateAt } from './dates.ts';
import { decodeSourceText, displayName, looksLikeText } from './normalize.ts';
import {
  fallbackTitle,
  isNameLike,
  matchDateline,
  MAX_NAMED_TITLE_LENGTH,
  titleFromFileName,
} from './title.ts';
import type { IngestedSource, SourceMetadata, SyncImporter } from './types.ts';

type HeaderKey = 'date' | 'title' | 'source' | 'url' | 'author' | 'language';

interface HeaderField {
  key: HeaderKey;
  value: string;
  /** Unmistakably metadata on its own: a key with a colon, a date after `date`, a URL after `url`. */
  strong: boolean;
  /** Index in the text just after the value. */
  end: number;
}

export interface TextHeader {
  date?: string;
  title?: string;
  source?: string;
  url?: string;
  author?: string;
  language?: string;
  /** Where the body starts: the text before it is the header. 0 when there is no header. */
  bodyStart: number;
}

const KEY_PATTERN = 'date|title|source|url|author|language|lang';
// A key at the current position: a colon after it, or at least a space, then the value on the same line.
const KEY_AT = new RegExp(`(${KEY_PATTERN})(?:[ \\t]*(:)[ \\t]*|[ \\t]+)`, 'iy');
// A key later on the line, after white space, that may end the value before it.
const KEY_AHEAD = new RegExp(`\\s(?:${KEY_PATTERN})(?=[ \\t]*:|[ \\t])`, 'gi');

/** Longest header title taken: a longer "title" line is an article run onto one line, not a headline. */
const MAX_HEADER_TITLE = MAX_NAMED_TITLE_LENGTH;
/** How far along a line a value's end is looked for; every value this long is refused anyway. */
const VALUE_WINDOW = MAX_HEADER_TITLE + 100;

// Capitalized words that start a sentence and never continue an outlet's or a person's name, so
// "source: Reuters The rebels said" splits before "The".
const SENTENCE_OPENERS = new Set(
  (
    'The A An In On At After Before According As During Since When While Following Despite Amid Over Under ' +
    'Some Many Several Two Three Four Five Ten Hundreds Thousands Dozens It He She They We There This Fighting'
  ).split(' '),
);

/** Reads the metadata header at the very start of a normalized text; bodyStart 0 when there is none. */
export function parseTextHeader(text: string): TextHeader {
  const fields: HeaderField[] = [];
  let position = skipSeparators(text, 0, false);
  let bodyStart = 0;
  for (;;) {
    const field = readField(text, position);
    if (field === undefined || fields.some((seen) => seen.key === field.key)) break;
    fields.push(field);
    bodyStart = skipSeparators(text, field.end, true);
    position = bodyStart;
  }
  // "Title IX" or "Source says" alone is a sentence, not a header: key-and-word fields count only beside
  // one that cannot be prose.
  if (!fields.some((field) => field.strong)) return { bodyStart: 0 };
  const header: TextHeader = { bodyStart };
  for (const field of fields) header[field.key] = field.value;
  return header;
}

export const textImporter: SyncImporter = {
  format: 'txt',
  mediaType: 'text/plain',
  sniff(_fileName: string, bytes: Uint8Array): boolean {
    return looksLikeText(bytes);
  },
  extract(fileName: string, bytes: Uint8Array): IngestedSource {
    const text = decodeSourceText(fileName, bytes);
    const header = parseTextHeader(text);
    const body = text.slice(header.bodyStart).trim();
    if (body === '') {
      throw badInput(`"${displayName(fileName)}" contains only a metadata header and no text to import.`);
    }
    const metadata: SourceMetadata = {
      title: header.title ?? fallbackTitle(body) ?? titleFromFileName(fileName),
    };
    const outlet = header.source ?? matchDateline(body)?.outlet;
    if (outlet !== undefined) metadata.outlet = outlet;
    if (header.author !== undefined) metadata.author = header.author;
    if (header.url !== undefined) metadata.url = header.url;
    if (header.date !== undefined) metadata.publishedAt = header.date;
    if (header.language !== undefined) metadata.language = header.language;
    return { text: body, format: 'txt', mediaType: 'text/plain', metadata };
  },
};

/** White space between fields, and after a field one separator ("|", ";", ",") such as "date: ... | source: ...". */
function skipSeparators(text: string, from: number, afterField: boolean): number {
  const separators = afterField ? /[ \t]*[|;,]?\s*/y : /\s*/y;
  separators.lastIndex = from;
  separators.exec(text);
  return separators.lastIndex;
}

function readField(text: string, position: number): HeaderField | undefined {
  KEY_AT.lastIndex = position;
  const keyMatch = KEY_AT.exec(text);
  if (!keyMatch) return undefined;
  const key = canonicalKey(keyMatch[1] ?? '');
  const hasColon = keyMatch[2] !== undefined;
  const valueStart = position + keyMatch[0].length;
  const newline = text.indexOf('\n', valueStart);
  const lineEnd = newline === -1 ? text.length : newline;
  const line = text.slice(valueStart, Math.min(lineEnd, valueStart + VALUE_WINDOW));
  const lineComplete = valueStart + line.length === lineEnd;
  switch (key) {
    case 'date': {
      // "Date palms ..." is prose: `date` is metadata only when a real date follows it.
      const date = matchDateAt(line);
      return date && { key, value: date.value, strong: true, end: valueStart + date.length };
    }
    case 'url': {
      // The token may be wrapped in <...> and followed by a separator; both belong to the header.
      const token = /^<?(\S+?)>?[,;|]?(?=\s|$)/.exec(line);
      const url = token?.[1];
      if (token === null || url === undefined) return undefined;
      const isUrl = /^(?:https?:\/\/|www\.)\S+$/i.test(url);
      const isDomain = hasColon && /^[\w-]+(?:\.[\w-]+)+(?:\/\S*)?$/.test(url);
      return isUrl || isDomain
        ? { key, value: url, strong: true, end: valueStart + token[0].length }
        : undefined;
    }
    case 'language': {
      if (!hasColon && isCapitalized(keyMatch[1] ?? '')) return undefined;
      // A BCP 47 tag ("en", "fr-CD"), so "Language barriers ..." stays prose.
      const tag = /^([a-z]{2,3}(?:-[a-z\d]{2,8})*)(?=[\s,;|]|$)/i.exec(line)?.[1];
      return tag === undefined
        ? undefined
        : { key, value: tag, strong: hasColon, end: valueStart + tag.length };
    }
    case 'title':
    case 'source':
    case 'author': {
      // "Title IX ..." and "Source ..." are how sentences start; scrapers write keys as "title" or "TITLE".
      if (!hasColon && isCapitalized(keyMatch[1] ?? '')) return undefined;
      const ahead = nextKeyIndex(line);
      const valueLength = ahead ?? (lineComplete ? line.length : undefined);
      const value = valueLength === undefined ? undefined : unquote(line.slice(0, valueLength));
      if (key === 'title') {
        // A same-line title has no end of its own: take it only when the next key or the line's end closes it.
        if (value === undefined || value.length > MAX_HEADER_TITLE || !/[\p{L}\p{N}]/u.test(value)) {
          return undefined;
        }
        return {
          key,
          value: value.replace(/\s+/g, ' '),
          strong: hasColon,
          end: valueStart + (valueLength ?? 0),
        };
      }
      if (value !== undefined && isNameLike(value)) {
        return { key, value, strong: hasColon, end: valueStart + (valueLength ?? 0) };
      }
      const name = nameBeforeBody(line);
      return name && { key, value: name.value, strong: hasColon, end: valueStart + name.length };
    }
  }
}

/** "Title", as opposed to "title" or "TITLE". */
function isCapitalized(word: string): boolean {
  return word !== word.toLowerCase() && word !== word.toUpperCase();
}

function canonicalKey(key: string): HeaderKey {
  const lower = key.toLowerCase();
  return lower === 'lang' ? 'language' : (lower as HeaderKey);
}

/**
 * Where the next field starts on this line, when one certainly does: any key with a colon, or a key that
 * cannot be prose (`date` then a date, `url` then a URL). "title Water source contaminated" has no next field.
 */
function nextKeyIndex(line: string): number | undefined {
  for (const ahead of line.matchAll(KEY_AHEAD)) {
    const keyStart = ahead.index + 1;
    KEY_AT.lastIndex = keyStart;
    const keyMatch = KEY_AT.exec(line);
    if (!keyMatch) continue;
    const key = canonicalKey(keyMatch[1] ?? '');
    const rest = line.slice(keyStart + keyMatch[0].length);
    const certain =
      key === 'date'
        ? matchDateAt(rest) !== undefined
        : key === 'url'
          ? /^<?(?:https?:\/\/|www\.)\S/i.test(rest)
          : keyMatch[2] !== undefined && /^\S/.test(rest);
    if (certain) return ahead.index;
  }
  return undefined;
}

/**
 * An outlet or author run into the first sentence: "Reuters The rebels said ..." or "AFP GOMA, Velmora — ...".
 * The name ends at a dash standing alone, or before a word that starts a sentence, an opening quote, or a
 * dateline; if none of those shows where, nothing is taken.
 */
function nameBeforeBody(line: string): { value: string; length: number } | undefined {
  const words = [...line.matchAll(/\S+/g)];
  for (let i = 1; i < words.length && i <= 8; i += 1) {
    const word = words[i];
    if (word === undefined) break;
    // A dash standing alone separates the name from the text ("source: Meridian Wire — Fighting ..."); it is
    // part of neither.
    if (/^[—–|-]$/.test(word[0])) {
      const value = line.slice(0, word.index).trim();
      return isNameLike(value) ? { value, length: word.index + word[0].length } : undefined;
    }
    const startsBody =
      SENTENCE_OPENERS.has(word[0]) ||
      /^["“‘«]/.test(word[0]) ||
      matchDateline(line.slice(word.index)) !== undefined;
    if (!startsBody) continue;
    const value = line
      .slice(0, word.index)
      .trim()
      .replace(/[\s,;:|—–-]+$/u, '');
    return isNameLike(value) ? { value, length: word.index } : undefined;
  }
  return undefined;
}

const CLOSING_QUOTE: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '«': '»' };

/** A value without the quotes around it: '"Fighting near Goma"' but not '"Fighting" near "Goma"'. */
function unquote(value: string): string {
  // Fields on one line are often separated ("title: X | date: ..."): the separator is not part of the value.
  const trimmed = value
    .trim()
    .replace(/\s*[|;,·•]$/u, '')
    .trim();
  const close = CLOSING_QUOTE[trimmed[0] ?? ''];
  const inner = trimmed.slice(1, -1);
  return close !== undefined && trimmed.length >= 2 && trimmed.endsWith(close) && !inner.includes(close)
    ? inner.trim()
    : trimmed;
}
