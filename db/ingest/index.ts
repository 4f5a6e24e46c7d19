// The importer front door: size limits, the choice of importer by content, and the list of formats Attest reads.
import { AttestError, badInput } from '../errors.ts';
import { docxImporter } from './docx.ts';
import { emlImporter } from './eml.ts';
import { htmlImporter } from './html.ts';
import { MAX_PDF_PAGES, MAX_TEXT_LENGTH } from './limits.ts';
import { markdownImporter } from './markdown.ts';
import { displayName, emptyFileError, notTextError } from './normalize.ts';
import { pdfImporter } from './pdf.ts';
import { textImporter } from './text.ts';
import type { Importer, IngestedSource, IngestLimits, SyncImporter } from './types.ts';

export type {
  Importer,
  IngestedSource,
  IngestLimits,
  SourceFormat,
  SourceMetadata,
  SyncImporter,
} from './types.ts';
export { decodeUtf8, normalizeText } from './normalize.ts';

/** Largest source file accepted: far above any news report, low enough to hold a source and its copy in memory. */
export const MAX_SOURCE_BYTES = 50 * 1024 * 1024;

export { MAX_PDF_PAGES, MAX_TEXT_LENGTH } from './limits.ts';

export interface IngestOptions {
  /** Overrides MAX_SOURCE_BYTES (tests use a small one rather than writing 50 MiB). */
  maxBytes?: number;
  /** Overrides MAX_TEXT_LENGTH. */
  maxTextLength?: number;
  /** Overrides MAX_PDF_PAGES. */
  maxPages?: number;
}

/**
 * Importers in the order they are asked. A format that its content proves (PDF's "%PDF-", a DOCX zip, HTML
 * tags, e-mail headers) goes before those that only the name can tell apart; plain text is last because any
 * text file fits it.
 */
export const importers: readonly Importer[] = [
  pdfImporter,
  docxImporter,
  htmlImporter,
  emlImporter,
  markdownImporter,
  textImporter,
];

/** The importer whose sniff() accepts the file, or undefined when no format fits its content. */
export function importerFor(fileName: string, bytes: Uint8Array): Importer | undefined {
  return importers.find((importer) => importer.sniff(fileName, bytes));
}

/**
 * Reads a source file of any format into normalized text and metadata. Rejects with AttestError 'bad-input'
 * with a one-sentence message that names the file by its base name: empty, too large, binary, or without text.
 */
export async function ingestFile(
  fileName: string,
  bytes: Uint8Array,
  options: IngestOptions = {},
): Promise<IngestedSource> {
  const { importer, limits } = chooseImporter(fileName, bytes, options);
  return checkExtracted(fileName, await importer.extract(fileName, bytes, limits), limits);
}

/**
 * ingestFile for callers that cannot wait (tests, the demo, benchmarks): the formats read synchronously
 * (plain text and Markdown). Any other format needs ingestFile: asking here is a programming error.
 */
export function ingestFileSync(
  fileName: string,
  bytes: Uint8Array,
  options: IngestOptions = {},
): IngestedSource {
  const { importer, limits } = chooseImporter(fileName, bytes, options);
  if (!isSyncImporter(importer)) {
    throw new AttestError('internal', `${importer.format} files are read asynchronously: use ingestFile.`);
  }
  const extracted = importer.extract(fileName, bytes, limits);
  return checkExtracted(fileName, extracted, limits);
}

function isSyncImporter(importer: Importer): importer is SyncImporter {
  return importer === textImporter || importer === markdownImporter;
}

function chooseImporter(
  fileName: string,
  bytes: Uint8Array,
  options: IngestOptions,
): { importer: Importer; limits: IngestLimits } {
  const name = displayName(fileName);
  const maxBytes = options.maxBytes ?? MAX_SOURCE_BYTES;
  if (bytes.length === 0) throw emptyFileError(fileName);
  if (bytes.length > maxBytes) {
    throw badInput(
      `"${name}" is ${formatSize(bytes.length)}, over the ${formatSize(maxBytes)} limit for a source.`,
    );
  }
  const importer = importerFor(fileName, bytes);
  if (importer === undefined) throw notTextError(fileName);
  const limits: IngestLimits = {
    maxTextLength: options.maxTextLength ?? MAX_TEXT_LENGTH,
    maxPages: options.maxPages ?? MAX_PDF_PAGES,
  };
  return { importer, limits };
}

/** The limit on text holds for every format, whatever its importer checked on the way. */
function checkExtracted(fileName: string, source: IngestedSource, limits: IngestLimits): IngestedSource {
  if (source.text.length > limits.maxTextLength) {
    throw badInput(
      `"${displayName(fileName)}" holds ${formatCount(source.text.length)} characters of text, over the ` +
        `${formatCount(limits.maxTextLength)} limit for a source; split it into smaller files.`,
    );
  }
  return source;
}

/** Sizes rounded up, so a file just over the limit never reads as equal to it ("50.1 MiB", not "50.0 MiB"). */
export function formatSize(bytes: number): string {
  const inUnit = (unit: number): string => String(Math.ceil((bytes / unit) * 10) / 10);
  if (bytes >= 1024 * 1024) return `${inUnit(1024 * 1024)} MiB`;
  if (bytes >= 1024) return `${inUnit(1024)} KiB`;
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
