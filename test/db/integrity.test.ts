// The integrity check on a worker thread: its verdict, and the check here when no worker can answer.
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

  it('checks here when the worker cannot start or dies without an answer', () => {
    const dir = tempDir();
    const dying = join(dir, 'dying.mjs');
    writeFileSync(dying, "throw new Error('cannot load');\n");
    const damaged = savedCase();
    damageTable(damaged, 'claims');
    for (const workerFile of [dying, join(dir, 'missing.mjs')]) {
      const started = Date.now();
      expect(startIntegrityCheck(savedCase(), workerFile).passed()).toBe('here');
      expect(refusal(() => startIntegrityCheck(damaged, workerFile).passed()).code).toBe('corrupt');
      // Not a timeout: a worker that died is noticed at once.
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });
});
