// End to end in headless Chromium against browser mode: the Claims view's virtual table, filters, selection,
// bulk tagging and "Open in reader"; the Codebook's rename, merge and "Show claims".
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeCase, createCase } from '../../db/caseFile.ts';
import { createClaim } from '../../db/claims.ts';
import { importSources } from '../../db/sources.ts';
import type { Claim, ClaimStatus } from '../../electron/contract/index.ts';
import { type RunningServer } from '../../electron/serve/server.ts';
import { callApi, SCREENSHOTS, useBrowserMode } from './harness.ts';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 50 });

const CLAIMS = 300;
const SOURCES = 3;
const STATUSES: ClaimStatus[] = ['draft', 'verified', 'disputed', 'rejected'];

/** What each seeded claim is, so the test knows how many each filter should show. */
const seed = (i: number) => ({
  status: STATUSES[i % 4]!,
  tags: [
    ...(i % 3 === 0 ? ['Actors/M23'] : []),
    ...(i % 5 === 0 ? ['Places/Goma'] : []),
    ...(i % 7 === 0 ? ['Groups/M-23'] : []),
  ],
  claimant: i % 2 ? 'UN experts' : 'Health ministry',
  date: `2025-02-${String((i % 28) + 1).padStart(2, '0')}`,
});
const expected = (test: (s: ReturnType<typeof seed>) => boolean) =>
  Array.from({ length: CLAIMS }, (_, i) => seed(i)).filter(test).length;

const sentence = (i: number) =>
  `Report ${String(i).padStart(3, '0')}: fighters reached the village of Kibati ${i}.`;

/** A case of three sources and 300 claims, made through the engine. */
function seedCase(casePath: string): void {
  const c = createCase(casePath, { author: 'E2E Analyst', title: 'Kivu claims, 2025' });
  try {
    const perSource = CLAIMS / SOURCES;
    for (let s = 0; s < SOURCES; s++) {
      const lines = Array.from({ length: perSource }, (_, k) => sentence(s * perSource + k));
      const text = `title: Field report ${s + 1}\nsource: Meridian Wire\ndate: 2025-02-2${s}\n\n${lines.join('\n')}\n`;
      const [result] = importSources(c, [
        { fileName: `report-${s}.txt`, bytes: new TextEncoder().encode(text) },
      ]);
      if (!result?.ok) throw new Error('import failed');
      for (let k = 0; k < perSource; k++) {
        const i = s * perSource + k;
        const { status, tags, claimant, date } = seed(i);
        createClaim(c, {
          anchor: { sourceId: result.id, quote: sentence(i) },
          statement: `Claim ${String(i).padStart(3, '0')}: fighters reached Kibati ${i}.`,
          status,
          tags,
          claimant,
          date,
        });
      }
    }
  } finally {
    closeCase(c);
  }
}
const browserMode = useBrowserMode({ viewport: { width: 1440, height: 900 }, seed: seedCase });
let server: RunningServer;
let page: Page;

beforeEach(async () => {
  ({ page, server } = browserMode);
  await page.goto(server.url);
  await poll(() => page.getByRole('heading', { name: 'Library' }).count()).toBe(1);
});

async function api<V>(method: string, input: unknown): Promise<V> {
  return callApi<V>(page, server, method, input);
}

const grid = () => page.getByRole('grid', { name: 'Claims' });
const rowCount = () => grid().getAttribute('aria-rowcount');
/** The body row at a 0-based position among all claims (aria-rowindex counts the header as 1). */
const row = (index: number) => grid().locator(`[role="row"][aria-rowindex="${index + 2}"]`);

async function showView(name: string) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name }).click();
  await poll(() => page.getByRole('heading', { level: 2, name }).count()).toBe(1);
}

describe('the claims view in Chromium', () => {
  it('shows a virtual table, filters, selects, bulk-tags and opens a claim in the reader', async () => {
    await showView('Claims');
    await poll(rowCount).toBe(String(CLAIMS + 1));
    // Rows come in the engine's order; the engine says which claim is where.
    const at = async (offset: number) => (await api<Claim[]>('claim.list', { limit: 1, offset }))[0]!;
    const first = await at(0);
    await poll(() => row(0).getByRole('gridcell').first().textContent()).toBe(first.statement);
    const date = row(0).getByRole('gridcell').nth(3);
    expect(await date.textContent()).toBe(first.date);
    expect(await date.getAttribute('title')).toMatch(/2025/);

    // Virtual: far fewer rows in the DOM than claims, also after scrolling to the end.
    expect(await grid().getByRole('row').count()).toBeLessThan(80);
    await grid()
      .locator('.claims-grid-scroller')
      .evaluate((element: { scrollTop: number; scrollHeight: number }) => {
        element.scrollTop = element.scrollHeight;
      });
    await poll(() =>
      row(CLAIMS - 1)
        .getByRole('gridcell')
        .first()
        .textContent(),
    ).toBe('Claim 299: fighters reached Kibati 299.');
    expect(await grid().getByRole('row').count()).toBeLessThan(80);

    // Filters: status, then status and tag.
    const filters = page.getByRole('form', { name: 'Filter claims' });
    await filters.getByLabel('Status').selectOption('verified');
    await poll(rowCount).toBe(String(expected((s) => s.status === 'verified') + 1));
    await filters.getByLabel('Tag').fill('Actors/M23');
    await poll(rowCount).toBe(
      String(expected((s) => s.status === 'verified' && s.tags.includes('Actors/M23')) + 1),
    );
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await poll(rowCount).toBe(String(CLAIMS + 1));
    await filters.getByRole('textbox', { name: 'Claimant' }).fill('UN experts');
    await filters.getByLabel('From').fill('2025-02-01');
    await filters.getByLabel('To').fill('2025-02-02');
    await poll(rowCount).toBe(
      String(expected((s) => s.claimant === 'UN experts' && s.date <= '2025-02-02') + 1),
    );
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await poll(rowCount).toBe(String(CLAIMS + 1));
    await filters.getByRole('searchbox', { name: 'Text' }).fill('Kibati 299');
    await poll(rowCount).toBe('2');
    await poll(() => row(0).getByRole('gridcell').first().textContent()).toBe(
      'Claim 299: fighters reached Kibati 299.',
    );
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await poll(rowCount).toBe(String(CLAIMS + 1));

    // Select: click, shift-click, ctrl-click; then the keyboard extends the selection.
    await poll(() => row(0).getByRole('gridcell').first().textContent()).toBe(first.statement);
    await row(1).click();
    await row(3).click({ modifiers: ['Shift'] });
    await row(6).click({ modifiers: ['Control'] });
    const bulk = page.getByRole('toolbar', { name: 'Selected claims' });
    await poll(() => bulk.textContent()).toContain('4 claims selected');
    expect(await grid().locator('[role="row"][aria-selected="true"]').count()).toBe(4);
    await page.keyboard.press('Shift+ArrowDown');
    await poll(() => bulk.textContent()).toContain('2 claims selected');
    await page.keyboard.press('Shift+ArrowDown');
    await poll(() => bulk.textContent()).toContain('3 claims selected');

    // Bulk tag and bulk status.
    await bulk.getByRole('combobox', { name: 'Tag to add to selected claims' }).fill('Topics/Advance');
    await bulk.getByRole('button', { name: 'Add tag' }).click();
    await poll(() => api<{ count: number }>('claim.count', { tag: 'Topics/Advance' })).toEqual({ count: 3 });
    await poll(() => row(7).textContent()).toContain('Topics/Advance');
    await bulk.getByRole('combobox', { name: 'Status for selected claims' }).selectOption('disputed');
    await bulk.getByRole('button', { name: 'Set status' }).click();
    await poll(() =>
      api<{ count: number }>('claim.count', { tag: 'Topics/Advance', status: 'disputed' }),
    ).toEqual({
      count: 3,
    });
    await poll(() => row(6).getByRole('gridcell').nth(4).textContent()).toBe('disputed');
    await page.screenshot({ path: join(SCREENSHOTS, 'claims.png') });

    // Open the active row in the reader: its source, its claim chosen.
    const fifth = await at(5);
    const source = await api<{ title: string }>('source.get', { id: fifth.sourceId });
    await row(5).click();
    await bulk.getByRole('button', { name: 'Open in reader' }).click();
    await poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe(source.title);
    await poll(() => page.locator('[aria-current="true"]').first().textContent()).toContain(fifth.statement);
  }, 60_000);

  it('renames and merges tags in the codebook, and shows a tag’s claims', async () => {
    await showView('Codebook');
    const tags = page.getByRole('table');
    await poll(() => tags.getByRole('rowheader').allTextContents()).toEqual([
      'Actors',
      'M23',
      'Groups',
      'M-23',
      'Places',
      'Goma',
    ]);
    await tags.getByRole('button', { name: 'Rename Places/Goma' }).click();
    const name = tags.getByRole('textbox', { name: 'New name for Places/Goma' });
    await name.fill('Goma city');
    await name.press('Enter');
    await poll(() => tags.getByRole('rowheader', { name: 'Goma city' }).count()).toBe(1);

    await tags.getByRole('button', { name: 'Move, merge or delete Groups/M-23' }).click();
    const edit = page.getByRole('group', { name: 'Edit Groups/M-23' });
    await edit.getByRole('combobox', { name: 'Merge into' }).selectOption('Actors/M23');
    await edit.getByRole('button', { name: 'Merge' }).click();
    await poll(() => tags.getByRole('rowheader', { name: 'M-23' }).count()).toBe(0);
    const merged = expected((s) => s.tags.includes('Actors/M23') || s.tags.includes('Groups/M-23'));
    await poll(() => tags.getByRole('row', { name: /M23/ }).getByRole('cell').nth(2).textContent()).toBe(
      String(merged),
    );

    // Delete (after confirming) the parent the merge left empty.
    await tags.getByRole('button', { name: 'Move, merge or delete Groups' }).click();
    const groups = page.getByRole('group', { name: 'Edit Groups' });
    await groups.getByRole('button', { name: 'Delete…' }).click();
    await page
      .getByRole('alertdialog', { name: 'Delete Groups?' })
      .getByRole('button', { name: 'Delete tag' })
      .click();
    await poll(() => tags.getByRole('rowheader', { name: 'Groups' }).count()).toBe(0);

    // Add a tag, move it under another, color it.
    const add = page.getByRole('form', { name: 'Add a tag' });
    await add.getByRole('textbox', { name: 'New tag path' }).fill('Shelling');
    await add.getByRole('combobox', { name: 'Kind of the new tag' }).selectOption('event-type');
    await add.getByRole('button', { name: 'Add tag' }).click();
    await tags.getByRole('button', { name: 'Move, merge or delete Shelling' }).click();
    const shelling = page.getByRole('group', { name: 'Edit Shelling' });
    await shelling.getByRole('combobox', { name: 'Move under' }).selectOption('Actors');
    await shelling.getByRole('button', { name: 'Move' }).click();
    await poll(() => tags.getByRole('button', { name: 'Rename Actors/Shelling' }).count()).toBe(1);
    await tags.getByLabel('Color of Actors/M23').fill('#c0392b');
    const m23 = async () =>
      (await api<{ path: string; color: string | null }[]>('tag.list', {})).find(
        (t) => t.path === 'Actors/M23',
      );
    await poll(async () => (await m23())?.color).toBe('#c0392b');
    await page.screenshot({ path: join(SCREENSHOTS, 'codebook.png') });

    // "Show claims": the Claims view filtered by the tag, showing the renamed tag on its rows.
    await tags.getByRole('button', { name: 'Show claims tagged Places/Goma city' }).click();
    await poll(() => page.getByRole('heading', { level: 2, name: 'Claims' }).count()).toBe(1);
    await poll(rowCount).toBe(String(expected((s) => s.tags.includes('Places/Goma')) + 1));
    await poll(() => row(0).textContent()).toContain('Places/Goma city');
    expect(await page.getByRole('combobox', { name: 'Tag', exact: true }).inputValue()).toBe(
      'Places/Goma city',
    );
  }, 60_000);
});
