// clean-closes.json in the profile folder: the stamp of each case file as this install last closed it cleanly,
// so reopening an unchanged file skips SQLite's full-file check (db/caseFile.ts, FileStamp). Kept outside the
// case file on purpose: a file cannot vouch for itself.
import type { FileStamp } from '../../db/caseFile.ts';
import { readJsonFile, writeJsonFile } from './jsonFile.ts';

export const CLEAN_CLOSES_FILE = 'clean-closes.json';
/** Enough for every case an analyst works on; the oldest stamps go first. */
const MAX_STAMPS = 50;

export interface CleanCloses {
  get(path: string): FileStamp | undefined;
  /** Records a clean close, or forgets the file (null) while it is open or after an unclean close. */
  set(path: string, stamp: FileStamp | null): void;
}

const isStamp = (value: unknown): value is FileStamp => {
  const v = value as Record<string, unknown> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    ['size', 'mtimeMs', 'ino', 'dev'].every((key) => typeof v[key] === 'number' && Number.isFinite(v[key]))
  );
};

export function loadCleanCloses(file: string): CleanCloses {
  const raw = readJsonFile(file);
  const stamps = new Map<string, FileStamp>();
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    for (const [path, stamp] of Object.entries(raw)) if (isStamp(stamp)) stamps.set(path, stamp);
  }
  const save = () => {
    try {
      writeJsonFile(file, Object.fromEntries(stamps));
    } catch {
      // Without the file, cases are checked in full at every opening: slower, never less safe.
    }
  };
  return {
    get: (path) => stamps.get(path),
    set(path, stamp) {
      stamps.delete(path);
      if (stamp) stamps.set(path, stamp);
      while (stamps.size > MAX_STAMPS) stamps.delete(stamps.keys().next().value!);
      save();
    },
  };
}
