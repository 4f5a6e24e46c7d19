// The files of a drop: dropped folders opened (recursively, hidden files skipped), through the File and Directory
// Entries API (https://wicg.github.io/entries-api/) that Chromium and Electron implement.

/** The part of a FileSystemEntry the walk uses: a file gives its File, a folder its entries. */
export interface DroppedEntry {
  name: string;
  fullPath: string;
  isFile: boolean;
  isDirectory: boolean;
  file?(success: (file: File) => void, failure?: (error: unknown) => void): void;
  createReader?(): {
    readEntries(success: (entries: DroppedEntry[]) => void, failure?: (error: unknown) => void): void;
  };
}

/** A file found in a drop, with its path inside the drop ("reports/pdf/sitrep.pdf") for ordering. */
export interface DroppedFile<F> {
  path: string;
  file: F;
}

const fileOf = (entry: DroppedEntry): Promise<File> =>
  new Promise((resolve, reject) => entry.file!(resolve, reject));

/** A folder's entries: readEntries gives them in chunks (100 in Chromium) until it gives none. */
async function entriesOf(entry: DroppedEntry): Promise<DroppedEntry[]> {
  const reader = entry.createReader!();
  const all: DroppedEntry[] = [];
  for (;;) {
    const chunk = await new Promise<DroppedEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (chunk.length === 0) return all;
    all.push(...chunk);
  }
}

/**
 * Every file under the dropped entries, folders opened recursively, hidden files and folders (".git",
 * ".DS_Store") skipped, in path order. Entries must be taken from the drop event while it is dispatched.
 */
export async function filesOfEntries(entries: readonly DroppedEntry[]): Promise<DroppedFile<File>[]> {
  const found: DroppedFile<File>[] = [];
  const walk = async (entry: DroppedEntry): Promise<void> => {
    if (entry.name.startsWith('.')) return;
    if (entry.isFile && entry.file) found.push({ path: entry.fullPath, file: await fileOf(entry) });
    else if (entry.isDirectory && entry.createReader)
      for (const child of await entriesOf(entry)) await walk(child);
  };
  for (const entry of entries) await walk(entry);
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
