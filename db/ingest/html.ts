// The HTML importer: a saved web page becomes its article's text (Readability) and the metadata its head declares.
//
// The page is hostile input. It is parsed by the DOMParser of a jsdom window made without `runScripts` and
// without `resources`: no script or event handler runs, and nothing (image, stylesheet, frame) is loaded from
// anywhere. The HTML itself is only ever kept as the original bytes, never rendered.
import { Readability } from '@mozilla/readability';
import type { DomDocument, DomElement, DomNode, DomParser } from 'jsdom';
import { badInput } from '../errors.ts';
import { parseDate } from './dates.ts';
import { decodeUtf8, displayName, looksLikeText, normalizeText, notTextError } from './normalize.ts';
import { fallbackTitle, MAX_NAMED_TITLE_LENGTH, shortenTitle, titleFromFileName } from './title.ts';
import type { Importer, IngestedSource, SourceMetadata } from './types.ts';

/** How far into the file the sniffer and the charset scan look: the HTML standard's prescan reads 1024 bytes. */
const PRESCAN_BYTES = 1024;

// An HTML document's first tag, after a BOM, white space, comments and an XML declaration.
const HTML_START =
  /^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|article|meta|title)[\s>/]/i;

/** Longest outlet or author taken from a page: what the metadata form accepts. */
const MAX_NAME_LENGTH = 300;

export const htmlImporter: Importer = {
  format: 'html',
  mediaType: 'text/html',
  sniff(_fileName: string, bytes: Uint8Array): boolean {
    if (!mayStartWithTag(bytes) || !looksLikeText(bytes)) return false;
    return HTML_START.test(prescan(bytes));
  },
  extract(fileName: string, bytes: Uint8Array): Promise<IngestedSource> {
    return extractHtml(fileName, decodeHtml(fileName, bytes));
  },
};

let parser: Promise<DomParser> | undefined;

/**
 * One jsdom window for the session, whose DOMParser reads every page: a window takes far longer to make than a
 * page to parse. Documents from DOMParser never run scripts (HTML: "scripting is disabled" for them), and the
 * window loads nothing. jsdom itself takes a second to load: it is loaded on the first page, not at startup.
 */
function htmlParser(): Promise<DomParser> {
  parser ??= import('jsdom').then(({ JSDOM, VirtualConsole }) => {
    // A virtual console that forwards nothing: a page's broken CSS is not the analyst's problem.
    const window = new JSDOM('', { virtualConsole: new VirtualConsole() }).window;
    return new window.DOMParser();
  });
  // A failed load is tried again with the next page rather than remembered.
  parser.catch(() => (parser = undefined));
  return parser;
}

/**
 * The article of an HTML document already decoded (the e-mail importer hands its text/html part here).
 * Refuses a page with no readable text.
 */
export async function extractHtml(fileName: string, html: string): Promise<IngestedSource> {
  const document = (await htmlParser()).parseFromString(html, 'text/html');
  const metadata = pageMetadata(document);
  // Readability edits the document it reads, so it gets a copy; the serializer hands back the element itself
  // so its text is walked here rather than serialized and parsed again.
  const copy = document.cloneNode(true);
  const article = new Readability<DomNode>(copy as unknown as ConstructorParameters<typeof Readability>[0], {
    serializer: (node: unknown) => node as DomNode,
  }).parse();
  let text = article?.content ? blockText(article.content) : '';
  if (text === '' && document.body) text = blockText(document.body);
  text = normalizeText(text);
  if (text === '') {
    throw badInput(
      `"${displayName(fileName)}" has no readable text: the page holds only markup, scripts or images.`,
    );
  }
  const title = metadata.title ?? nonEmpty(article?.title) ?? nonEmpty(document.title) ?? fallbackTitle(text);
  const result: SourceMetadata = {
    title: title === undefined ? titleFromFileName(fileName) : shortenTitle(title, MAX_NAMED_TITLE_LENGTH),
  };
  const outlet = metadata.outlet ?? nonEmpty(article?.siteName);
  if (outlet !== undefined) result.outlet = shortenTitle(outlet, MAX_NAME_LENGTH);
  const author = metadata.author ?? byline(article?.byline);
  if (author !== undefined) result.author = shortenTitle(author, MAX_NAME_LENGTH);
  const publishedAt = metadata.publishedAt ?? dateOf(article?.publishedTime);
  if (publishedAt !== undefined) result.publishedAt = publishedAt;
  if (metadata.url !== undefined) result.url = metadata.url;
  if (metadata.language !== undefined) result.language = metadata.language;
  return { text, format: 'html', mediaType: 'text/html', metadata: result };
}

/** The start of the file as Latin-1: enough to find tags and a meta charset whatever the encoding. */
/** Reused: making a decoder costs more than decoding the 1024 bytes of a prescan. */
const LATIN1 = new TextDecoder('latin1');

/**
 * HTML_START's quick refusal, on the bytes: after a UTF-8 BOM and white space, a document's first character is
 * '<' (a tag, a comment or an XML declaration). White space is what \s matches in a one-byte-per-character
 * decode: tab to carriage return, space, and 0xA0 (no-break space). UTF-16 files are left to the full test.
 */
function mayStartWithTag(bytes: Uint8Array): boolean {
  if (utf16Of(bytes)) return true;
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const end = Math.min(bytes.length, i + PRESCAN_BYTES);
  for (; i < end; i++) {
    const byte = bytes[i]!;
    if (byte === 0x3c) return true;
    if (!((byte >= 0x09 && byte <= 0x0d) || byte === 0x20 || byte === 0xa0)) return false;
  }
  return false;
}

function prescan(bytes: Uint8Array): string {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const utf16 = utf16Of(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes.subarray(2, 2 + PRESCAN_BYTES * 2));
  return LATIN1.decode(bytes.subarray(start, start + PRESCAN_BYTES));
}

function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Bytes to a string as a browser would choose the encoding: the BOM first, then a <meta charset> (or
 * http-equiv Content-Type) in the first 1024 bytes, then UTF-8 with the windows-1252 fallback every importer uses.
 */
export function decodeHtml(fileName: string, bytes: Uint8Array): string {
  const utf16 = utf16Of(bytes);
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(bytes);
    } catch {
      throw notTextError(fileName);
    }
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes, fileName);
  const declared = declaredCharset(prescan(bytes));
  // A meta saying UTF-16 in a file without a UTF-16 BOM is wrong by construction (HTML: "changes it to UTF-8").
  if (declared === undefined || /^(?:utf-?8|utf-?16.*|unicode.*)$/i.test(declared)) {
    return decodeUtf8(bytes, fileName);
  }
  try {
    return new TextDecoder(declared).decode(bytes);
  } catch {
    // A label the Encoding Standard does not know: read it as a browser would without one.
    return decodeUtf8(bytes, fileName);
  }
}

function declaredCharset(head: string): string | undefined {
  const meta = /<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return meta?.[1];
}

interface PageMetadata {
  title?: string;
  outlet?: string;
  author?: string;
  publishedAt?: string;
  url?: string;
  language?: string;
}

/** What the page's head says about it: Open Graph, article:*, JSON-LD, <time>, canonical link, <html lang>. */
function pageMetadata(document: DomDocument): PageMetadata {
  const meta = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      for (const element of document.querySelectorAll('meta')) {
        const name = element.getAttribute('property') ?? element.getAttribute('name') ?? '';
        if (name.toLowerCase() === key) {
          const content = nonEmpty(element.getAttribute('content'));
          if (content !== undefined) return content;
        }
      }
    }
    return undefined;
  };
  const article = jsonLdArticle(document);
  const metadata: PageMetadata = {};
  const title = meta('og:title', 'twitter:title') ?? text(article?.headline);
  if (title !== undefined) metadata.title = title;
  const outlet = meta('og:site_name', 'application-name') ?? nameOf(article?.publisher);
  if (outlet !== undefined) metadata.outlet = outlet;
  const author =
    meta('author', 'byl', 'dc.creator', 'citation_author') ??
    nameOf(article?.author) ??
    notUrl(meta('article:author'));
  if (author !== undefined) metadata.author = byline(author);
  const published =
    dateOf(meta('article:published_time')) ??
    dateOf(text(article?.datePublished)) ??
    dateOf(
      meta('date', 'pubdate', 'publishdate', 'dc.date.issued', 'dc.date', 'citation_publication_date'),
    ) ??
    dateOf(document.querySelector('time[datetime]')?.getAttribute('datetime'));
  if (published !== undefined) metadata.publishedAt = published;
  const url =
    webUrl(document.querySelector('link[rel~="canonical" i]')?.getAttribute('href')) ??
    webUrl(meta('og:url')) ??
    webUrl(text(article?.url));
  if (url !== undefined) metadata.url = url;
  const language =
    languageTag(document.documentElement.getAttribute('lang')) ?? languageTag(meta('og:locale'));
  if (language !== undefined) metadata.language = language;
  return metadata;
}

type Json = Record<string, unknown>;

/**
 * The article a page describes in JSON-LD (schema.org NewsArticle and kin), looked for in every
 * <script type="application/ld+json">, through arrays and "@graph". Scripts are read as data, never run.
 */
function jsonLdArticle(document: DomDocument): Json | undefined {
  const found: Json[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 6 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const object = value as Json;
    found.push(object);
    if ('@graph' in object) visit(object['@graph'], depth + 1);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json" i]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''), 0);
    } catch {
      // A page's broken JSON-LD is skipped: the other sources of metadata remain.
    }
  }
  const types = (object: Json): string[] => [object['@type']].flat().map((type) => String(type));
  return (
    found.find((object) => types(object).some((type) => /Article|Report|BlogPosting/i.test(type))) ??
    found.find((object) => 'datePublished' in object)
  );
}

/** A schema.org Person or Organization (or a list of them, or a plain string) as a name. */
function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return notUrl(nonEmpty(value));
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((name): name is string => name !== undefined);
    return names.length ? names.join(', ') : undefined;
  }
  if (value !== null && typeof value === 'object') return text((value as Json).name);
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? nonEmpty(value) : undefined;
}

function nonEmpty(value: string | null | undefined): string | undefined {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function notUrl(value: string | undefined): string | undefined {
  return value === undefined || /^https?:\/\//i.test(value) ? undefined : value;
}

/** "By Ines Okello" -> "Ines Okello". */
function byline(value: string | null | undefined): string | undefined {
  return nonEmpty(value?.replace(/^\s*by\s+/i, ''));
}

function dateOf(value: string | null | undefined): string | undefined {
  const trimmed = nonEmpty(value);
  return trimmed === undefined ? undefined : parseDate(trimmed);
}

function webUrl(value: string | null | undefined): string | undefined {
  const trimmed = nonEmpty(value);
  if (trimmed === undefined) return undefined;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A BCP 47 tag as the metadata form accepts it; "en_US" (Open Graph's locale) becomes "en-US". */
function languageTag(value: string | null | undefined): string | undefined {
  const tag = nonEmpty(value)?.replace(/_/g, '-');
  return tag !== undefined && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) ? tag : undefined;
}

// Elements that start and end a paragraph of their own.
const BLOCKS = new Set(
  (
    'ADDRESS ARTICLE ASIDE BLOCKQUOTE CAPTION DD DETAILS DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 ' +
    'H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TD TH TR UL'
  ).split(' '),
);
// Elements whose content is not text a reader sees.
const SKIPPED = new Set(
  'SCRIPT STYLE NOSCRIPT TEMPLATE IFRAME OBJECT EMBED SVG CANVAS SELECT BUTTON'.split(' '),
);

/** An element's visible text as paragraphs separated by a blank line; <br> is a line break inside one. */
function blockText(root: DomNode): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const lines = current
      .split('\n')
      .map((line) => line.replace(/[ \t\r\f]+/g, ' ').trim())
      .filter((line) => line !== '');
    if (lines.length) paragraphs.push(lines.join('\n'));
    current = '';
  };
  const walk = (node: DomNode, preformatted: boolean): void => {
    if (node.nodeType === 3) {
      const data = node.nodeValue ?? '';
      current += preformatted ? data : data.replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== 1) return;
    const name = (node as DomElement).tagName.toUpperCase();
    if (SKIPPED.has(name)) return;
    if (name === 'BR') {
      current += '\n';
      return;
    }
    const block = BLOCKS.has(name);
    if (block) flush();
    for (const child of node.childNodes) walk(child, preformatted || name === 'PRE');
    if (block) flush();
  };
  walk(root, false);
  flush();
  return paragraphs.join('\n\n');
}
