// The PDF importer: the text layer of every page as paragraphs, where each page starts, and the document's metadata.
//
// pdfjs-dist's legacy build is the one for Node. It runs here in the main thread (its worker code is imported and
// handed over as `globalThis.pdfjsWorker`, so nothing is fetched or spawned), with eval off (`isEvalSupported`),
// no font loading, no WebAssembly, and the file's bytes given directly: it never touches the network or the disk.
import { badInput } from '../errors.ts';
import { parseDate } from './dates.ts';
import { displayName, normalizeText } from './normalize.ts';
import { fallbackTitle, MAX_NAMED_TITLE_LENGTH, shortenTitle, titleFromFileName } from './title.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import type { Importer, IngestedSource, IngestLimits, SourceMetadata } from './types.ts';

const PDF_MAGIC = '%PDF-';
/** Where the header may be: the PDF standard allows junk before it, readers look in the first KiB. */
const HEADER_WINDOW = 1024;
/** A complete file ends with %%EOF; readers (and we) look for it near the end, past any trailing junk. */
const TRAILER_WINDOW = 2048;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | undefined;

/** pdf.js, loaded on the first PDF only: it is large, and most sessions import none. */
function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  // A failed load is tried again with the next PDF rather than remembered.
  loading.catch(() => (loading = undefined));
  return loading;
}

export const pdfImporter: Importer = {
  format: 'pdf',
  mediaType: 'application/pdf',
  sniff(_fileName: string, bytes: Uint8Array): boolean {
    return headerOffset(bytes) !== -1;
  },
  extract(
    fileName: string,
    bytes: Uint8Array,
    limits: IngestLimits = DEFAULT_LIMITS,
  ): Promise<IngestedSource> {
    return extractPdf(fileName, bytes, limits);
  },
};

function headerOffset(bytes: Uint8Array): number {
  // Searched in the bytes: the magic is ASCII, so its byte offset is the offset a one-byte-per-character decode
  // would give, without making a decoder and a string for every file asked.
  const head = bytes.subarray(0, HEADER_WINDOW);
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength).indexOf(PDF_MAGIC, 0, 'latin1');
}

function isComplete(bytes: Uint8Array): boolean {
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - TRAILER_WINDOW)));
  return tail.includes('%%EOF');
}

async function extractPdf(
  fileName: string,
  bytes: Uint8Array,
  limits: IngestLimits,
): Promise<IngestedSource> {
  const name = displayName(fileName);
  const damaged = () => badInput(`"${name}" is a damaged PDF and cannot be read.`);
  if (!isComplete(bytes)) {
    throw badInput(`"${name}" is an incomplete PDF (its end is missing); save or download it again.`);
  }
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of (and detaches) the buffer it is given: a copy keeps the caller's bytes intact.
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    useWasm: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy();
    if ((error as Error | undefined)?.name === 'PasswordException') {
      throw badInput(`"${name}" is protected by a password; remove the protection, then import it again.`);
    }
    throw damaged();
  }
  try {
    if (document.numPages > limits.maxPages) {
      throw badInput(
        `"${name}" has ${document.numPages} pages, over the ${limits.maxPages}-page limit for a source; ` +
          'split it into smaller files.',
      );
    }
    const pageTexts: string[] = [];
    let length = 0;
    for (let number = 1; number <= document.numPages; number += 1) {
      let pageText: string;
      try {
        const page = await document.getPage(number);
        pageText = normalizeText(layoutText((await page.getTextContent()).items));
        page.cleanup();
      } catch {
        throw damaged();
      }
      length += pageText.length + 2;
      if (length > limits.maxTextLength) {
        throw badInput(
          `"${name}" holds more than ${limits.maxTextLength.toLocaleString('en-US')} characters of text, ` +
            'over the limit for a source; split it into smaller files.',
        );
      }
      pageTexts.push(pageText);
    }
    const { text, pages } = joinPages(pageTexts);
    if (text.trim() === '') {
      throw badInput(
        `"${name}" has no text layer: its pages are images (a scan?), so run OCR on it first and import the result.`,
      );
    }
    const info = await documentInfo(document);
    const title = info.title ?? fallbackTitle(text);
    const metadata: SourceMetadata = {
      title: title === undefined ? titleFromFileName(fileName) : shortenTitle(title, MAX_NAMED_TITLE_LENGTH),
    };
    if (info.author !== undefined) metadata.author = info.author;
    if (info.publishedAt !== undefined) metadata.publishedAt = info.publishedAt;
    if (info.language !== undefined) metadata.language = info.language;
    return { text, format: 'pdf', mediaType: 'application/pdf', metadata, pages };
  } finally {
    await document.destroy();
  }
}

/**
 * The pages' texts joined by a blank line, and the offset where each starts. A page without text starts where
 * the next page with text does (or at the end), so page numbers stay those of the file.
 */
export function joinPages(pageTexts: readonly string[]): { text: string; pages: number[] } {
  const pages: number[] = [];
  const parts: string[] = [];
  let offset = 0;
  let waiting = 0;
  for (const pageText of pageTexts) {
    const trimmed = pageText.trim();
    if (trimmed === '') {
      waiting += 1;
      continue;
    }
    if (parts.length > 0) offset += 2;
    for (; waiting >= 0; waiting -= 1) pages.push(offset);
    waiting = 0;
    parts.push(trimmed);
    offset += trimmed.length;
  }
  for (; waiting > 0; waiting -= 1) pages.push(offset);
  return { text: parts.join('\n\n'), pages };
}

interface TextPiece {
  str: string;
  hasEOL: boolean;
  y: number;
  height: number;
}

interface Line {
  text: string;
  y: number;
  height: number;
}

/**
 * A page's text items as paragraphs. Items on one baseline form a line; a gap between lines clearly larger than
 * the page's usual line spacing starts a paragraph; the lines of a paragraph are joined by a space.
 */
export function layoutText(items: readonly unknown[]): string {
  const pieces: TextPiece[] = [];
  for (const item of items) {
    if (item === null || typeof item !== 'object' || !('str' in item)) continue;
    const { str, hasEOL, transform, height } = item as {
      str: string;
      hasEOL?: boolean;
      transform?: number[];
      height?: number;
    };
    pieces.push({ str, hasEOL: hasEOL === true, y: transform?.[5] ?? 0, height: height ?? 0 });
  }
  const lines: Line[] = [];
  let current: Line | undefined;
  for (const piece of pieces) {
    // A piece well above or below the current line starts a new one even without an end-of-line mark.
    if (current && current.text !== '' && Math.abs(piece.y - current.y) > Math.max(current.height, 1) / 2) {
      lines.push(current);
      current = undefined;
    }
    if (current === undefined) current = { text: '', y: piece.y, height: piece.height };
    current.text += piece.str;
    current.height = Math.max(current.height, piece.height);
    if (piece.hasEOL) {
      lines.push(current);
      current = undefined;
    }
  }
  if (current) lines.push(current);
  const visible = lines
    .map((line) => ({ ...line, text: line.text.replace(/\s+/g, ' ').trim() }))
    .filter((line) => line.text !== '');
  const gaps: number[] = [];
  for (let i = 1; i < visible.length; i += 1) {
    const gap = visible[i - 1]!.y - visible[i]!.y;
    if (gap > 0) gaps.push(gap);
  }
  const usual = median(gaps);
  const paragraphs: string[] = [];
  let paragraph = '';
  for (const [i, line] of visible.entries()) {
    const previous = visible[i - 1];
    const gap = previous ? previous.y - line.y : 0;
    // A column break (the next line higher up) or a gap half again the usual spacing ends a paragraph.
    const breaks =
      previous !== undefined &&
      (gap < 0 || (usual !== undefined && gap > usual * 1.5) || gap > Math.max(previous.height, 1) * 2.2);
    if (breaks) {
      paragraphs.push(paragraph);
      paragraph = '';
    }
    // A word hyphenated at the end of a line continues on the next without a space.
    paragraph += paragraph === '' || paragraph.endsWith('-') ? line.text : ` ${line.text}`;
  }
  if (paragraph !== '') paragraphs.push(paragraph);
  return paragraphs.join('\n\n');
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface PdfInfo {
  title?: string;
  author?: string;
  publishedAt?: string;
  language?: string;
}

/** The document information dictionary: Title, Author, CreationDate (as the publication date), Lang. */
async function documentInfo(document: { getMetadata(): Promise<{ info: object }> }): Promise<PdfInfo> {
  let info: Record<string, unknown>;
  try {
    info = (await document.getMetadata()).info as Record<string, unknown>;
  } catch {
    return {};
  }
  const text = (value: unknown): string | undefined => {
    const trimmed = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
    return trimmed === '' ? undefined : trimmed;
  };
  const result: PdfInfo = {};
  const title = text(info.Title);
  if (title !== undefined) result.title = title;
  const author = text(info.Author);
  if (author !== undefined) result.author = shortenTitle(author, 300);
  const created = pdfDate(text(info.CreationDate));
  if (created !== undefined) result.publishedAt = created;
  const language = text(info.Language);
  if (language !== undefined && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) {
    result.language = language;
  }
  return result;
}

/**
 * A PDF date ("D:20250222103000+01'00'", PDF 32000-1 §7.9.4) as publishedAt: a UTC instant when it has a time
 * and a zone, else its day.
 */
export function pdfDate(value: string | undefined): string | undefined {
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(
    value ?? '',
  );
  if (!match) return undefined;
  const [, year, month, day, hour, minute = '00', second = '00', zone] = match;
  // A year alone is not a day: better no publication date than 1 January.
  if (month === undefined || day === undefined) return undefined;
  const date = `${year}-${month}-${day}`;
  if (hour === undefined || zone === undefined) return parseDate(date);
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.replace(/'/g, '').slice(3, 5)}`;
  return parseDate(`${date}T${hour}:${minute}:${second}${offset}`);
}
