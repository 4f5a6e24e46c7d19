// End to end in headless Chromium against browser mode: merge a colleague's case file picked in the Merge view,
// read the summary, settle the conflict by choosing a value beside the claim's quote, and see it stored.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase, createCase, openCase } from '../../db/caseFile.ts';
import { createClaim, updateClaim } from '../../db/claims.ts';
import { importSources } from '../../db/sources.ts';
import type { Claim, Conflict } from '../../electron/contract/index.ts';
import { callApi, poll, SCREENSHOTS, useBrowserMode } from './harness.ts';

const REPORT = `title: Rebels push into Goma as the airport is shelled
source: Meridian Wire
date: 2025-02-22

GOMA — Fighters of the Ruzizi Front pushed into the northern districts of Goma last Sunday after two days of shelling around the airport, the health ministry said on Saturday.

At least 43 people were killed and 212 wounded in the fighting, the health ministry said.
`;

/** Ana's case (served) and Ben's copy, each with a different event date on the same claim; and Ben's new claim. */
const seeded = { ben: '', claimId: '' };
function seedTwoCases(ana: string, dir: string): void {
  const ben = join(dir, 'ben.attest');
  const c = createCase(ana, { author: 'Ana Analyst', title: 'Goma offensive' });
  const [imported] = importSources(c, [{ fileName: 'goma.txt', bytes: new TextEncoder().encode(REPORT) }]);
  if (!imported?.ok) throw new Error('import failed');
  const claimId = createClaim(c, {
    anchor: { sourceId: imported.id, quote: 'pushed into the northern districts of Goma last Sunday' },
    statement: 'Rebels entered northern Goma',
  }).id;
  c.db.prepare('VACUUM INTO ?').run(ben);
  updateClaim(c, claimId, { date: '2025-02-16' });
  closeCase(c);
  const b = openCase(ben, { author: 'Ben Reviewer' });
  updateClaim(b, claimId, { date: '2025-02-15/2025-02-16' });
  createClaim(b, {
    anchor: { sourceId: imported.id, quote: 'At least 43 people were killed and 212 wounded' },
    statement: 'At least 43 killed',
    claimant: 'the health ministry',
  });
  closeCase(b);
  Object.assign(seeded, { ben, claimId });
}

const browserMode = useBrowserMode({ seed: seedTwoCases });

describe('the merge view in Chromium (browser mode)', () => {
  it('merges a picked case file, shows the summary and settles the conflict', async () => {
    const { page, server } = browserMode;
    const { ben, claimId } = seeded;
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Merge' }).click();
    await poll(() => page.getByRole('heading', { name: 'Merge and conflicts' }).count()).toBe(1);
    await poll(() => page.getByRole('heading', { name: '0 open conflicts' }).count()).toBe(1);

    await page.getByLabel('Case file to merge').setInputFiles(ben);
    const summary = page.getByRole('region', { name: 'Last merge' });
    await poll(() => summary.getByRole('status').textContent()).toBe(
      'Merged ben.attest: 1 record added, 1 updated, 1 open conflict.',
    );
    const claims = summary.getByRole('row', { name: /^Claims/ });
    expect(await claims.getByRole('cell').allTextContents()).toEqual(['1', '1', '0', '1']);

    const card = page.getByRole('listitem', { name: 'event date of “Rebels entered northern Goma”' });
    await poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('pushed into the northern districts of Goma last Sunday');
    expect(await card.textContent()).toContain('Ana Analyst');
    expect(await card.textContent()).toContain('Ben Reviewer');
    await page.screenshot({ path: join(SCREENSHOTS, 'merge.png') });

    await card.getByRole('button', { name: /^Keep 2025-02-16 .*by Ana Analyst/ }).click();
    await poll(() => page.getByRole('heading', { name: '0 open conflicts' }).count()).toBe(1);
    const claim = await callApi<Claim>(page, server, 'claim.get', { id: claimId });
    expect(claim.date).toBe('2025-02-16');
    expect(await callApi<Conflict[]>(page, server, 'conflict.list', {})).toEqual([]);

    // A file that is not a case is refused with a message a person understands.
    await page.getByLabel('Case file to merge').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('just some notes'),
    });
    await poll(() => page.getByRole('alert').textContent()).toContain(
      'notes.txt is neither an Attest case file nor an Attest case export.',
    );
  });
});
