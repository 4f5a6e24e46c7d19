// Case files on disk: create, open, refusals of foreign, corrupt, newer and tampered files, migration with backup.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_ID,
  caseInfo,
  closeCase,
  createCase,
  fileStamp,
  inspectCaseFile,
  openCase,
  transaction,
} from '../../db/caseFile.ts';
import { AttestError } from '../../db/errors.ts';
import { latestVersion, migrations, type Migration } from '../../db/migrations/index.ts';
import { renderSchema } from '../../db/schema.ts';
import { addSource, damageTable, REPORT, tempDir, refusal } from '../helpers.ts';

const hashOf = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A closed, valid case file with one source, for tampering. */
function savedCase(): string {
  const path = join(tempDir(), 'saved.attest');
  const c = createCase(path, { author: 'Ana' });
  addSource(c, REPORT);
  closeCase(c);
  return path;
}

/** Checks that opening a file is refused with a code, and that the file is left exactly as it was. */
function expectRefusedUntouched(path: string, code: string): AttestError {
  const before = hashOf(path);
  const siblings = readdirSync(join(path, '..')).sort();
  const error = refusal(() => openCase(path, { author: 'Ana' }));
  expect(error.code).toBe(code);
  expect(error.message).not.toContain('/');
  expect(hashOf(path)).toBe(before);
  expect(readdirSync(join(path, '..')).sort()).toEqual(siblings);
  return error;
}

describe('creating and opening', () => {
  it('creates a case file with the identity pragmas, WAL and foreign keys', () => {
    const path = join(tempDir(), 'new.attest');
    const c = createCase(path, { author: 'Ana', title: 'Kivu 2025' });
    expect(c.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(c.db.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(c.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(c.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(c.db.pragma('trusted_schema', { simple: true })).toBe(0);
    const info = caseInfo(c);
    expect(info.title).toBe('Kivu 2025');
    expect(info.caseId).toMatch(/^[0-9a-f-]{36}$/);
    closeCase(c);
    const again = openCase(path, { author: 'Ben' });
    expect(caseInfo(again).caseId).toBe(info.caseId);
    closeCase(again);
  });

  it('refuses to create over an existing file', () => {
    const path = savedCase();
    const before = hashOf(path);
    expect(refusal(() => createCase(path, { author: 'Ana' })).code).toBe('conflict');
    expect(hashOf(path)).toBe(before);
  });

  it('keeps the clock moving forward across sessions', () => {
    const path = savedCase();
    const c = openCase(path, { author: 'Ana' });
    const stored = c.db.prepare(`SELECT value FROM meta WHERE key = 'clock'`).pluck().get() as string;
    expect(c.clock.last).toBe(stored);
    expect(c.clock.tick() > stored).toBe(true);
    closeCase(c);
  });
});

describe('refusing files that are not sound Attest cases', () => {
  it('refuses a missing file', () => {
    expect(refusal(() => openCase(join(tempDir(), 'none.attest'), { author: 'Ana' })).code).toBe('not-found');
  });

  it('refuses an empty file and a text file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.attest'), '');
    expectRefusedUntouched(join(dir, 'empty.attest'), 'not-a-case');
    writeFileSync(join(dir, 'notes.attest'), 'these are my notes, not a database\n'.repeat(50));
    const error = expectRefusedUntouched(join(dir, 'notes.attest'), 'not-a-case');
    expect(error.message).toMatch(/notes\.attest is not an Attest case file/);
  });

  it('refuses a foreign SQLite database', () => {
    const path = join(tempDir(), 'other.attest');
    const db = new Database(path);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    db.close();
    const error = expectRefusedUntouched(path, 'not-a-case');
    expect(error.message).toMatch(/SQLite database but not an Attest case file/);
  });

  it('refuses a truncated case file', () => {
    const path = savedCase();
    truncateSync(path, 4096 * 3);
    expectRefusedUntouched(path, 'corrupt');
  });

  it('refuses a case file with damaged pages', () => {
    const path = savedCase();
    const bytes = readFileSync(path);
    // Overwrite the middle of the file (b-tree pages) with garbage; the header stays valid.
    for (let i = 4096 * 2; i < bytes.length - 4096; i += 7) bytes[i] = (i * 31) & 0xff;
    writeFileSync(path, bytes);
    expectRefusedUntouched(path, 'corrupt');
  });

  it('refuses a file from a newer version with a clear message', () => {
    const path = savedCase();
    const db = new Database(path);
    db.pragma(`user_version = ${latestVersion + 10}`);
    db.close();
    const error = expectRefusedUntouched(path, 'newer-version');
    expect(error.message).toMatch(/newer version of Attest/);
  });

  it('refuses a case file that carries an unexpected trigger, view or table', () => {
    for (const sql of [
      `CREATE TRIGGER spy AFTER INSERT ON claims BEGIN DELETE FROM sources; END`,
      `CREATE VIEW everything AS SELECT * FROM sources`,
      `CREATE TABLE extra (x)`,
      `DROP INDEX claims_by_date`,
    ]) {
      const path = savedCase();
      const db = new Database(path);
      db.exec(sql);
      db.close();
      const error = expectRefusedUntouched(path, 'untrusted-schema');
      expect(error.message).toMatch(/structure is not what Attest creates/);
    }
  });

  it('inspects without writing, and reports the version', () => {
    const path = savedCase();
    const before = hashOf(path);
    expect(inspectCaseFile(path)).toBe(latestVersion);
    expect(hashOf(path)).toBe(before);
  });
});

describe('migrations', () => {
  it('db/schema.sql is what the migrations produce (run `npm run db:schema`)', () => {
    expect(readFileSync(join(import.meta.dirname, '../../db/schema.sql'), 'utf8')).toBe(renderSchema());
  });

  it('migration files are numbered in steps of 10 and listed in order', () => {
    const files = readdirSync(join(import.meta.dirname, '../../db/migrations')).filter((f) =>
      f.endsWith('.sql'),
    );
    expect(migrations.map((m) => m.file)).toEqual(files.sort());
    migrations.forEach((m, i) => {
      expect(m.version).toBe((i + 1) * 10);
      expect(m.file.startsWith(String(m.version).padStart(4, '0'))).toBe(true);
    });
  });

  it('backs up an older file, migrates it in place and keeps its records', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '9990_future.sql'), 'ALTER TABLE sources ADD COLUMN region TEXT;\n');
    const future: Migration[] = [
      ...migrations,
      { version: latestVersion + 10, file: '9990_future.sql', dir },
    ];
    const path = savedCase();
    const before = hashOf(path);
    const c = openCase(path, { author: 'Ana', migrations: future });
    expect(c.db.pragma('user_version', { simple: true })).toBe(latestVersion + 10);
    expect(c.db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(1);
    expect(c.db.prepare(`SELECT name FROM pragma_table_info('sources')`).pluck().all()).toContain('region');
    closeCase(c);
    expect(hashOf(path)).not.toBe(before);
    // The backup is a full, openable case at the old version with the same records.
    const backup = `${path}.v${latestVersion}.bak`;
    expect(existsSync(backup)).toBe(true);
    const old = openCase(backup, { author: 'Ana' });
    expect(old.db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(1);
    closeCase(old);
    // This engine refuses the upgraded file as newer, without touching it.
    expectRefusedUntouched(path, 'newer-version');
  });

  it('a failed migration changes nothing', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, '9990_broken.sql'),
      'ALTER TABLE sources ADD COLUMN region TEXT;\nCREATE TABLE broken (;\n',
    );
    const broken: Migration[] = [
      ...migrations,
      { version: latestVersion + 10, file: '9990_broken.sql', dir },
    ];
    const path = savedCase();
    expect(refusal(() => openCase(path, { author: 'Ana', migrations: broken })).code).toBe('io');
    const c = openCase(path, { author: 'Ana' });
    expect(c.db.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(c.db.prepare(`SELECT name FROM pragma_table_info('sources')`).pluck().all()).not.toContain(
      'region',
    );
    closeCase(c);
  });
});

describe('reopening a file this install closed cleanly', () => {
  it('skips the full-file check only while the file is exactly as stamped', () => {
    const path = join(tempDir(), 'stamped.attest');
    const c = createCase(path, { author: 'Ana' });
    addSource(c, REPORT);
    const stamp = closeCase(c);
    expect(stamp).toEqual(fileStamp(path));
    const reopened = openCase(path, { author: 'Ana', closedCleanly: stamp! });
    expect(reopened.integrity).toBe('stamped');
    const again = closeCase(reopened)!;
    const unstamped = openCase(path, { author: 'Ana' });
    expect(unstamped.integrity).toBe('checked');
    closeCase(unstamped);

    // Damaged since (its time moves on): the stamp no longer fits, the full check runs and refuses it.
    const bytes = readFileSync(path);
    for (let i = 4096 * 2; i < bytes.length - 4096; i += 7) bytes[i] = (i * 31) & 0xff;
    writeFileSync(path, bytes);
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(refusal(() => openCase(path, { author: 'Ana', closedCleanly: again })).code).toBe('corrupt');
  });
});

describe('opening with the full integrity check deferred to the first write', () => {
  const deferred = (path: string) => openCase(path, { author: 'Ana', deferIntegrityCheck: true });

  it('reads a damaged file at once, refuses its first write and every later one, and leaves it unchanged', () => {
    const path = savedCase();
    damageTable(path, 'sources');
    // What opening it with the check first says.
    const message = refusal(() => openCase(path, { author: 'Ana' })).message;
    // Either SQLite lists the damage or it cannot read on (which one depends on where the random ids put rows).
    expect(message).toMatch(
      /^saved\.attest is damaged(: SQLite's integrity check failed \(.+\)| or truncated and cannot be read)\.$/s,
    );
    const before = hashOf(path);
    const siblings = readdirSync(join(path, '..')).sort();
    const c = deferred(path);
    expect(c.integrity).toBe('checking');
    expect(caseInfo(c).schemaVersion).toBe(latestVersion);
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = refusal(() => addSource(c, 'Another report.'));
      expect(error.code).toBe('corrupt');
      expect(error.message).toBe(message);
    }
    expect(c.integrity).toBe('damaged');
    // A write that does not pass through transaction() is refused by SQLite itself.
    expect(() => c.db.exec(`INSERT INTO meta (key, value) VALUES ('x', 'y')`)).toThrow(/readonly/);
    // No stamp: the next opening checks the whole file again.
    expect(closeCase(c)).toBeNull();
    expect(hashOf(path)).toBe(before);
    expect(readdirSync(join(path, '..')).sort()).toEqual(siblings);
  });

  it('writes to a sound file once its check has passed, and stamps its clean close', () => {
    const path = savedCase();
    const c = deferred(path);
    expect(c.integrity).toBe('checking');
    addSource(c, 'Another report.');
    expect(c.integrity).toBe('checked');
    expect(c.pendingCheck).toBeNull();
    expect(c.db.pragma('query_only', { simple: true })).toBe(0);
    const stamp = closeCase(c);
    expect(stamp).toEqual(fileStamp(path));
    expect(
      openCase(path, { author: 'Ana', closedCleanly: stamp!, deferIntegrityCheck: true }).integrity,
    ).toBe('stamped');
  });

  it('stops the check when the case is closed while it runs', async () => {
    // A check that never answers, so that it is surely running when the case closes.
    const workerFile = join(tempDir(), 'endless.mjs');
    writeFileSync(workerFile, 'setInterval(() => {}, 1000);\n');
    const c = openCase(savedCase(), {
      author: 'Ana',
      deferIntegrityCheck: true,
      integrityWorkerFile: workerFile,
    });
    const check = c.pendingCheck!;
    await new Promise((resolve) => setTimeout(resolve, 300));
    closeCase(c);
    // Exit code 1: the thread was terminated, not left to run.
    expect(await check.threadEnded()).toBe(1);
    // A write still coming to the closed case fails as on any closed case, without checking it after all.
    expect(() => transaction(c, () => 1)).toThrow(/not open/);
    expect(c.integrity).toBe('checking');
    // Whoever waited for its verdict is released.
    await expect(check.settled()).resolves.toBeUndefined();
  });

  it('checks in full before opening where opening would write: an upgrade, another journal mode', () => {
    const path = savedCase();
    damageTable(path, 'sources');
    const db = new Database(path);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = hashOf(path);
    expect(refusal(() => deferred(path)).code).toBe('corrupt');
    expect(hashOf(path)).toBe(before);

    const sound = savedCase();
    const rollback = new Database(sound);
    rollback.pragma('journal_mode = DELETE');
    rollback.close();
    const c = deferred(sound);
    expect(c.integrity).toBe('checked');
    closeCase(c);
  });
});
