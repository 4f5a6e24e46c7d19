// The `attest` command on near-copies: import reports them, `repeats` lists them, `source mark-repeat` marks one.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attest, attestHere, attestJson, expectUsageError, repoRoot, tempDir } from './run.ts';

const demo = (name: string) => join(repoRoot, 'electron/demo/sources', name);
const NORTHLINE = demo('northline-mirek-airport.txt');
const LORN_COURIER = demo('lorn-courier-mirek-airport.txt');
const HERALD = demo('dasha-herald-market-toll.md');

describe('attest and near-copies', () => {
  it('reports a near-copy at import, lists it, and marks and unmarks it', async () => {
    const path = join(tempDir(), 'mirek.attest');
    attestJson(['new', path]);
    const [northline, herald] = attestJson<{ id: string; repeats: unknown[] }[]>([
      'import',
      path,
      NORTHLINE,
      HERALD,
    ]);
    expect(northline!.repeats).toEqual([]);
    expect(herald!.repeats).toEqual([]);

    const imported = attest(['import', path, LORN_COURIER]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      new RegExp(
        `lorn-courier-mirek-airport\\.txt: near-copy of ${northline!.id.slice(0, 8)} Fighters of the Red Ridge .*\\(\\d\\d%\\)`,
      ),
    );

    const copyId = (await attestHere(['sources', path, '--json', '--outlet', 'The Lorn Courier'])).stdout;
    const copy = (JSON.parse(copyId) as { id: string }[])[0]!.id;
    const listed = JSON.parse((await attestHere(['repeats', path, copy.slice(0, 8), '--json'])).stdout) as {
      sourceId: string;
      outlet: string;
      similarity: number;
    }[];
    expect(listed).toEqual([
      {
        sourceId: northline!.id,
        outlet: 'Northline',
        title: expect.any(String),
        similarity: expect.any(Number),
      },
    ]);
    expect(listed[0]!.similarity).toBeGreaterThanOrEqual(0.5);
    expect((await attestHere(['repeats', path, herald!.id])).stdout).toBe('No near-copies.\n');

    const marked = await attestHere(['source', 'mark-repeat', path, copy, northline!.id.slice(0, 8)]);
    expect(marked.code).toBe(0);
    expect(marked.stdout).toMatch(/^Marked [0-9a-f]{8} .* as a repeat of [0-9a-f]{8} /);
    const shown = await attestHere(['source', 'show', path, copy]);
    expect(shown.stdout).toMatch(new RegExp(`Repeats +${northline!.id}`));
    expectUsageError(
      await attestHere(['source', 'mark-repeat', path, northline!.id, copy]),
      /already marked as a repeat/,
    );
    expectUsageError(await attestHere(['source', 'mark-repeat', path, copy, copy]), /itself/);

    const unmarked = JSON.parse(
      (await attestHere(['source', 'unmark-repeat', path, copy, northline!.id, '--json'])).stdout,
    ) as { repeats: string[]; text?: string };
    expect(unmarked.repeats).toEqual([]);
    expect(unmarked.text).toBeUndefined();
  });
});
