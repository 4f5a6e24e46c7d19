// SQLite URI file names, for reading a colleague's case file in place without writing beside it (db/merge.ts):
// better-sqlite3 enables them for the whole process when SQLITE_USE_URI=1 is set before its first connection
// (its addon reads the variable once, when it loads). Imported first by db/caseFile.ts, so it runs before any
// connection is made. Every path the engine opens is absolute, so no file name is ever taken for a URI.
import { pathToFileURL } from 'node:url';

process.env.SQLITE_USE_URI ??= '1';

/**
 * The URI under which SQLite reads a file that nobody writes meanwhile: read-only, without locks, without the
 * -shm and -wal files a WAL database's readers otherwise create beside it. Only for a file with no -wal.
 */
export const immutableUri = (path: string): string => `${pathToFileURL(path).href}?immutable=1`;
