// Preparing files for source.import: base64 encoding, the size limit, and batches that fit one request.
import { MAX_IMPORT_BYTES } from '../../electron/contract/index.ts';

export interface FileToImport {
  fileName: string;
  dataBase64: string;
}

/** A file refused before sending, with the reason shown to the analyst. */
export interface RefusedFile {
  fileName: string;
  reason: string;
}

/** Base64 of bytes, in chunks: one String.fromCharCode over 50 MiB would overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  const chunk = 0x8000;
  let binary = '';
  for (let index = 0; index < bytes.length; index += chunk) {
    binary += String.fromCharCode(...bytes.subarray(index, index + chunk));
  }
  return btoa(binary);
}

/** Why a file cannot be imported before it is even read, or null when it can be sent. */
export function refusalBeforeReading(file: { name: string; size: number }): string | null {
  if (file.size > MAX_IMPORT_BYTES) {
    return `larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB, the most Attest imports from one file`;
  }
  return null;
}

/**
 * Groups files into calls. Browser mode refuses request bodies over 96 MiB (electron/serve/server.ts), so the
 * base64 text of one call stays under `maxChars`; the contract takes at most 1000 files per call.
 */
export function batchFiles<T extends FileToImport>(
  files: readonly T[],
  maxChars = 64 * 1024 * 1024,
  maxFiles = 1000,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const file of files) {
    const length = file.dataBase64.length + file.fileName.length;
    if (current.length > 0 && (size + length > maxChars || current.length >= maxFiles)) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(file);
    size += length;
  }
  if (current.length) batches.push(current);
  return batches;
}
