// `attest merge`, `attest conflicts` and `attest settle` on real case files, as two analysts would use them.
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attest, attestJson, GOMA_REPORT, tempDir } from './run.ts';

const ANA = { ATTEST_AUTHOR: 'Ana Analyst' };
const BEN = { ATTEST_AUTHOR: 'Ben Reviewer' };

/** `attest claim add` of the report's first "Goma", as the given analyst. */
const addGomaClaim = (path: string, sourceId: string, env: Record<string, string>) =>
  attestJson<{ id: string }>(
    [
      'claim',
      'add',
      path,
      '--source',
      sourceId,
      '--quote',
      'Goma',
      '--occurrence',
      '1',
      '--statement',
      'Goma',
    ],
    env,
  );

describe('attest merge', () => {
  it('merges a colleague’s copy, shows a conflict with both values, and settles it', () => {
    const dir = tempDir();
    const ana = join(dir, 'ana.attest');
    attestJson(['new', ana], ANA);
    const [source] = attestJson<{ id: string }[]>(['import', ana, GOMA_REPORT], ANA);
    const claim = addGomaClaim(ana, source!.id, ANA);
    const ben = join(dir, 'ben.attest');
    copyFileSync(ana, ben);
    attestJson(['claim', 'edit', ana, claim.id, '--status', 'verified'], ANA);
    attestJson(['claim', 'edit', ben, claim.id, '--status', 'disputed'], BEN);
    const benBytes = readFileSync(ben);

    const summary = attestJson<{
      changes: number;
      kinds: Record<string, { conflicts: number }>;
      openConflicts: number;
    }>(['merge', ana, ben], ANA);
    expect(summary).toMatchObject({ changes: 1, openConflicts: 1 });
    expect(summary.kinds.claim!.conflicts).toBe(1);
    expect(readFileSync(ben).equals(benBytes)).toBe(true);

    const text = attest(['conflicts', ana], ANA);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/status\s+1\s+verified\s+Ana Analyst/);
    expect(text.stdout).toMatch(/2\s+disputed\s+Ben Reviewer/);

    const wrong = attest(['settle', ana, claim.id.slice(0, 8), 'status', '--take', '7'], ANA);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--take is a value's number \(1 to 2\)/);

    const settled = attestJson<{ current: string }>(
      ['settle', ana, claim.id.slice(0, 8), 'status', '--take', '1'],
      ANA,
    );
    expect(settled.current).toBe('verified');
    expect(attest(['conflicts', ana], ANA).stdout).toMatch(/No open conflicts/);
    expect(attest(['merge', ana, ben], ANA).stdout).toMatch(/Merged ben\.attest: nothing new\./);
  });

  it('merges alike where SQLite takes no URI file names (the other file is then read from a copy)', () => {
    const dir = tempDir();
    const ana = join(dir, 'ana.attest');
    attestJson(['new', ana], ANA);
    const [source] = attestJson<{ id: string }[]>(['import', ana, GOMA_REPORT], ANA);
    const ben = join(dir, 'ben.attest');
    copyFileSync(ana, ben);
    addGomaClaim(ben, source!.id, BEN);
    const benBytes = readFileSync(ben);
    for (const uris of ['0', '1']) {
      const target = join(dir, `ana-${uris}.attest`);
      copyFileSync(ana, target);
      const summary = attestJson<{ kinds: Record<string, { added: number }> }>(['merge', target, ben], {
        ...ANA,
        SQLITE_USE_URI: uris,
      });
      expect(summary.kinds.claim!.added).toBe(1);
    }
    expect(readFileSync(ben).equals(benBytes)).toBe(true);
    expect(readdirSync(dir).filter((name) => name.startsWith('ben'))).toEqual(['ben.attest']);
  });

  it('imports a JSON export and refuses a file that is neither, with exit 2', () => {
    const dir = tempDir();
    const ana = join(dir, 'ana.attest');
    attestJson(['new', ana], ANA);
    attestJson(['import', ana, GOMA_REPORT], ANA);
    const exported = join(dir, 'ana.json');
    attestJson(['export', ana, '--format', 'json', '--out', exported], ANA);
    const empty = join(dir, 'empty.attest');
    attestJson(['new', empty], BEN);
    const summary = attestJson<{ kinds: Record<string, { added: number }> }>(['merge', empty, exported], BEN);
    expect(summary.kinds.source!.added).toBe(1);
    const refused = attest(['merge', empty, GOMA_REPORT], BEN);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /goma-report\.txt is neither an Attest case file nor an Attest case export/,
    );
  });
});
