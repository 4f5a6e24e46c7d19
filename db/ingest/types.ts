// The shapes every importer shares: what a file becomes (text + metadata) and the interface one format implements.

/** The formats Attest imports; later importers (html, pdf, docx) add their names here. */
export type SourceFormat = 'txt' | 'md';

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
}

export interface Importer {
  format: IngestedSource['format'];
  mediaType: string;
  /** true when the content (not only the name) fits this format */
  sniff(fileName: string, bytes: Uint8Array): boolean;
  /** Throws AttestError 'bad-input' with a message naming the file by its base name. */
  extract(fileName: string, bytes: Uint8Array): IngestedSource;
}
