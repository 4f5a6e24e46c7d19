// End to end in headless Chromium against browser mode: a near-copy found at import, marked as a repeat, shown
// in the library, compared side by side, and unmarked.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SourceSummary } from '../../electron/contract/index.ts';
import type { RunningServer } from '../../electron/serve/server.ts';
import { OTHER_STORY, REPRINT, WIRE } from '../fixtures/repeats.ts';
import { callApi, poll, SCREENSHOTS, useBrowserMode } from './harness.ts';

const WIRE_TITLE = 'Rebels take Tovel crossing as talks stall';
const REPRINT_TITLE = 'Tovel border crossing falls to Red Ridge rebels';

const browserMode = useBrowserMode({ title: 'Tovel crossing', viewport: { width: 1360, height: 860 } });
let server: RunningServer;
let page: Page;

beforeEach(async () => {
  ({ page, server } = browserMode);
  await page.goto(server.url);
  await poll(() => page.getByRole('heading', { name: 'Library' }).count()).toBe(1);
});

async function importFile(name: string, text: string): Promise<void> {
  await page.getByLabel('Files to import').setInputFiles({
    name,
    mimeType: 'text/plain',
    buffer: Buffer.from(text, 'utf8'),
  });
  const results = page.getByRole('list', { name: 'Import results' });
  await poll(() => results.getByRole('listitem').filter({ hasText: name }).count()).toBeGreaterThan(0);
}

describe('near-copies in Chromium (browser mode)', () => {
  it('offers a near-copy at import, marks it as a repeat, shows the badge, compares and unmarks', async () => {
    await importFile('tovel-wire.txt', WIRE);
    await importFile('bread-prices.txt', OTHER_STORY);
    // Another story of the same conflict is no near-copy.
    expect(await page.getByRole('list', { name: /^Near-copies of/ }).count()).toBe(0);

    await importFile('tovel-reprint.txt', REPRINT);
    const notice = page.getByRole('list', { name: 'Near-copies of tovel-reprint.txt' });
    await poll(() => notice.textContent()).toMatch(
      new RegExp(`Near-copy of “${WIRE_TITLE}”, Northline \\(\\d{2}%\\)`),
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'repeats-import-notice.png') });

    await notice.getByRole('button', { name: 'Mark as repeat' }).click();
    await poll(() =>
      notice
        .getByRole('button', { name: `tovel-reprint.txt is marked as a repeat of “${WIRE_TITLE}”` })
        .count(),
    ).toBe(1);
    const reprintRow = page.getByRole('row', { name: new RegExp(REPRINT_TITLE) });
    await poll(() => reprintRow.textContent()).toContain(`Repeat of “${WIRE_TITLE}”`);
    const wireRow = page.getByRole('row', { name: new RegExp(`^${WIRE_TITLE}`) });
    expect(await wireRow.textContent()).not.toContain('Repeat of');
    await page.screenshot({ path: join(SCREENSHOTS, 'repeats-library-badge.png') });

    // The engine holds the mark, as an undoable change.
    const sources = await callApi<SourceSummary[]>(page, server, 'source.list', {});
    const wire = sources.find((s) => s.title === WIRE_TITLE)!;
    const reprint = sources.find((s) => s.title === REPRINT_TITLE)!;
    expect(reprint.repeats).toEqual([wire.id]);
    expect(await callApi<{ undo: string }>(page, server, 'history.state', {})).toMatchObject({
      undo: 'Mark source as repeat',
    });

    // The reader shows the mark under the source's title.
    await page.getByRole('button', { name: 'Open tovel-reprint.txt in the Reader' }).click();
    await poll(() => page.getByRole('heading', { name: REPRINT_TITLE }).count()).toBe(1);
    await poll(() => page.locator('.reader .view-header').textContent()).toContain(
      `Repeat of “${WIRE_TITLE}”`,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'repeats-reader-badge.png') });
    await page.getByRole('button', { name: 'Library' }).click();

    // Compare side by side: both sources in the compare view.
    await notice.getByRole('button', { name: `Compare side by side with “${WIRE_TITLE}”` }).click();
    await poll(() => page.getByRole('heading', { name: 'Compare' }).count()).toBe(1);
    const leftText = page.getByRole('article', { name: 'Left source text' });
    const rightText = page.getByRole('article', { name: 'Right source text' });
    await poll(() => leftText.textContent()).toContain('The Lorn Courier could not reach Tovel');
    await poll(() => rightText.textContent()).toContain('urged civilians to stay indoors');
    await page.screenshot({ path: join(SCREENSHOTS, 'repeats-compare.png') });

    // Back in the library, the badge takes the mark back.
    await page.getByRole('button', { name: 'Library' }).click();
    await reprintRow
      .getByRole('button', { name: `Unmark “${REPRINT_TITLE}” as a repeat of “${WIRE_TITLE}”` })
      .click();
    await poll(() => reprintRow.textContent()).not.toContain('Repeat of');
    const after = await callApi<SourceSummary>(page, server, 'source.get', { id: reprint.id });
    expect(after.repeats).toEqual([]);
  });
});
