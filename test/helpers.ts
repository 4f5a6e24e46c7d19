// Shared test fixtures: temporary folders and case files on the real file system, removed after each test.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { closeCase, createCase, type CaseFile } from '../db/caseFile.ts';
import { AttestError } from '../db/errors.ts';
import { importSources } from '../db/sources.ts';

const cleanups: (() => void)[] = [];

afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'attest-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function newCase(author = 'Ana Analyst', title = 'Test case'): CaseFile {
  const path = join(tempDir(), 'test.attest');
  const c = createCase(path, { author, title });
  cleanups.push(() => closeCase(c));
  return c;
}

/** Imports text as a source and returns its id. */
export function addSource(c: CaseFile, text: string, fileName = 'report.txt'): string {
  const [result] = importSources(c, [{ fileName, bytes: new TextEncoder().encode(text) }]);
  if (!result?.ok) throw new Error(`import failed: ${result && !result.ok ? result.error : 'no result'}`);
  return result.id;
}

export const REPORT = `date 2025-02-22 GOMA, Democratic Republic of Congo — Rebels of the M23 group entered the city of Goma last Sunday, the provincial governor said. According to UN experts, about 4,000 Rwandan soldiers support the rebels. A day earlier, fighting closed the airport. The health ministry said 700 people had died in Goma.
`;

/** Runs fn, expects it to refuse with an AttestError, and returns that error for its code and message. */
export function refusal(fn: () => unknown): AttestError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AttestError);
    return error as AttestError;
  }
  throw new Error('expected a refusal');
}

/**
 * Damages one b-tree page of a table in a closed case file so that only SQLite's integrity check notices: the
 * header and the schema stay sound, the page's cells point past its end.
 */
export function damageTable(path: string, table: string): void {
  const db = new Database(path);
  const [pageno, pageSize] = [
    db
      .prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno LIMIT 1`)
      .pluck()
      .get(table),
    db.pragma('page_size', { simple: true }),
  ] as [number, number];
  db.close();
  const bytes = readFileSync(path);
  const start = (pageno - 1) * pageSize;
  // A leaf page's header is 8 bytes, then its cell pointers (2 bytes each): all of them now point out of the page.
  for (let i = start + 8; i < start + 8 + 2 * bytes.readUInt16BE(start + 3); i += 2)
    bytes.writeUInt16BE(0xfff0, i);
  writeFileSync(path, bytes);
}
