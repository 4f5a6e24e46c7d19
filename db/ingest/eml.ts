// The e-mail importer (.eml, RFC 5322 + MIME): Subject, Date and From as metadata, the text/plain part as text.
//
// A message without a text/plain part goes through the HTML importer's article extraction. Attachments are not
// imported: they are files of their own, to be saved and imported as such.
import { badInput } from '../errors.ts';
import { matchDateAt } from './dates.ts';
import { extractHtml } from './html.ts';
import { decodeUtf8, displayName, looksLikeText, normalizeText, notTextError } from './normalize.ts';
import { fallbackTitle, MAX_NAMED_TITLE_LENGTH, shortenTitle, titleFromFileName } from './title.ts';
import type { Importer, IngestedSource, SourceMetadata } from './types.ts';

const SNIFF_CHARS = 16 * 1024;
/** Nested multiparts deeper than this are not mail clients' work. */
const MAX_DEPTH = 8;

// Header fields that only messages have: with From, one of these makes a header block a message's.
const MESSAGE_FIELDS = /^(?:date|subject|message-id|mime-version|received|to|return-path)$/i;

interface Part {
  headers: Map<string, string>;
  /** The body as a binary string: one char per byte, decoded only once its charset is known. */
  body: string;
}

/** Decodes a byte per character; reused, as making a decoder costs more than decoding a file's head. */
const LATIN1 = new TextDecoder('latin1');

/** Whether the bytes start as a header field does, /^[!-9;-~]+:/: a name of printable ASCII but ':', then ':'. */
function startsWithFieldName(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length && bytes[i]! >= 0x21 && bytes[i]! <= 0x7e && bytes[i] !== 0x3a) i++;
  return i > 0 && bytes[i] === 0x3a;
}

export const emlImporter: Importer = {
  format: 'eml',
  mediaType: 'message/rfc822',
  sniff(_fileName: string, bytes: Uint8Array): boolean {
    // Most files asked are not messages, and their first line already says so: the test below on its bytes
    // is the loop's first step, done before decoding 16 KiB and scanning the whole file.
    if (!startsWithFieldName(bytes)) return false;
    if (!looksLikeText(bytes) || bytes[0] === 0xff || bytes[0] === 0xfe) return false;
    const head = LATIN1.decode(bytes.subarray(0, SNIFF_CHARS));
    // The header block, line by line up to the first blank line (CR, LF and CRLF each end a line); no blank
    // line in the head means no message. Read in place: normalizing all 16 KiB first cost more than the test.
    const names: string[] = [];
    const lineAt = /([^\r\n]*)(?:\r\n?|\n)/y;
    for (;;) {
      const match = lineAt.exec(head);
      if (!match) return false;
      const line = match[1]!;
      if (line === '') break;
      if (/^[ \t]/.test(line) && names.length > 0) continue;
      const field = /^([!-9;-~]+):/.exec(line);
      if (!field) return false;
      names.push(field[1] ?? '');
    }
    return names.some((name) => /^from$/i.test(name)) && names.some((name) => MESSAGE_FIELDS.test(name));
  },
  async extract(fileName: string, bytes: Uint8Array): Promise<IngestedSource> {
    const message = parsePart(new TextDecoder('latin1').decode(bytes).replace(/\r\n?/g, '\n'));
    const plain = findPart(message, 'text/plain', 0);
    const html = plain === undefined ? findPart(message, 'text/html', 0) : undefined;
    let text: string;
    let fromHtml: IngestedSource | undefined;
    if (plain !== undefined) {
      text = normalizeText(decodeBody(fileName, plain)).trim();
    } else if (html !== undefined) {
      fromHtml = await extractHtml(fileName, decodeBody(fileName, html));
      text = fromHtml.text;
    } else {
      text = '';
    }
    if (text === '') {
      throw badInput(`"${displayName(fileName)}" is an e-mail without text to import (only attachments?).`);
    }
    const subject = headerText(message.headers.get('subject'));
    const title = subject ?? fromHtml?.metadata.title ?? fallbackTitle(text);
    const metadata: SourceMetadata = {
      title: title === undefined ? titleFromFileName(fileName) : shortenTitle(title, MAX_NAMED_TITLE_LENGTH),
    };
    const from = sender(headerText(message.headers.get('from')));
    if (from !== undefined) metadata.outlet = shortenTitle(from, 300);
    const date = mailDate(message.headers.get('date'));
    if (date !== undefined) metadata.publishedAt = date;
    if (fromHtml?.metadata.url !== undefined) metadata.url = fromHtml.metadata.url;
    const language = headerText(message.headers.get('content-language'))?.split(/[\s,]/)[0];
    if (language !== undefined && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) {
      metadata.language = language;
    }
    return { text, format: 'eml', mediaType: 'message/rfc822', metadata };
  },
};

function parsePart(raw: string): Part {
  const split = raw.indexOf('\n\n');
  const headerBlock = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 2);
  const headers = new Map<string, string>();
  // Folded lines (RFC 5322 §2.2.3) continue the field above them.
  for (const line of headerBlock.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function contentType(part: Part): { type: string; parameters: Map<string, string> } {
  const value = part.headers.get('content-type') ?? 'text/plain';
  const [type = '', ...rest] = value.split(';');
  const parameters = new Map<string, string>();
  for (const parameter of rest) {
    const match = /^\s*([\w*-]+)\s*=\s*(?:"([^"]*)"|(\S+))/.exec(parameter);
    if (match) parameters.set((match[1] ?? '').toLowerCase(), match[2] ?? match[3] ?? '');
  }
  return { type: type.trim().toLowerCase(), parameters };
}

/** The first part of `wanted` type that is not an attachment, depth first, as mail clients show it. */
function findPart(part: Part, wanted: string, depth: number): Part | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const { type, parameters } = contentType(part);
  if (type.startsWith('multipart/')) {
    const boundary = parameters.get('boundary');
    if (!boundary) return undefined;
    for (const child of splitMultipart(part.body, boundary)) {
      const found = findPart(parsePart(child), wanted, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const attachment = /^\s*attachment/i.test(part.headers.get('content-disposition') ?? '');
  return type === wanted && !attachment ? part : undefined;
}

function splitMultipart(body: string, boundary: string): string[] {
  const parts: string[] = [];
  const delimiter = `--${boundary}`;
  let current: string[] | undefined;
  for (const line of body.split('\n')) {
    if (line.startsWith(delimiter)) {
      if (current) parts.push(current.join('\n'));
      if (line.trimEnd() === `${delimiter}--`) return parts;
      current = [];
    } else current?.push(line);
  }
  if (current) parts.push(current.join('\n'));
  return parts;
}

/** A part's body as text: transfer encoding undone, then its charset decoded. */
function decodeBody(fileName: string, part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').trim().toLowerCase();
  const bytes =
    encoding === 'base64'
      ? new Uint8Array(Buffer.from(part.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'))
      : encoding === 'quoted-printable'
        ? binary(decodeQuotedPrintable(part.body))
        : binary(part.body);
  return decodeCharset(fileName, bytes, contentType(part).parameters.get('charset'));
}

function binary(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff);
}

/** RFC 2045 §6.7: "=XX" is a byte, "=" at the end of a line is a soft line break. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/=\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function decodeCharset(fileName: string, bytes: Uint8Array, charset: string | undefined): string {
  if (charset === undefined || /^(?:utf-?8|us-ascii)$/i.test(charset)) return decodeUtf8(bytes, fileName);
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    if (bytes.includes(0)) throw notTextError(fileName);
    return decodeUtf8(bytes, fileName);
  }
}

/** A header's value as text: RFC 2047 encoded words decoded, raw UTF-8 (RFC 6532) read as such. */
function headerText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(binary(value));
  } catch {
    text = value;
  }
  const decoded = text
    // White space between two encoded words is not part of the text (RFC 2047 §6.2).
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (whole, charset: string, kind: string, data: string) => {
      const bytes =
        kind.toUpperCase() === 'B'
          ? new Uint8Array(Buffer.from(data, 'base64'))
          : binary(decodeQuotedPrintable(data.replace(/_/g, ' ')));
      try {
        return new TextDecoder(charset.split('*')[0]).decode(bytes);
      } catch {
        return whole;
      }
    })
    .replace(/\s+/g, ' ')
    .trim();
  return decoded === '' ? undefined : decoded;
}

/** `"Meridian Wire" <desk@meridian.example>` -> "Meridian Wire"; a bare address stays the address. */
function sender(from: string | undefined): string | undefined {
  if (from === undefined) return undefined;
  const named = /^\s*"?([^"<]*?)"?\s*<([^>]+)>/.exec(from);
  const name = named?.[1]?.trim();
  if (name) return name;
  return named?.[2]?.trim() ?? from.replace(/\s*\(.*\)\s*$/, '').trim();
}

/**
 * An RFC 5322 date ("Sat, 22 Feb 2025 10:15:00 +0100") as a UTC instant. Without a zone the instant is unknown
 * (Date.parse would take the importing machine's), so only the day is kept.
 */
function mailDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value.replace(/\s*\([^)]*\)\s*$/, '').trim();
  if (!/(?:[+-]\d{4}|\b(?:GMT|UTC?|Z|[ECMP][SD]T))$/i.test(date)) {
    return matchDateAt(date.replace(/^[A-Za-z]{3},\s*/, ''))?.value;
  }
  const epoch = Date.parse(date);
  if (Number.isNaN(epoch)) return undefined;
  return new Date(epoch).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
