// The integrity check on a worker thread: its verdict, and the check here when no worker can answer.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase } from '../../db/caseFile.ts';
import { createClaim } from '../../db/claims.ts';
import { startIntegrityCheck } from '../../db/integrity.ts';
import { addSource, damageTable, newCase, refusal, REPORT, tempDir } from '../helpers.ts';

function savedCase(): string {
  const c = newCase();
  const sourceId = addSource(c, REPORT);
  createClaim(c, { anchor: { sourceId, quote: 'A day earlier' }, statement: 'A day before' });
  closeCase(c);
  return c.path;
}

describe('integrity check beside the work', () => {
  it('passes a sound file and refuses a damaged one', () => {
    const sound = savedCase();
    expect(startIntegrityCheck(sound).passed()).toBe('worker');
    const damaged = savedCase();
    damageTable(damaged, 'claims');
    const error = refusal(() => startIntegrityCheck(damaged).passed());
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/test\.attest is damaged: SQLite's integrity check failed/);
  });

  it('tells an event loop when the verdict has come, without blocking it', async () => {
    const damaged = savedCase();
    damageTable(damaged, 'claims');
    const check = startIntegrityCheck(damaged);
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 1);
    await check.settled();
    clearInterval(ticking);
    expect(ticks).toBeGreaterThan(0);
    // The verdict is there: passed() answers from it.
    expect(refusal(() => check.passed()).code).toBe('corrupt');
    expect(await check.threadEnded()).not.toBeNull();
  });

  it('checks here when the worker cannot start or dies without an answer', () => {
    const dir = tempDir();
    const dying = join(dir, 'dying.mjs');
    writeFileSync(dying, "throw new Error('cannot load');\n");
    const damaged = savedCase();
    damageTable(damaged, 'claims');
    for (const workerFile of [dying, join(dir, 'missing.mjs')]) {
      const started = Date.now();
      expect(startIntegrityCheck(savedCase(), { workerFile }).passed()).toBe('here');
      expect(refusal(() => startIntegrityCheck(damaged, { workerFile }).passed()).code).toBe('corrupt');
      // Not a timeout: a worker that died is noticed at once.
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });

  it('compares the history both files hold, on the worker or here, and names a rewritten change', () => {
    const ana = newCase();
    const sourceId = addSource(ana, REPORT);
    createClaim(ana, { anchor: { sourceId, quote: 'A day earlier' }, statement: 'A day before' });
    const copy = join(tempDir(), 'ben.attest');
    ana.db.prepare('VACUUM INTO ?').run(copy);
    // With the comparison comes how many records of each kind the file's history holds, from either thread.
    for (const [workerFile, where] of [
      [undefined, 'worker'],
      [join(tempDir(), 'missing.mjs'), 'here'],
    ] as const) {
      const check = startIntegrityCheck(copy, { compare: { casePath: ana.path }, workerFile });
      expect(check.passed()).toBe(where);
      expect(Object.fromEntries(check.recordsPerKind())).toEqual({ source: 1, claim: 1 });
    }
    const db = new Database(copy);
    db.prepare(
      `UPDATE changes SET value = json_set(value, '$.statement', 'Rewritten') WHERE entity = 'claim'`,
    ).run();
    db.close();
    for (const workerFile of [undefined, join(tempDir(), 'missing.mjs')]) {
      const error = refusal(() =>
        startIntegrityCheck(copy, { compare: { casePath: ana.path }, workerFile }).passed(),
      );
      expect(error.code).toBe('bad-input');
      expect(error.message).toMatch(
        /ben\.attest was refused: its history contradicts this case's \(a claim change/,
      );
    }
  });
});
