// Creating, validating, migrating, opening and closing case files (.attest): the only place a file is opened.
// Every file is treated as hostile until proven otherwise (DESIGN.md, "Untrusted files"):
// https://www.sqlite.org/security.html — defensive mode (better-sqlite3's default), trusted_schema off,
// quick_check, and the schema objects compared with what our own migrations create.
import { immutableUri } from './sqliteUris.ts'; // first: it must run before any connection is made
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { finishBackground } from './background.ts';
import { createClock, type Clock } from './clock.ts';
import { AttestError } from './errors.ts';
import { authorIdFor, newId } from './ids.ts';
import { startIntegrityCheck, unreadableMessage, type IntegrityCheck } from './integrity.ts';
import {
  latestVersion,
  migrations as releasedMigrations,
  migrationSql,
  type Migration,
} from './migrations/index.ts';

/** PRAGMA application_id of every Attest case file: the bytes 'ATST'. */
export const APPLICATION_ID = 0x41545354;

export const CASE_EXTENSION = '.attest';

export interface Author {
  id: string;
  name: string;
}

export interface CaseFile {
  readonly db: Database.Database;
  readonly path: string;
  /** The analyst whose name goes on every change; preferences can change it. */
  author: Author;
  readonly clock: Clock;
  /** Prepared statements, cached per connection. */
  readonly statements: Map<string, Database.Statement>;
  /** Actions begun in the running transaction; those that changed nothing are dropped at its end. */
  readonly pendingActions: string[];
  /**
   * How the file was checked: every page (quick_check) before opening, on the stamp of this install's clean
   * close, 'checking' while the full check runs on its own thread (the case is readable, nothing can be written),
   * 'damaged' once that check failed (every write is refused).
   */
  integrity: 'checked' | 'stamped' | 'checking' | 'damaged';
  /** The full check still running or failed (integrity 'checking' or 'damaged'); null once passed or never run. */
  pendingCheck: IntegrityCheck | null;
}

/**
 * How a case file looked on disk right after this install closed it cleanly. Opening it again while it still
 * looks exactly so may skip SQLite's full-file check (the one slow step of opening: ~1 s at 400 MiB); any
 * change to the file (by anyone, even with the same size) changes its modification time or inode.
 */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
  dev: number;
}

export function fileStamp(path: string): FileStamp | null {
  try {
    const stat = statSync(path);
    return { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, dev: stat.dev };
  } catch {
    return null;
  }
}

export const sameStamp = (a: FileStamp, b: FileStamp | null): boolean =>
  b !== null && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && a.dev === b.dev;

export interface OpenOptions {
  author: Author | string;
  /** The stamp closeCase gave when this install last closed the file (kept outside the file, in the profile). */
  closedCleanly?: FileStamp;
  /** For tests of the migration machinery; the released list otherwise. */
  migrations?: readonly Migration[];
  /**
   * Return once the header, version and schema are checked, and run SQLite's full-file check (a second or more
   * for a large case) on another thread: the case is read meanwhile, and the first write waits for the verdict
   * (see checkedForWriting). Where opening itself would write (an upgrade, a journal mode to change, a WAL left
   * by a crash to replay), the full check still runs first.
   */
  deferIntegrityCheck?: boolean;
  /** For tests of a deferred check: the module its thread runs (db/integrityWorker.mjs otherwise). */
  integrityWorkerFile?: string;
}

export const toAuthor = (author: Author | string): Author =>
  typeof author === 'string' ? { id: authorIdFor(author), name: author.normalize('NFC').trim() } : author;

const SQLITE_MAGIC = 'SQLite format 3\0';

export function prepare(c: CaseFile, sql: string): Database.Statement {
  let statement = c.statements.get(sql);
  if (!statement) {
    statement = c.db.prepare(sql);
    c.statements.set(sql, statement);
  }
  return statement;
}

/**
 * Runs fn in one transaction: a user action writes everything or nothing. Nested calls join the outer one.
 * An action that changed nothing (an edit to the same value) is dropped, so Undo never "undoes" nothing.
 */
export function transaction<T>(c: CaseFile, fn: () => T): T {
  if (c.db.inTransaction) return fn();
  checkedForWriting(c);
  return c.db
    .transaction(() => {
      try {
        const result = fn();
        const drop = prepare(
          c,
          'DELETE FROM actions WHERE id = ? AND NOT EXISTS (SELECT 1 FROM changes WHERE action_id = actions.id)',
        );
        for (const id of c.pendingActions) drop.run(id);
        return result;
      } finally {
        c.pendingActions.length = 0;
      }
    })
    .immediate();
}

export function createCase(path: string, options: OpenOptions & { title?: string }): CaseFile {
  const name = basename(path);
  if (existsSync(path)) throw new AttestError('conflict', `${name} already exists; open it instead.`);
  const list = options.migrations ?? releasedMigrations;
  const version = list[list.length - 1]!.version;
  // Built under a temporary name and renamed into place, so a failed create leaves no half-made case.
  const temporary = `${path}.${process.pid}.creating`;
  try {
    const db = new Database(resolve(temporary));
    try {
      db.pragma('journal_mode = DELETE');
      db.pragma('trusted_schema = OFF');
      db.transaction(() => {
        for (const migration of list) db.exec(migrationSql(migration));
        const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (:key, :value)');
        setMeta.run({ key: 'caseId', value: newId() });
        setMeta.run({ key: 'title', value: (options.title ?? basename(path, CASE_EXTENSION)).trim() });
        setMeta.run({ key: 'createdAt', value: new Date().toISOString() });
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${version}`);
      })();
    } finally {
      db.close();
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    if (error instanceof AttestError) throw error;
    throw new AttestError(
      'io',
      `Could not create ${name}: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}.`,
    );
  }
  return openCase(path, options);
}

interface SchemaObject {
  type: string;
  name: string;
  tableName: string;
  sql: string | null;
}

const schemaCache = new Map<string, SchemaObject[]>();

const readSchema = (db: Database.Database): SchemaObject[] =>
  db
    .prepare(
      `SELECT type, name, tbl_name AS tableName, sql FROM sqlite_schema
       WHERE name NOT IN ('sqlite_stat1', 'sqlite_stat4') ORDER BY type, name`,
    )
    .all() as SchemaObject[];

/** The schema objects our migrations create at a version, read back from an in-memory database. */
function expectedSchema(version: number, list: readonly Migration[]): SchemaObject[] {
  const key = `${version}:${list.map((m) => `${m.dir ?? ''}/${m.file}`).join(',')}`;
  let schema = schemaCache.get(key);
  if (!schema) {
    const db = new Database(':memory:');
    for (const migration of list) if (migration.version <= version) db.exec(migrationSql(migration));
    schema = readSchema(db);
    db.close();
    schemaCache.set(key, schema);
  }
  return schema;
}

function describeDifference(actual: SchemaObject[], expected: SchemaObject[]): string | null {
  const key = (o: SchemaObject) => `${o.type}\u0000${o.name}\u0000${o.tableName}\u0000${o.sql ?? ''}`;
  const expectedKeys = new Set(expected.map(key));
  const actualKeys = new Set(actual.map(key));
  const unexpected = actual.filter((o) => !expectedKeys.has(key(o)));
  const missing = expected.filter((o) => !actualKeys.has(key(o)));
  if (unexpected.length === 0 && missing.length === 0) return null;
  const parts: string[] = [];
  if (unexpected.length)
    parts.push(`unexpected ${unexpected.map((o) => `${o.type} '${o.name}'`).join(', ')}`);
  if (missing.length)
    parts.push(`missing or altered ${missing.map((o) => `${o.type} '${o.name}'`).join(', ')}`);
  return parts.join('; ');
}

function readHeader(path: string): Buffer {
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  return header;
}

const sidecars = (path: string) => [`${path}-wal`, `${path}-shm`, `${path}-journal`];

/**
 * Checks a case file without writing to it and returns its schema version.
 * Throws AttestError with a message naming the file (by name only) and what is wrong.
 */
export function inspectCaseFile(
  path: string,
  list: readonly Migration[] = releasedMigrations,
  options: {
    skipIntegrityCheck?: boolean;
    /** Read in place as a file nobody writes meanwhile (no -wal beside it): nothing is created beside it. */
    immutable?: boolean;
  } = {},
): number {
  const name = basename(path);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new AttestError('not-a-case', `${name} is not a file.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof AttestError) throw error;
    throw new AttestError('not-found', `There is no case file named ${name} there.`);
  }
  if (size === 0) throw new AttestError('not-a-case', `${name} is empty, not an Attest case file.`);
  const header = readHeader(path);
  if (header.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) {
    throw new AttestError('not-a-case', `${name} is not an Attest case file (it is not a SQLite database).`);
  }
  if (size < 512) throw new AttestError('corrupt', `${name} is truncated: it ends inside its first page.`);
  if (header.readUInt32BE(68) !== APPLICATION_ID) {
    throw new AttestError('not-a-case', `${name} is a SQLite database but not an Attest case file.`);
  }

  const existedBefore = sidecars(path).map((p) => existsSync(p));
  let db: Database.Database | undefined;
  try {
    db = new Database(options.immutable ? immutableUri(resolve(path)) : resolve(path), {
      readonly: true,
      fileMustExist: true,
    });
    db.pragma('trusted_schema = OFF');
    const version = db.pragma('user_version', { simple: true }) as number;
    const newest = list[list.length - 1]!.version;
    if (version > newest) {
      throw new AttestError(
        'newer-version',
        `${name} was written by a newer version of Attest (schema ${version}; this one knows up to ${newest}). Update Attest to open it.`,
      );
    }
    if (!list.some((m) => m.version === version)) {
      throw new AttestError('not-a-case', `${name} has an unknown Attest schema version (${version}).`);
    }
    const problems = options.skipIntegrityCheck
      ? ['ok']
      : (db.pragma('quick_check(20)') as { quick_check: string }[]).map((r) => r.quick_check);
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new AttestError(
        'corrupt',
        `${name} is damaged: SQLite's integrity check failed (${problems[0]}).`,
      );
    }
    const difference = describeDifference(readSchema(db), expectedSchema(version, list));
    if (difference) {
      throw new AttestError(
        'untrusted-schema',
        `${name} was refused: its structure is not what Attest creates (${difference}).`,
      );
    }
    return version;
  } catch (error) {
    if (error instanceof AttestError) throw error;
    throw new AttestError('corrupt', unreadableMessage(name, (error as { code?: string }).code ?? ''));
  } finally {
    db?.close();
    // A read-only look at a WAL file makes SQLite create its -wal/-shm beside it; leave no trace behind.
    sidecars(path).forEach((p, i) => {
      if (!existedBefore[i] && existsSync(p) && (p.endsWith('-shm') || statSync(p).size === 0)) rmSync(p);
    });
  }
}

function migrate(db: Database.Database, path: string, from: number, list: readonly Migration[]): void {
  const pending = list.filter((m) => m.version > from);
  if (pending.length === 0) return;
  // Back up the file before touching it: an analyst's only copy of a case must survive a failed upgrade.
  const backup = `${path}.v${from}.bak`;
  if (!existsSync(backup)) db.prepare('VACUUM INTO ?').run(backup);
  // https://www.sqlite.org/lang_altertable.html#otheralter: foreign keys off, one transaction, then check.
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) {
        db.exec(migrationSql(migration));
        db.pragma(`user_version = ${migration.version}`);
      }
      const violations = db.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0) {
        throw new AttestError(
          'corrupt',
          `${basename(path)} could not be upgraded: its records do not fit together.`,
        );
      }
    })();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

export function openCase(path: string, options: OpenOptions): CaseFile {
  const list = options.migrations ?? releasedMigrations;
  const clean = options.closedCleanly !== undefined && sameStamp(options.closedCleanly, fileStamp(path));
  // A WAL file beside it means it was not closed cleanly since (a crash, or another program): check it all.
  const stamped = clean && !existsSync(`${path}-wal`);
  const deferred = !stamped && options.deferIntegrityCheck === true && opensWithoutWriting(path, list);
  const version = inspectCaseFile(path, list, { skipIntegrityCheck: stamped || deferred });
  let db: Database.Database;
  try {
    db = new Database(resolve(path), { fileMustExist: true });
  } catch {
    throw new AttestError('io', `${basename(path)} cannot be opened for writing.`);
  }
  let pendingCheck: IntegrityCheck | null = null;
  try {
    // Refused by SQLite itself until the check has passed, so that no write can slip past checkedForWriting.
    if (deferred) db.pragma('query_only = ON');
    db.pragma('trusted_schema = OFF');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // Every action is its own transaction, so a bulk import is many small commits; at SQLite's default of 1,000
    // pages nearly each one ran a checkpoint (copying pages back and syncing the file), which cost more than
    // the rows. 10,000 pages (40 MiB of WAL) checkpoints a tenth as often; closing the case still empties it.
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma('foreign_keys = ON');
    migrate(db, path, version, list);
    // Started last, so that an opening that fails leaves no thread behind.
    if (deferred)
      pendingCheck = startIntegrityCheck(path, { workerFile: options.integrityWorkerFile, asOpening: true });
  } catch (error) {
    db.close();
    if (error instanceof AttestError) throw error;
    throw new AttestError('io', `${basename(path)} could not be prepared: ${(error as Error).message}`);
  }
  const lastClock = db.prepare(`SELECT value FROM meta WHERE key = 'clock'`).pluck().get() as
    string | undefined;
  return {
    db,
    path,
    author: toAuthor(options.author),
    clock: createClock(lastClock ?? null),
    statements: new Map(),
    pendingActions: [],
    integrity: stamped ? 'stamped' : deferred ? 'checking' : 'checked',
    pendingCheck,
  };
}

/**
 * Whether opening the file writes nothing to it, so that its full check may wait until the first write: the
 * current schema version, already in WAL mode (https://www.sqlite.org/fileformat.html#database_header: bytes 18
 * and 19 are 2, user_version at 60), and no WAL to replay (a reader would checkpoint it into the file on closing).
 * Otherwise (an upgrade, a foreign file, a crash) the file is checked in full before it is opened, as always.
 */
function opensWithoutWriting(path: string, list: readonly Migration[]): boolean {
  try {
    if (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size) return false;
    const header = readHeader(path);
    return header[18] === 2 && header[19] === 2 && header.readUInt32BE(60) === list[list.length - 1]!.version;
  } catch {
    // Unreadable: inspectCaseFile says why.
    return false;
  }
}

/**
 * The one gate before any write (transaction() passes through it): waits for a deferred integrity check's
 * verdict (blocking this thread; at once when it has come), then lets writes through. A damaged file throws
 * AttestError 'corrupt' with the same message as a check at opening, now and at every later attempt, and
 * nothing is written.
 */
export function checkedForWriting(c: CaseFile): void {
  const check = c.pendingCheck;
  // Closed before its verdict (a call still running when its case was switched): the stopped check is not run
  // again here; the write fails on the closed connection as it always did. A damaged one still says why.
  if (!check || (!c.db.open && c.integrity !== 'damaged')) return;
  try {
    check.passed();
  } catch (error) {
    c.integrity = 'damaged';
    throw error;
  }
  c.pendingCheck = null;
  c.integrity = 'checked';
  c.db.pragma('query_only = OFF');
}

/**
 * Closes the case. Returns the file's stamp when it closed cleanly (its WAL checkpointed away), for the next
 * openCase to skip the full-file check; null otherwise.
 */
export function closeCase(c: CaseFile): FileStamp | null {
  // A check still running is stopped (its thread ends); a file whose check did not pass gets no stamp, so that
  // the next opening checks it in full, and is left as it was (PRAGMA optimize may write statistics).
  const unchecked = c.pendingCheck !== null;
  c.pendingCheck?.stop();
  // Work beside the case (a merge's checkpoint, its copy's removal) ends first, even for a closed connection.
  finishBackground(c);
  if (!c.db.open) return null;
  c.statements.clear();
  if (!unchecked) c.db.pragma('optimize');
  c.db.close();
  return unchecked || existsSync(`${c.path}-wal`) ? null : fileStamp(c.path);
}

export interface CaseInfo {
  caseId: string;
  title: string;
  createdAt: string;
  schemaVersion: number;
}

/** How many live records the case holds, for the title bar and `attest info`. */
export function caseCounts(c: CaseFile): { sources: number; claims: number; tags: number } {
  const count = (table: string) =>
    prepare(c, `SELECT count(*) FROM ${table} WHERE deleted = 0`).pluck().get() as number;
  return { sources: count('sources'), claims: count('claims'), tags: count('tags') };
}

export function caseInfo(c: CaseFile): CaseInfo {
  const rows = prepare(c, 'SELECT key, value FROM meta').all() as { key: string; value: string }[];
  const meta = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  return {
    caseId: meta.caseId ?? '',
    title: meta.title ?? '',
    createdAt: meta.createdAt ?? '',
    schemaVersion: c.db.pragma('user_version', { simple: true }) as number,
  };
}

export { latestVersion };
