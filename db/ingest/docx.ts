// The DOCX importer: a Word document's paragraphs (mammoth) and its core properties, after the zip-bomb guard.
import { badInput } from '../errors.ts';
import { parseDate } from './dates.ts';
import { displayName, normalizeText } from './normalize.ts';
import { fallbackTitle, MAX_NAMED_TITLE_LENGTH, shortenTitle, titleFromFileName } from './title.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import type { Importer, IngestedSource, IngestLimits, SourceMetadata } from './types.ts';
import { inflateEntry, isZip, readCentralDirectory, ZipRefusal, type ZipLimits } from './zip.ts';

/**
 * A Word document unpacks to a few MiB of XML plus its images; text compresses about 10 to 1 and XML up to
 * 50 to 1. These limits are far above any report and far below what hurts: a bomb compresses 1000 to 1.
 */
export const DOCX_LIMITS: ZipLimits = {
  maxTotalBytes: 200 * 1024 * 1024,
  maxEntries: 5000,
  maxRatio: 200,
  ratioFloor: 1024 * 1024,
};

const DOCUMENT_PART = 'word/document.xml';
const CORE_PART = 'docProps/core.xml';

export const docxImporter: Importer = {
  format: 'docx',
  mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  sniff(fileName: string, bytes: Uint8Array): boolean {
    if (!isZip(bytes)) return false;
    // The part name is stored uncompressed in every local and central header of the archive.
    return (
      /\.docx$/i.test(fileName) ||
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(DOCUMENT_PART)
    );
  },
  extract(
    fileName: string,
    bytes: Uint8Array,
    limits: IngestLimits = DEFAULT_LIMITS,
  ): Promise<IngestedSource> {
    return extractDocx(fileName, bytes, limits);
  },
};

async function extractDocx(
  fileName: string,
  bytes: Uint8Array,
  limits: IngestLimits,
): Promise<IngestedSource> {
  const name = displayName(fileName);
  let core: string | undefined;
  try {
    const entries = readCentralDirectory(bytes, DOCX_LIMITS);
    if (!entries.some((entry) => entry.name === DOCUMENT_PART)) {
      throw badInput(`"${name}" is a ZIP archive but not a Word document (it has no ${DOCUMENT_PART}).`);
    }
    // Every entry is inflated once within its declared size before mammoth trusts the archive.
    for (const entry of entries) {
      const inflated = inflateEntry(bytes, entry);
      if (entry.name === CORE_PART) core = new TextDecoder('utf-8').decode(inflated);
    }
  } catch (error) {
    if (error instanceof ZipRefusal) throw badInput(`"${name}" ${error.message}.`);
    throw error;
  }
  // mammoth is loaded with the first Word document, not when the app starts.
  const { default: mammoth } = await import('mammoth');
  let raw: string;
  try {
    const result = await mammoth.extractRawText({
      buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    });
    raw = result.value;
  } catch {
    throw badInput(`"${name}" is a damaged Word document and cannot be read.`);
  }
  // mammoth ends every paragraph with a blank line; runs of empty paragraphs collapse to one break.
  const text = normalizeText(raw)
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
  if (text === '') throw badInput(`"${name}" has no text: the document is empty or holds only images.`);
  if (text.length > limits.maxTextLength) {
    throw badInput(
      `"${name}" holds ${text.length.toLocaleString('en-US')} characters of text, over the ` +
        `${limits.maxTextLength.toLocaleString('en-US')} limit for a source; split it into smaller files.`,
    );
  }
  const properties = core === undefined ? {} : coreProperties(core);
  const title = properties.title ?? fallbackTitle(text);
  const metadata: SourceMetadata = {
    title: title === undefined ? titleFromFileName(fileName) : shortenTitle(title, MAX_NAMED_TITLE_LENGTH),
  };
  if (properties.author !== undefined) metadata.author = shortenTitle(properties.author, 300);
  const published = properties.created ?? properties.modified;
  if (published !== undefined) metadata.publishedAt = published;
  if (properties.language !== undefined) metadata.language = properties.language;
  return {
    text,
    format: 'docx',
    mediaType: docxImporter.mediaType,
    metadata,
  };
}

interface CoreProperties {
  title?: string;
  author?: string;
  created?: string;
  modified?: string;
  language?: string;
}

/** docProps/core.xml (OPC core properties): dc:title, dc:creator, dcterms:created and modified, dc:language. */
export function coreProperties(xml: string): CoreProperties {
  const element = (tag: string): string | undefined => {
    const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml);
    const value = match?.[1] === undefined ? '' : decodeXmlText(match[1]).replace(/\s+/g, ' ').trim();
    return value === '' ? undefined : value;
  };
  const properties: CoreProperties = {};
  const title = element('dc:title');
  if (title !== undefined) properties.title = title;
  const author = element('dc:creator');
  if (author !== undefined) properties.author = author;
  const created = element('dcterms:created');
  const createdDay = created === undefined ? undefined : parseDate(created);
  if (createdDay !== undefined) properties.created = createdDay;
  const modified = element('dcterms:modified');
  const modifiedDay = modified === undefined ? undefined : parseDate(modified);
  if (modifiedDay !== undefined) properties.modified = modifiedDay;
  const language = element('dc:language');
  if (language !== undefined && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) {
    properties.language = language;
  }
  return properties;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
    if (entity[0] !== '#') return XML_ENTITIES[entity.toLowerCase()] ?? whole;
    const code =
      entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
