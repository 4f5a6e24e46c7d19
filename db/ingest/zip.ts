// A ZIP archive's table of contents, read by hand, and each entry inflated within a hard limit: the zip-bomb guard.
//
// Office files are ZIP archives (APPNOTE.TXT, https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT). An
// archive of a few KiB can declare or hide gigabytes. The central directory's declared sizes are checked first,
// then every entry is inflated with its declared size as the most output allowed, so a lie is caught too,
// all before a library that trusts the archive (mammoth, through JSZip) sees it.
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's local header starts. */
  localOffset: number;
}

export interface ZipLimits {
  /** Most bytes all entries may inflate to together. */
  maxTotalBytes: number;
  /** Most entries. */
  maxEntries: number;
  /** Highest inflated/compressed ratio of an entry larger than `ratioFloor` bytes. */
  maxRatio: number;
  ratioFloor: number;
}

/** Why an archive is refused, in words for the analyst; the importer names the file. */
export class ZipRefusal extends Error {}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The entries the central directory lists. Throws ZipRefusal for a damaged or oversized archive. */
export function readCentralDirectory(bytes: Uint8Array, limits: ZipLimits): ZipEntry[] {
  const data = view(bytes);
  // The end-of-central-directory record is in the last 22 + 65535 (longest comment) bytes.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at -= 1) {
    if (data.getUint32(at, true) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd === -1) throw new ZipRefusal('is not a complete ZIP archive (its table of contents is missing)');
  const count = data.getUint16(eocd + 10, true);
  const directorySize = data.getUint32(eocd + 12, true);
  const directoryOffset = data.getUint32(eocd + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) {
    throw new ZipRefusal('is a ZIP64 archive, far larger than any document needs');
  }
  if (count > limits.maxEntries) {
    throw new ZipRefusal(`holds ${count} files, more than the ${limits.maxEntries} a document needs`);
  }
  if (directoryOffset + directorySize > eocd) throw new ZipRefusal('is a damaged ZIP archive');
  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  let total = 0;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > eocd || data.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      throw new ZipRefusal('is a damaged ZIP archive');
    }
    const entry: ZipEntry = {
      method: data.getUint16(at + 10, true),
      compressedSize: data.getUint32(at + 20, true),
      uncompressedSize: data.getUint32(at + 24, true),
      localOffset: data.getUint32(at + 42, true),
      name: '',
    };
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    entry.name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) {
      throw new ZipRefusal('is a ZIP64 archive, far larger than any document needs');
    }
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes) {
      throw new ZipRefusal(
        `would unpack to more than ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MiB, far more than a document needs (a zip bomb?)`,
      );
    }
    if (
      entry.uncompressedSize > limits.ratioFloor &&
      entry.uncompressedSize > entry.compressedSize * limits.maxRatio
    ) {
      throw new ZipRefusal(
        `is compressed ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))} to 1, far beyond any real document (a zip bomb?)`,
      );
    }
    entries.push(entry);
  }
  return entries;
}

/**
 * An entry's bytes, inflated with its declared size as the most output allowed: an entry that inflates to
 * more than it declared is refused rather than trusted.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = view(bytes);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || data.getUint32(at, true) !== LOCAL_SIGNATURE) {
    throw new ZipRefusal('is a damaged ZIP archive');
  }
  const start = at + 30 + data.getUint16(at + 26, true) + data.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipRefusal('is a damaged ZIP archive (it ends too soon)');
  const compressed = bytes.subarray(start, end);
  if (entry.method === STORED) {
    if (entry.compressedSize !== entry.uncompressedSize) throw new ZipRefusal('is a damaged ZIP archive');
    return compressed;
  }
  if (entry.method !== DEFLATED) throw new ZipRefusal('uses a ZIP compression that Word never writes');
  let inflated: Uint8Array;
  try {
    // One byte over the declared size is enough to tell a lie from the truth.
    inflated = inflateRawSync(compressed, { maxOutputLength: entry.uncompressedSize + 1 });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ZipRefusal('holds a file that unpacks to more than it declares (a zip bomb?)');
    }
    throw new ZipRefusal('is a damaged ZIP archive');
  }
  if (inflated.length !== entry.uncompressedSize) {
    throw new ZipRefusal('holds a file that unpacks to more than it declares (a zip bomb?)');
  }
  return inflated;
}
