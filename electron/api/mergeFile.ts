// case.merge: another case as a path (desktop, CLI) or as bytes (browser UI), told apart by content: a SQLite
// case file is merged, an Attest JSON export imported; anything else is refused with a reason.
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { CaseFile } from '../../db/caseFile.ts';
import { AttestError, badInput } from '../../db/errors.ts';
import { importJson } from '../../db/importJson.ts';
import { mergeCaseFile, type MergeSummary } from '../../db/merge.ts';

/** A JSON export is read whole into memory; case files of any size go through SQLite instead. */
const MAX_JSON_BYTES = 512 * 1024 * 1024;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function readStart(path: string): Buffer {
  const start = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, start, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return start;
}

function mergePath(c: CaseFile, path: string, name: string): MergeSummary {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw badInput(`${name} is not a file.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof AttestError) throw error;
    throw new AttestError('not-found', `There is no file named ${name} there.`);
  }
  if (size === 0) throw badInput(`${name} is empty: it is neither a case file nor a case export.`);
  const start = readStart(path);
  if (start.equals(SQLITE_MAGIC)) return mergeCaseFile(c, path);
  if (/^\s*\{/.test(start.toString('latin1').replace(/^\uFEFF|^ï»¿/, ''))) {
    if (size > MAX_JSON_BYTES) {
      throw badInput(
        `${name} is too large to import as JSON; merge the case file it was exported from instead.`,
      );
    }
    let document: unknown;
    try {
      document = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
    } catch {
      throw badInput(`${name} is not valid JSON, so it is not an Attest case export.`);
    }
    return importJson(c, document, name);
  }
  throw badInput(`${name} is neither an Attest case file nor an Attest case export.`);
}

export function mergeFile(
  c: CaseFile,
  input: { path: string } | { fileName: string; dataBase64: string },
): MergeSummary {
  if ('path' in input) return mergePath(c, input.path, basename(input.path));
  const name = basename(input.fileName);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.dataBase64)) throw badInput(`${name} was not sent as base64.`);
  const dir = mkdtempSync(join(tmpdir(), 'attest-upload-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, Buffer.from(input.dataBase64, 'base64'));
    return mergePath(c, path, name);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
