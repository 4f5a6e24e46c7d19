// `attest suggest`: listing a source's suggestions as a table and as JSON, and dismissing one for good.
import { describe, expect, it } from 'vitest';
import { attestHere, caseWithSamples, expectUsageError } from './run.ts';

interface Listed {
  start: number;
  end: number;
  quote: string;
  date: string | null;
  claimant: string | null;
  kind: string;
}

describe('attest suggest', () => {
  it('lists suggestions with offsets, dates and claimants, and --dismiss removes one', async () => {
    const { path, goma } = caseWithSamples();
    const listed = await attestHere(['suggest', path, goma.slice(0, 8), '--json']);
    expect(listed.stderr).toBe('');
    const suggestions = JSON.parse(listed.stdout) as Listed[];
    const casualties = suggestions.find((s) => s.quote.startsWith('At least 43 people'))!;
    expect(casualties).toMatchObject({ kind: 'figure', claimant: 'health ministry', date: '2025-02-21' });

    const table = await attestHere(['suggest', path, goma]);
    expect(table.stdout).toMatch(/^SPAN\s+KIND\s+DATE\s+CLAIMANT/);
    expect(table.stdout).toContain(`${casualties.start}:${casualties.end}`);

    const dismissed = await attestHere([
      'suggest',
      path,
      goma,
      '--dismiss',
      `${casualties.start}:${casualties.end}`,
    ]);
    expect(dismissed.stdout).toContain('Dismissed');
    const after = JSON.parse((await attestHere(['suggest', path, goma, '--json'])).stdout) as Listed[];
    expect(after).toHaveLength(suggestions.length - 1);
    expect(after.some((s) => s.start === casualties.start)).toBe(false);
  });

  it('refuses a span that is not START:END', async () => {
    const { path, goma } = caseWithSamples();
    expectUsageError(await attestHere(['suggest', path, goma, '--dismiss', '12-40']), /START:END/);
  });
});
