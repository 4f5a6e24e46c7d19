// Work beside a case on worker threads: a large write's checkpoint and a merge's copy removed; closing waits.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase, openCase, type CaseFile } from '../../db/caseFile.ts';
import { finishBackground, removeBeside, runningBeside, withCheckpointBeside } from '../../db/background.ts';
import { createClaim, listClaims } from '../../db/claims.ts';
import { mergeCaseFile } from '../../db/merge.ts';
import { addSource, newCase, REPORT, tempDir } from '../helpers.ts';
import { closeAll, copyFor } from './mergeFixtures.ts';

let written = 0;

/** Writes enough to fill a log of more than five pages (each import commits on its own); new texts each time. */
function writeMuch(c: CaseFile): string[] {
  written += 1;
  const ids: string[] = [];
  for (let i = 0; i < 40; i++)
    ids.push(addSource(c, `${REPORT}\nUpdate ${written}.${i}: ${'casualty figures '.repeat(80)}`));
  return ids;
}

/** The case file's own size: in WAL mode it grows only when a checkpoint copies the log into it. */
const fileSize = (c: CaseFile) => statSync(c.path).size;

describe('work beside the case', () => {
  it('commits a large write without copying its log, then copies it on a worker thread', () => {
    const c = newCase();
    c.db.pragma('wal_autocheckpoint = 5');
    const before = fileSize(c);
    const ids = withCheckpointBeside(c, () => {
      const written = writeMuch(c);
      // Forty commits, and not one copied the log into the file.
      expect(c.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      expect(fileSize(c)).toBe(before);
      return written;
    });
    expect(c.db.pragma('wal_autocheckpoint', { simple: true })).toBe(5);
    expect(runningBeside(c)).toEqual(['checkpoint']);
    expect(finishBackground(c)).toEqual(['worker']);
    expect(runningBeside(c)).toEqual([]);
    expect(fileSize(c)).toBeGreaterThan(before);
    // Everything the log held is in the file now: a checkpoint from here finds nothing left to copy.
    const [result] = c.db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(result!.checkpointed).toBe(result!.log);
    const path = c.path;
    closeCase(c);
    const again = openCase(path, { author: 'Ana Analyst' });
    expect(again.db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(ids.length);
    closeCase(again);
  });

  it('checkpoints here when no worker can load, and starts nothing for a small write or a failed one', () => {
    const c = newCase();
    c.db.pragma('wal_autocheckpoint = 5');
    const dying = join(tempDir(), 'dying.mjs');
    writeFileSync(dying, "throw new Error('cannot load');\n");
    // A worker whose module fails to load says so at once, and the checkpoint is done here when waited for.
    let before = fileSize(c);
    withCheckpointBeside(c, () => writeMuch(c), dying);
    expect(finishBackground(c)).toEqual(['here']);
    expect(fileSize(c)).toBeGreaterThan(before);
    // No worker file at all: the checkpoint is done here straight away, as SQLite would have at COMMIT.
    before = fileSize(c);
    withCheckpointBeside(c, () => writeMuch(c), join(tempDir(), 'missing.mjs'));
    expect(runningBeside(c)).toEqual([]);
    expect(fileSize(c)).toBeGreaterThan(before);
    c.db.pragma('wal_autocheckpoint = 1000');
    withCheckpointBeside(c, () => addSource(c, 'date 2025-02-24\nBukavu — The airport closed.'));
    expect(runningBeside(c)).toEqual([]);
    c.db.pragma('wal_autocheckpoint = 5');
    expect(() =>
      withCheckpointBeside(c, () => {
        writeMuch(c);
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(runningBeside(c)).toEqual([]);
    expect(c.db.pragma('wal_autocheckpoint', { simple: true })).toBe(5);
  });

  it('removes a folder on a worker thread', () => {
    const c = newCase();
    const dir = join(tempDir(), 'copy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'other.attest'), 'x'.repeat(100_000));
    removeBeside(c, dir);
    expect(runningBeside(c)).toEqual(['removal']);
    expect(finishBackground(c)).toEqual(['worker']);
    expect(existsSync(dir)).toBe(false);
  });

  it('lets a merge return before its log is copied; closing waits, and the file closes cleanly', () => {
    const ana = newCase();
    const sourceId = addSource(ana, REPORT);
    const ben = copyFor(ana, 'Ben Reviewer');
    for (let i = 0; i < 30; i++) {
      createClaim(ben, {
        anchor: { sourceId, quote: 'A day earlier' },
        statement: `Airport closure, reading ${i}: ${'the airport closed a day earlier '.repeat(20)}`,
      });
    }
    ana.db.pragma('wal_autocheckpoint = 5');
    expect(mergeCaseFile(ana, ben.path).kinds.claim.added).toBe(30);
    expect(runningBeside(ana)).toEqual(['checkpoint', 'removal']);
    // Reading and writing go on meanwhile.
    expect(listClaims(ana, {})).toHaveLength(30);
    createClaim(ana, { anchor: { sourceId, quote: 'A day earlier' }, statement: 'Airport closed' });
    const path = ana.path;
    // A stamp means the log is gone: the worker's connection was closed before the case's.
    expect(closeCase(ana)).not.toBeNull();
    const again = openCase(path, { author: 'Ana Analyst' });
    expect(listClaims(again, {})).toHaveLength(31);
    closeAll(again, ben);
  });
});
