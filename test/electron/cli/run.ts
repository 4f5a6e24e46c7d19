// Running the real `attest` command as a child process on real temporary files, for the CLI suites.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, expect } from 'vitest';
import { runAttest } from '../../../electron/cli/program.ts';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const samplesDir = join(repoRoot, 'test/fixtures/samples');
export const GOMA_REPORT = join(samplesDir, 'goma-report.txt');
export const HERALD_REPORT = join(samplesDir, 'lakeside-herald-goma.txt');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const folders: string[] = [];

afterEach(() => {
  while (folders.length) rmSync(folders.pop()!, { recursive: true, force: true });
});

/** A fresh folder for one test, removed after it. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'attest-cli-'));
  folders.push(dir);
  return dir;
}

/**
 * `attest ...args` with the Node running the tests (Node 24, as the bin's shebang gets through npm), from the
 * repository root like `npx attest`. The author comes from ATTEST_AUTHOR unless a test overrides the env.
 */
export function attest(args: string[], env: Record<string, string | undefined> = {}): Run {
  const result = spawnSync(process.execPath, ['electron/cli/attest.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ATTEST_AUTHOR: 'Test Analyst', ...env },
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same command run in this process through runAttest, for the long lists of refused inputs: each would
 * otherwise cost a Node start. The scenarios and the errors the rules name are run as real processes above.
 */
export async function attestHere(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runAttest(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { ATTEST_AUTHOR: 'Test Analyst' },
    cwd: repoRoot,
  });
  return { code, stdout, stderr };
}

/** Runs a command that must succeed with --json and returns its parsed output. */
export function attestJson<T = Record<string, unknown>>(
  args: string[],
  env?: Record<string, string | undefined>,
): T {
  const run = attest([...args, '--json'], env);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
}

/** A failure as the rules require: exit code 2 and exactly one `attest: ...` line on stderr, no stack, no path. */
export function expectUsageError(run: Run, message: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^attest: [^\n]+\n$/);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at |tmp[\\/]attest-cli-/);
}

/** A new case with both sample reports imported; returns the case path and the two source ids. */
export function caseWithSamples(): { path: string; goma: string; herald: string } {
  const path = join(tempDir(), 'goma.attest');
  attestJson(['new', path, '--title', 'Goma, February 2025']);
  const results = attestJson<{ id: string; fileName: string }[]>([
    'import',
    path,
    GOMA_REPORT,
    HERALD_REPORT,
  ]);
  return { path, goma: results[0]!.id, herald: results[1]!.id };
}
