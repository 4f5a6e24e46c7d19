// The importer front door: size limits, the choice of importer by content, and the list of formats Attest reads.
import { badInput } from '../errors.ts';
import { markdownImporter } from './markdown.ts';
import { displayName, emptyFileError, notTextError } from './normalize.ts';
import { textImporter } from './text.ts';
import type { Importer, IngestedSource } from './types.ts';

export type { Importer, IngestedSource, SourceFormat, SourceMetadata } from './types.ts';
export { decodeUtf8, normalizeText } from './normalize.ts';

/** Largest source file accepted: far above any news report, low enough to hold a source and its copy in memory. */
export const MAX_SOURCE_BYTES = 50 * 1024 * 1024;

export interface IngestOptions {
  /** Overrides MAX_SOURCE_BYTES (tests use a small one rather than writing 50 MiB). */
  maxBytes?: number;
}

/**
 * Importers in the order they are asked. A format that its content proves (PDF's "%PDF-", a DOCX zip) goes
 * before those that only the name can tell apart; plain text is last because any text file fits it.
 */
export const importers: readonly Importer[] = [markdownImporter, textImporter];

/** The importer whose sniff() accepts the file, or undefined when no format fits its content. */
export function importerFor(fileName: string, bytes: Uint8Array): Importer | undefined {
  return importers.find((importer) => importer.sniff(fileName, bytes));
}

/**
 * Reads a source file into normalized text and metadata. Throws AttestError 'bad-input' with a one-sentence
 * message that names the file by its base name: empty, too large, binary, or without text.
 */
export function ingestFile(fileName: string, bytes: Uint8Array, options: IngestOptions = {}): IngestedSource {
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
  return importer.extract(fileName, bytes);
}

/** Sizes rounded up, so a file just over the limit never reads as equal to it ("50.1 MiB", not "50.0 MiB"). */
function formatSize(bytes: number): string {
  const inUnit = (unit: number): string => String(Math.ceil((bytes / unit) * 10) / 10);
  if (bytes >= 1024 * 1024) return `${inUnit(1024 * 1024)} MiB`;
  if (bytes >= 1024) return `${inUnit(1024)} KiB`;
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
}
