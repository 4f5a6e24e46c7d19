// Import Sources from the File menu: the chosen files are read here, in the main process, and sent to `source.import`
// in batches the contract accepts; files too large to send are refused with a reason, like the engine refuses others.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { importers } from '../../db/ingest/index.ts';
import { MAX_IMPORT_BYTES, type ImportResult, type MethodInput } from '../contract/index.ts';

export type ImportFileInput = MethodInput<'source.import'>['files'][number];

export interface RefusedFile {
  fileName: string;
  error: string;
}

/** The contract's limit on files per call. */
export const MAX_FILES_PER_CALL = 1000;
/** Bytes read into memory per call (base64 adds a third on top); a large selection becomes several calls. */
export const MAX_BYTES_PER_CALL = 200 * 1024 * 1024;

/** Extensions the Open dialog offers, from the importers the engine has (more appear as importers are added). */
const EXTENSIONS_BY_FORMAT: Readonly<Record<string, readonly string[]>> = {
  txt: ['txt', 'text'],
  md: ['md', 'markdown'],
  html: ['html', 'htm', 'xhtml'],
  pdf: ['pdf'],
  docx: ['docx'],
  eml: ['eml'],
};

export const sourceFileExtensions = (): string[] => [
  ...new Set(importers.flatMap((importer) => EXTENSIONS_BY_FORMAT[importer.format] ?? [importer.format])),
];

const mib = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MiB`;

export interface ImportPlan {
  /** Paths grouped into calls, in the order chosen. */
  batches: string[][];
  refused: RefusedFile[];
}

/** Groups files into calls within the contract's limits; a file over the per-file limit, or unreadable, is refused. */
export async function planImport(
  paths: readonly string[],
  limits = { fileBytes: MAX_IMPORT_BYTES, callBytes: MAX_BYTES_PER_CALL, callFiles: MAX_FILES_PER_CALL },
): Promise<ImportPlan> {
  const batches: string[][] = [];
  const refused: RefusedFile[] = [];
  let batch: string[] = [];
  let batchBytes = 0;
  for (const path of paths) {
    const fileName = basename(path);
    let size: number;
    try {
      const info = await stat(path);
      if (!info.isFile()) {
        refused.push({ fileName, error: `"${fileName}" is not a file.` });
        continue;
      }
      size = info.size;
    } catch {
      refused.push({ fileName, error: `There is no file named "${fileName}" there.` });
      continue;
    }
    if (size > limits.fileBytes) {
      refused.push({
        fileName,
        error: `"${fileName}" is over the ${mib(limits.fileBytes)} limit for a source.`,
      });
      continue;
    }
    if (batch.length > 0 && (batch.length >= limits.callFiles || batchBytes + size > limits.callBytes)) {
      batches.push(batch);
      batch = [];
      batchBytes = 0;
    }
    batch.push(path);
    batchBytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return { batches, refused };
}

/** The files of one batch as `source.import` takes them; a file that vanished since planning is refused. */
export async function readImportBatch(
  paths: readonly string[],
): Promise<{ files: ImportFileInput[]; refused: RefusedFile[] }> {
  const files: ImportFileInput[] = [];
  const refused: RefusedFile[] = [];
  for (const path of paths) {
    const fileName = basename(path);
    try {
      files.push({ fileName, dataBase64: (await readFile(path)).toString('base64') });
    } catch {
      refused.push({ fileName, error: `"${fileName}" could not be read.` });
    }
  }
  return { files, refused };
}

export interface ImportReport {
  message: string;
  detail: string;
}

/**
 * What to tell the analyst after an import, or null when every file went in as a new story: the views refresh on
 * their own (`case.changed`), so a dialog is shown only when some file was refused or repeats a source already in
 * the case (the same wire story in two outlets is not independent corroboration; the library can mark it).
 */
export function importReport(
  results: readonly ImportResult[],
  refused: readonly RefusedFile[],
): ImportReport | null {
  const failures = [
    ...refused,
    ...results.flatMap((result) => (result.ok ? [] : [{ fileName: result.fileName, error: result.error }])),
  ];
  const nearCopies = results.flatMap((result) =>
    result.ok && !result.duplicate && result.repeats.length > 0
      ? [
          `"${result.fileName}" is a near-copy of ${result.repeats
            .map((copy) => `“${copy.title}” (${Math.round(copy.similarity * 100)}%)`)
            .join(', ')}.`,
        ]
      : [],
  );
  if (failures.length === 0 && nearCopies.length === 0) return null;
  const added = results.filter((result) => result.ok && !result.duplicate).length;
  const duplicates = results.filter((result) => result.ok && result.duplicate).length;
  const parts = [`${added} imported`];
  if (duplicates > 0) parts.push(`${duplicates} already in the case`);
  if (failures.length > 0) parts.push(`${failures.length} refused`);
  const detail = [...failures.map((failure) => failure.error), ...nearCopies];
  if (nearCopies.length > 0) detail.push('Mark a near-copy as a repeat in the Library.');
  return {
    message:
      failures.length > 0
        ? `Some files were not imported (${parts.join(', ')}).`
        : `Imported, with near-copies of sources already in the case (${parts.join(', ')}).`,
    detail: detail.join('\n'),
  };
}
