// The shapes every importer shares: what a file becomes (text + metadata) and the interface one format implements.

/** The formats Attest imports. */
export type SourceFormat = 'txt' | 'md' | 'html' | 'pdf' | 'docx' | 'eml';

export interface SourceMetadata {
  title: string;
  outlet?: string;
  author?: string;
  url?: string;
  /** 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:MM:SSZ' (UTC) when the source gives a time with its zone. */
  publishedAt?: string;
  language?: string;
}

export interface IngestedSource {
  /** Normalized text (no BOM, LF line ends, NFC): the string every claim offset refers to. */
  text: string;
  format: SourceFormat;
  mediaType: string;
  metadata: SourceMetadata;
  /** Paged formats (PDF): the offset in `text` where each page starts, page 1 first (so it starts with 0). */
  pages?: number[];
}

/** Limits on what one file may become (defaults in limits.ts); importers of paged or zipped formats check early. */
export interface IngestLimits {
  /** Most characters of extracted text. */
  maxTextLength: number;
  /** Most pages of a paged document. */
  maxPages: number;
}

export interface Importer {
  format: IngestedSource['format'];
  mediaType: string;
  /** true when the content (not only the name) fits this format */
  sniff(fileName: string, bytes: Uint8Array): boolean;
  /**
   * Throws (or rejects with) AttestError 'bad-input' with a message naming the file by its base name.
   * Formats whose libraries are asynchronous or loaded on first use (HTML, PDF, DOCX, e-mail) return a Promise;
   * plain text and Markdown return the source itself, so callers that only import text can stay synchronous.
   */
  extract(
    fileName: string,
    bytes: Uint8Array,
    limits?: IngestLimits,
  ): IngestedSource | Promise<IngestedSource>;
}

/** An importer that reads its format synchronously (plain text and Markdown). */
export interface SyncImporter extends Importer {
  extract(fileName: string, bytes: Uint8Array, limits?: IngestLimits): IngestedSource;
}
