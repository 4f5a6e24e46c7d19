// The Markdown importer: front matter becomes metadata; the Markdown itself is kept as written, never rendered.
import { badInput } from '../errors.ts';
import { parseDate } from './dates.ts';
import { decodeSourceText, displayName, looksLikeText } from './normalize.ts';
import {
  fallbackTitle,
  MAX_NAMED_TITLE_LENGTH,
  MAX_SCANNED_LINE,
  shortenTitle,
  titleFromFileName,
} from './title.ts';
import type { IngestedSource, SourceMetadata, SyncImporter } from './types.ts';

const MARKDOWN_NAME = /\.(?:md|markdown)$/i;

/** Front matter is a few lines of metadata; a block larger than this is not front matter. */
const MAX_FRONT_MATTER_LENGTH = 64 * 1024;
const TITLE_SEARCH_LENGTH = 64 * 1024;

export interface FrontMatter {
  /** Keys lower-cased with '_' and '-' removed ("published_at" -> "publishedat"); values as plain strings. */
  fields: Map<string, string>;
  /** Characters the block takes, closing delimiter line included. */
  length: number;
}

// Front-matter keys that name each metadata field, in the spellings static-site generators and scrapers use.
const FIELD_KEYS: Record<Exclude<keyof SourceMetadata, 'title'>, readonly string[]> = {
  publishedAt: ['date', 'published', 'publishedat', 'pubdate', 'publicationdate', 'datepublished'],
  outlet: ['source', 'outlet', 'publisher', 'publication', 'sitename'],
  author: ['author', 'authors', 'byline', 'creator'],
  url: ['url', 'link', 'canonicalurl', 'sourceurl', 'canonical'],
  language: ['language', 'lang', 'locale'],
};

export const markdownImporter: SyncImporter = {
  format: 'md',
  mediaType: 'text/markdown',
  sniff(fileName: string, bytes: Uint8Array): boolean {
    // Markdown is plain text by content; only the name says the author meant Markdown.
    return MARKDOWN_NAME.test(fileName) && looksLikeText(bytes);
  },
  extract(fileName: string, bytes: Uint8Array): IngestedSource {
    const text = decodeSourceText(fileName, bytes);
    const frontMatter = parseFrontMatter(text);
    // Leading blank lines go, but not the first line's indentation: in Markdown that can make a code block.
    const rest = text.slice(frontMatter?.length ?? 0);
    const firstVisible = rest.search(/\S/);
    const body = firstVisible === -1 ? '' : rest.slice(rest.lastIndexOf('\n', firstVisible) + 1).trimEnd();
    if (body === '') {
      throw badInput(`"${displayName(fileName)}" contains only front matter and no text to import.`);
    }
    const fields = frontMatter?.fields ?? new Map<string, string>();
    const namedTitle = nonEmpty(fields.get('title'));
    // A document's title is near its top: looking further would cost time on a large file and find a section.
    const head = body.slice(0, TITLE_SEARCH_LENGTH);
    const metadata: SourceMetadata = {
      title:
        (namedTitle && shortenTitle(namedTitle, MAX_NAMED_TITLE_LENGTH)) ??
        firstHeading(head) ??
        firstLineTitle(head) ??
        titleFromFileName(fileName),
    };
    const publishedAt = firstOf(fields, FIELD_KEYS.publishedAt);
    const date = publishedAt === undefined ? undefined : parseDate(publishedAt);
    if (date !== undefined) metadata.publishedAt = date;
    for (const field of ['outlet', 'author', 'url', 'language'] as const) {
      const value = firstOf(fields, FIELD_KEYS[field]);
      if (value !== undefined) metadata[field] = value;
    }
    return { text: body, format: 'md', mediaType: 'text/markdown', metadata };
  },
};

/**
 * YAML front matter as Jekyll, Hugo and Pandoc write it: "---" on the first line, `key: value` lines, then
 * "---" (or "..."). Only the flat subset metadata needs is read (scalars, quoted strings, lists); a block with
 * any other line is not front matter, because "---" is also a Markdown thematic break.
 */
export function parseFrontMatter(text: string): FrontMatter | undefined {
  const block = text.slice(0, MAX_FRONT_MATTER_LENGTH);
  const opening = /^---[ \t]*\n/.exec(block);
  if (!opening) return undefined;
  const fields = new Map<string, string>();
  let currentKey: string | undefined;
  let listItems: string[] = [];
  const finishList = (): void => {
    if (currentKey !== undefined && listItems.length > 0 && !fields.has(currentKey)) {
      fields.set(currentKey, listItems.join(', '));
    }
    listItems = [];
  };
  let offset = opening[0].length;
  while (offset < block.length) {
    const newline = block.indexOf('\n', offset);
    const lineEnd = newline === -1 ? block.length : newline;
    const line = block.slice(offset, lineEnd);
    offset = newline === -1 ? block.length : newline + 1;
    if (/^(?:---|\.\.\.)[ \t]*$/.test(line)) {
      finishList();
      return fields.size > 0 ? { fields, length: offset } : undefined;
    }
    if (/^\s*(?:#.*)?$/.test(line)) continue;
    const item = /^[ \t]*-[ \t]+(.*)$/.exec(line);
    if (item && currentKey !== undefined) {
      listItems.push(scalar(item[1] ?? ''));
      continue;
    }
    // An indented line continues the previous value (a folded or literal block): not needed for metadata.
    if (/^[ \t]+\S/.test(line) && currentKey !== undefined) continue;
    const pair = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/.exec(line);
    if (!pair) return undefined;
    finishList();
    currentKey = (pair[1] ?? '').toLowerCase().replace(/[-_]/g, '');
    const value = scalar(pair[2] ?? '');
    if (value !== '' && !/^[|>][+-]?$/.test(value) && !fields.has(currentKey)) fields.set(currentKey, value);
  }
  return undefined;
}

/** A YAML scalar or flow list as a plain string: quotes and trailing comments removed. */
function scalar(raw: string): string {
  const value = raw.trim();
  if (value.startsWith('"') || value.startsWith("'")) return unquoteScalar(value);
  const uncommented = value.replace(/\s+#.*$/, '');
  const flowList = /^\[(.*)\]$/.exec(uncommented);
  if (flowList) {
    return (flowList[1] ?? '')
      .split(',')
      .map((item) => scalar(item))
      .filter((item) => item !== '')
      .join(', ');
  }
  return uncommented;
}

/**
 * The content of a quoted scalar: "..." with backslash escapes, '...' with '' for a quote. Read by hand, not by
 * a regex, whose backtracking on a long value would exhaust the stack.
 */
function unquoteScalar(value: string): string {
  const quote = value[0];
  let content = '';
  for (let i = 1; i < value.length; i += 1) {
    const char = value[i];
    if (quote === '"' && char === '\\' && i + 1 < value.length) {
      i += 1;
      content += value[i];
    } else if (char === quote && quote === "'" && value[i + 1] === "'") {
      i += 1;
      content += "'";
    } else if (char === quote) {
      return content;
    } else {
      content += char;
    }
  }
  return content;
}

function firstOf(fields: Map<string, string>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = nonEmpty(fields.get(key));
    if (value !== undefined) return value;
  }
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** Lines outside fenced code blocks, where a "# comment" in a shell snippet is not a heading. */
function proseLines(body: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of body.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && marker !== undefined) fence = marker;
    else if (
      fence !== undefined &&
      marker !== undefined &&
      marker[0] === fence[0] &&
      marker.length >= fence.length
    ) {
      fence = undefined;
    } else if (fence === undefined) lines.push(line);
  }
  return lines;
}

/** The first level-1 heading, ATX ("# Title") or setext ("Title" over "====="), as plain text. */
function firstHeading(body: string): string | undefined {
  const lines = proseLines(body);
  for (const [index, line] of lines.entries()) {
    const atx = /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/.exec(line)?.[1];
    const next = lines[index + 1];
    const setext =
      next !== undefined && /^ {0,3}=+[ \t]*$/.test(next) && line.trim() !== '' ? line : undefined;
    const heading = atx ?? setext;
    if (heading !== undefined) {
      const title = shortenTitle(plainInline(heading.slice(0, MAX_SCANNED_LINE)), MAX_NAMED_TITLE_LENGTH);
      if (title !== '') return title;
    }
  }
  return undefined;
}

/** Without a heading: the first sentence of the first line of prose, Markdown markers removed. */
function firstLineTitle(body: string): string | undefined {
  const line = proseLines(body).find((candidate) => /[\p{L}\p{N}]/u.test(candidate));
  if (line === undefined) return undefined;
  const withoutMarkers = line.replace(/^ {0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)*/, '');
  return fallbackTitle(plainInline(withoutMarkers.slice(0, MAX_SCANNED_LINE)));
}

/** Inline Markdown as the reader sees it: link and image text, no emphasis or code markers, no HTML tags. */
function plainInline(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>\n]+>/g, '')
    .replace(/`+([^`]+)`+/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\p{L}\p{N}])[*_](\S(?:.*?\S)?)[*_](?=[^\p{L}\p{N}]|$)/gu, '$1$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
