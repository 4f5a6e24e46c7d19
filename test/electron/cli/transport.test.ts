// The `attest` command as a transport of the contract: the same results and the same refusals as dispatch gives
// the UI, and no command module reaching around the contract into the engine.
import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase, openCase } from '../../../db/caseFile.ts';
import { dispatch } from '../../../electron/api/dispatch.ts';
import { createHandlers } from '../../../electron/api/handlers.ts';
import { attestHere, GOMA_REPORT, HERALD_REPORT, repoRoot, tempDir } from './run.ts';

/** Every call the UI could make on the case, answered by dispatch directly. */
async function contractAnswers(path: string, calls: [string, unknown][]): Promise<unknown[]> {
  const c = openCase(path, { author: 'Test Analyst' });
  try {
    const handlers = createHandlers({ case: c, emit: () => {} });
    const answers: unknown[] = [];
    for (const [method, input] of calls) answers.push(await dispatch(handlers, method, input, () => {}));
    return answers;
  } finally {
    closeCase(c);
  }
}

const json = async (args: string[]): Promise<unknown> => {
  const run = await attestHere([...args, '--json']);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout);
};

describe('attest over the contract', () => {
  it('prints what the contract returns, and refuses with its messages', async () => {
    const path = join(tempDir(), 'case.attest');
    await json(['new', path]);
    const [goma] = (await json(['import', path, GOMA_REPORT, HERALD_REPORT])) as { id: string }[];
    const claim = (await json([
      'claim',
      'add',
      path,
      '--source',
      goma!.id,
      '--quote',
      'At least 43 people were killed',
      '--statement',
      'At least 43 killed',
      '--date',
      '2025-02-16/2025-02-21',
      '--tag',
      'Figures/Deaths',
    ])) as { id: string };

    const printed = [
      await json(['sources', path]),
      await json(['source', path, goma!.id]),
      await json(['claims', path, '--tag', 'Figures']),
      await json(['tags', path]),
      await json(['search', path, 'killed']),
      await json(['verify', path]),
    ];
    const shown = (await json(['claim', 'show', path, claim.id])) as Record<string, unknown>;
    const refusals = [
      await attestHere([
        'claim',
        'add',
        path,
        '--source',
        goma!.id,
        '--quote',
        'not there',
        '--statement',
        's',
      ]),
      await attestHere(['claim', 'edit', path, claim.id, '--date', 'last Sunday']),
      await attestHere(['timeline', path, '--from', '2025-02-28', '--to', '2025-02-01']),
      await attestHere(['tag', 'rename', path, 'Nowhere', 'Elsewhere']),
    ];

    const answers = await contractAnswers(path, [
      ['source.list', {}],
      ['source.get', { id: goma!.id }],
      ['claim.list', { tag: 'Figures' }],
      ['tag.list', {}],
      ['search.query', { query: 'killed' }],
      ['verify.run', {}],
      ['claim.get', { id: claim.id }],
      ['link.list', { claimId: claim.id }],
      ['review.list', { claimId: claim.id }],
      ['claim.history', { id: claim.id }],
      ['claim.create', { sourceId: goma!.id, quote: 'not there', statement: 's' }],
      ['claim.update', { id: claim.id, date: 'last Sunday' }],
      ['timeline.window', { from: '2025-02-28', to: '2025-02-01' }],
      ['tag.rename', { path: 'Nowhere', newPath: 'Elsewhere' }],
    ]);
    const values = answers.map((answer) => (answer as { value?: unknown }).value);
    expect(printed).toEqual(values.slice(0, 6));
    expect(shown).toEqual({
      claim: values[6],
      links: values[7],
      reviews: values[8],
      history: values[9],
    });
    for (const [index, run] of refusals.entries()) {
      const answer = answers[10 + index] as { ok: boolean; error: { message: string } };
      expect(answer.ok).toBe(false);
      expect(run).toEqual({ code: 2, stdout: '', stderr: `attest: ${answer.error.message}\n` });
    }
  });

  it('does what the contract leaves to a transport: reading files, id prefixes, and the claimant filter for undated claims', async () => {
    const dir = tempDir();
    const path = join(dir, 'case.attest');
    await json(['new', path]);
    // A file over the contract's limit is refused by itself (never read: a sparse file of 60 MiB), not the whole call.
    const big = join(dir, 'big.txt');
    writeFileSync(big, '');
    truncateSync(big, 60 * 1024 * 1024);
    const imported = await attestHere(['import', path, big, GOMA_REPORT]);
    expect(imported.code).toBe(2);
    expect(imported.stderr).toBe('attest: "big.txt" is 60 MiB, over the 50 MiB limit for a source.\n');
    expect(imported.stdout).toMatch(/goma-report\.txt .* new /);

    const [source] = (await json(['sources', path])) as { id: string }[];
    const add = async (quote: string, claimant: string, date?: string) =>
      (
        (await json([
          'claim',
          'add',
          path,
          '--source',
          source!.id.slice(0, 6),
          '--quote',
          quote,
          '--statement',
          quote,
          '--claimant',
          claimant,
          ...(date ? ['--date', date] : []),
        ])) as { id: string }
      ).id;
    await add('At least 43 people were killed', 'health ministry', '2025-02-16');
    const undatedMinistry = await add('According to UN experts', 'health ministry');
    await add('last Sunday', 'a resident');
    const window = ['timeline', path, '--from', '2025-02-01', '--to', '2025-02-28'];
    expect(((await json(window)) as { undated: { count: number } }).undated.count).toBe(2);
    expect(
      ((await json([...window, '--claimant', 'Health Ministry'])) as { undated: unknown }).undated,
    ).toEqual({
      count: 1,
      ids: [undatedMinistry],
    });

    // Option values the contract would refuse are refused while parsing, naming the option.
    expect((await attestHere([...window.slice(0, 3), 'Feb 1', '--to', '2025-02-28'])).stderr).toMatch(
      /^attest: option '--from <day>' argument 'Feb 1' is invalid\. A day is written YYYY-MM-DD/,
    );
    expect((await attestHere(['claims', path, '--limit', '100001'])).stderr).toMatch(
      /The limit must be a whole number from 1 to 100000/,
    );

    // info: the contract's case summary, with the counts the CLI adds.
    expect(await json(['info', path])).toMatchObject({
      fileName: 'case.attest',
      analyst: 'Test Analyst',
      counts: { sources: 1, claims: 3, undatedClaims: 2, tags: 0, links: 0 },
      undo: 'Create claim',
    });
  });

  it('leaves the engine to the contract: only `new` creates a file through db/', () => {
    const folder = join(repoRoot, 'electron/cli/commands');
    const engineImports = readdirSync(folder)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) =>
        [...readFileSync(join(folder, file), 'utf8').matchAll(/from '([^']*\/db\/[^']*)'/g)].map((m) => [
          file,
          m[1],
        ]),
      );
    expect(engineImports).toEqual([['cases.ts', '../../../db/caseFile.ts']]);
  });
});
