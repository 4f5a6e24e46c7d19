// The Open Recent list: recent-cases.json in the user's profile folder, most recent first, at most ten, no vanished files.
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { readJsonFile, writeJsonFile } from './jsonFile.ts';

export const RECENT_CASES_FILE = 'recent-cases.json';
export const MAX_RECENT_CASES = 10;

const samePath = (a: string, b: string): boolean =>
  // Windows and macOS file systems are case-insensitive by default: C:\Cases\A.attest is c:\cases\a.attest.
  process.platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();

/** The list with `path` first, its older entry removed, cut to MAX_RECENT_CASES. */
export function rememberCase(list: readonly string[], path: string): string[] {
  const full = resolve(path);
  return [full, ...list.filter((entry) => !samePath(entry, full))].slice(0, MAX_RECENT_CASES);
}

export function forgetCase(list: readonly string[], path: string): string[] {
  const full = resolve(path);
  return list.filter((entry) => !samePath(entry, full));
}

/** Entries whose file is gone (deleted, renamed, an unplugged USB stick) are dropped; duplicates and junk too. */
export function liveRecentCases(value: unknown, exists: (path: string) => boolean = existsSync): string[] {
  if (!Array.isArray(value)) return [];
  const result: string[] = [];
  for (const entry of value) {
    if (typeof entry !== 'string' || entry === '' || !exists(entry)) continue;
    if (result.some((kept) => samePath(kept, entry))) continue;
    result.push(entry);
    if (result.length === MAX_RECENT_CASES) break;
  }
  return result;
}

export function loadRecentCases(file: string, exists: (path: string) => boolean = existsSync): string[] {
  return liveRecentCases(readJsonFile(file), exists);
}

/** Best effort: losing the recent list is not worth interrupting the analyst. */
export function saveRecentCases(file: string, list: readonly string[]): void {
  try {
    writeJsonFile(file, list);
  } catch {
    // The list is a convenience; the case itself was opened and is unaffected.
  }
}

/** Menu labels: the file name, or the full path where two recent cases share a name. */
export function recentCaseLabels(list: readonly string[]): string[] {
  const names = list.map((path) => basename(path));
  return list.map((path, index) =>
    names.filter((name) => name === names[index]).length > 1 ? path : names[index]!,
  );
}
