// The command run in-process through runAttest with injected streams and env: who the author is, and error lines.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAttest, type CliIo } from '../../../electron/cli/program.ts';
import { GOMA_REPORT, tempDir } from './run.ts';

/** runAttest with captured output; env has no ATTEST_AUTHOR unless given, and the OS user is "os-user". */
async function run(args: string[], env: Record<string, string> = {}, write?: (text: string) => void) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: write ?? ((text) => (stdout += text)),
    stderr: (text) => (stderr += text),
    env,
    userName: () => 'os-user',
  };
  const code = await runAttest(args, io);
  return { code, stdout, stderr };
}

describe('runAttest', () => {
  it('takes the author from --author, else ATTEST_AUTHOR, else the OS user name', async () => {
    const path = join(tempDir(), 'authors.attest');
    expect((await run(['new', path])).code).toBe(0);
    expect((await run(['import', path, GOMA_REPORT])).code).toBe(0);
    const source = JSON.parse((await run(['sources', path, '--json'])).stdout)[0].id as string;

    const addClaim = async (quote: string, before: string[], env?: Record<string, string>) => {
      const result = await run(
        [
          ...before,
          'claim',
          'add',
          path,
          '--source',
          source,
          '--quote',
          quote,
          '--statement',
          quote,
          '--json',
        ],
        env,
      );
      expect(result).toMatchObject({ code: 0, stderr: '' });
      return JSON.parse(result.stdout) as { createdBy: string };
    };
    expect((await addClaim('last Sunday', [])).createdBy).toBe('os-user');
    expect((await addClaim('airport road', [], { ATTEST_AUTHOR: 'Env Analyst' })).createdBy).toBe(
      'Env Analyst',
    );
    expect(
      (await addClaim('Birere market', ['--author', 'Flag Analyst'], { ATTEST_AUTHOR: 'Env Analyst' }))
        .createdBy,
    ).toBe('Flag Analyst');

    // Undo is per analyst: the OS user's undo takes back the OS user's claim, not the later ones.
    const undone = await run(['undo', path, '--json']);
    expect(JSON.parse(undone.stdout)).toMatchObject({ undone: 'Create claim' });
    const left = JSON.parse((await run(['claims', path, '--json'])).stdout) as { createdBy: string }[];
    expect(left.map((c) => c.createdBy).sort()).toEqual(['Env Analyst', 'Flag Analyst']);

    expect(await run(['--author', ' ', 'info', path])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'attest: The author name from --author is empty; give a name, like --author "Ana Analyst".\n',
    });
  });

  it('turns commander usage errors and help into exit codes without leaving the process', async () => {
    expect(await run(['info'])).toMatchObject({
      code: 2,
      stderr: "attest: missing required argument 'case' (see attest info --help)\n",
    });
    expect(await run(['claim', 'show', 'x.attest', 'id', 'extra'])).toMatchObject({ code: 2 });
    const help = await run(['help', 'timeline']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: attest timeline \[options\] <case>/);
    expect(help.stdout).toMatch(/--bucket <unit>/);
    // No command at all: the help, on stderr, as a usage error.
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage: attest/);
  });

  it('reports an unexpected failure as an internal error, on one line and without its path', async () => {
    const path = join(tempDir(), 'case.attest');
    const failing = () => {
      throw new Error('EIO: i/o error, write /home/ana/cases/stdout.log\n    at write (node:fs)');
    };
    expect(await run(['new', path], {}, failing)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'attest: internal error: EIO: i/o error, write stdout.log\n',
    });
  });
});
