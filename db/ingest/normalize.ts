// Bytes to source text: strict decoding, the text-or-binary test, and the one normal form every source is stored in.
import { badInput, type AttestError } from '../errors.ts';

/**
 * The normal form of DESIGN.md ("Sources are immutable"): no BOM, LF line ends, Unicode NFC.
 * Claim offsets refer to this string, so it must not depend on the platform the file was written on.
 */
export function normalizeText(raw: string): string {
  const withoutBom = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return withoutBom.replace(/\r\n?/g, '\n').normalize('NFC');
}

/** One decoder for every file: a decode() without `stream` starts afresh, and making a decoder costs more than
 * decoding a short file. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes UTF-8 strictly. Bytes that are not UTF-8 are most often a legacy Windows export, so they are read as
 * windows-1252 (WHATWG's superset of Latin-1) when they look like text; anything else is refused rather than
 * silently filled with U+FFFD. The BOM, if any, is kept: normalizeText removes it.
 */
export function decodeUtf8(bytes: Uint8Array, fileName?: string): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    if (bytes.includes(0) || !looksLikeLegacyText(bytes)) throw notTextError(fileName);
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * The text of a file as stored: decoded, checked to be text, normalized, and not blank.
 * Every importer of a textual format starts here, so the refusals read the same for every format.
 */
export function decodeSourceText(fileName: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw emptyFileError(fileName);
  const utf16 = utf16Encoding(bytes);
  let decoded: string;
  if (utf16) {
    // Notepad's "Unicode" is UTF-16 with a BOM: its NUL bytes are text, not a sign of binary content.
    try {
      decoded = new TextDecoder(utf16, { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      throw notTextError(fileName);
    }
  } else {
    if (bytes.includes(0)) throw notTextError(fileName);
    decoded = decodeUtf8(bytes, fileName);
  }
  if (tooManyControls(countControls(decoded), decoded.length)) throw notTextError(fileName);
  const text = normalizeText(decoded);
  if (text.trim() === '') {
    throw badInput(`"${displayName(fileName)}" contains only white space, so there is no text to import.`);
  }
  return text;
}

/** Enough of a file to tell text from binary without reading 50 MiB twice; extract checks the whole file. */
const SNIFF_BYTES = 64 * 1024;

/** A quick content test for sniff(): no NUL (outside UTF-16) and few control characters in the first 64 KiB. */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  const utf16 = utf16Encoding(bytes);
  if (utf16) {
    const head = bytes.subarray(0, Math.min(bytes.length, SNIFF_BYTES) & ~1);
    const text = new TextDecoder(utf16).decode(head);
    return !tooManyControls(countControls(text), text.length);
  }
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return false;
  let controls = 0;
  // An indexed loop over a table: every importer's sniff() asks this of the same file, and a typed array's
  // iterator, or the comparisons of isControlCode per byte, cost several times the sum itself.
  for (let i = 0; i < head.length; i++) controls += CONTROL_BYTES[head[i]!]!;
  return !tooManyControls(controls, head.length);
}

/** A file's base name for messages: errors never carry a path (STYLE.md, "Validate at the boundary"). */
export function displayName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  // A name is shown to people: control characters (a newline in a name, say) would garble the message.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  const printable = base.replace(/[\u0000-\u001f\u007f]/g, '?');
  return printable === '' ? 'the file' : printable;
}

/** The refusal of a 0-byte file, the same from ingestFile and from an importer called directly. */
export function emptyFileError(fileName: string): AttestError {
  return badInput(`"${displayName(fileName)}" is empty (0 bytes), so there is nothing to import.`);
}

/** The refusal of binary content, the same whichever check finds it. */
export function notTextError(fileName: string | undefined): AttestError {
  const subject = fileName === undefined ? 'The file' : `"${displayName(fileName)}"`;
  return badInput(`${subject} is not a text file: it contains binary data.`);
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** C0 controls and DEL, except the ones text uses: tab, line feed, form feed, carriage return. */
function isControlCode(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f;
}

/** 1 for each byte value isControlCode accepts, 0 for the others. */
const CONTROL_BYTES = Uint8Array.from({ length: 256 }, (_, byte) => (isControlCode(byte) ? 1 : 0));

function countControls(text: string): number {
  let controls = 0;
  for (let i = 0; i < text.length; i += 1) if (isControlCode(text.charCodeAt(i))) controls += 1;
  return controls;
}

/**
 * Text has almost no control characters; compiled code, images and archives have many (about one byte in ten
 * for random data). One in a hundred is far from both, so a stray escape code in a long article still imports.
 */
function tooManyControls(controls: number, total: number): boolean {
  return controls > total / 100;
}

/** Bytes that windows-1252 leaves undefined (WHATWG maps them to C1 controls): a sign it is not that encoding. */
const UNDEFINED_IN_WINDOWS_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function looksLikeLegacyText(bytes: Uint8Array): boolean {
  let controls = 0;
  for (const byte of bytes) if (isControlCode(byte) || UNDEFINED_IN_WINDOWS_1252.has(byte)) controls += 1;
  return !tooManyControls(controls, bytes.length);
}
