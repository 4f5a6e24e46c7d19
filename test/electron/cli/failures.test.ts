// An unexpected failure inside a handler reaches `attest` as the contract's `internal` error; the line printed
// still says what failed (a busy file, or the failure's first line without paths), as before the contract.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { attestHere, tempDir } from './run.ts';

const failure = vi.hoisted(() => ({ next: undefined as Error | undefined }));

vi.mock('../../../db/verify.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../db/verify.ts')>();
  return {
    ...original,
    verifyCase: (...args: Parameters<typeof original.verifyCase>) => {
      if (failure.next) throw failure.next;
      return original.verifyCase(...args);
    },
  };
});

const sqliteError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe('attest on an internal failure', () => {
  it('prints one line that says what failed, exit 2', async () => {
    const path = join(tempDir(), 'busy.attest');
    expect((await attestHere(['new', path])).code).toBe(0);
    expect(await attestHere(['verify', path])).toMatchObject({ code: 0 });

    failure.next = sqliteError('SQLITE_BUSY', 'database is locked');
    expect(await attestHere(['verify', path])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'attest: busy.attest is in use by another program; try again when it has finished.\n',
    });

    failure.next = new TypeError(
      "Cannot read properties of undefined (reading 'x') in /home/ana/attest/db/verify.ts",
    );
    expect(await attestHere(['verify', path])).toEqual({
      code: 2,
      stdout: '',
      stderr: "attest: internal error: Cannot read properties of undefined (reading 'x') in verify.ts\n",
    });
    failure.next = undefined;
  });
});
