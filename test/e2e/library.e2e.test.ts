// End to end in headless Chromium against browser mode: the library's filters and the source details form.
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeCase, createCase } from '../../db/caseFile.ts';
import { importSources } from '../../db/sources.ts';
import type { SourceSummary } from '../../electron/contract/index.ts';
import { type RunningServer } from '../../electron/serve/server.ts';
import { callApi, SCREENSHOTS, useBrowserMode } from './harness.ts';

/** Three short reports from two outlets, a month apart. */
const REPORTS = [
  {
    fileName: 'goma.txt',
    text: 'title: Rebels push into Goma\nsource: Meridian Wire\ndate: 2025-02-22\n\nFighters pushed into Goma.\n',
  },
  {
    fileName: 'airport.txt',
    text: 'title: Airport closed after shelling\nsource: Lakeside Herald\ndate: 2025-01-30\n\nThe airport closed.\n',
  },
  {
    fileName: 'talks.txt',
    text: 'title: Ceasefire talks resume in Luanda\nsource: Meridian Wire\ndate: 2025-03-01\n\nTalks resumed.\n',
  },
];
const TITLES = REPORTS.map((report) => report.text.split('\n')[0]!.slice('title: '.length));

/** Waits for the page to catch up: a generous limit, since CI machines are slower than a laptop. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 50 });

const browserMode = useBrowserMode({
  viewport: { width: 1360, height: 860 },
  seed: (casePath) => {
    // Seeded through the engine, as an earlier session's import would have left the case.
    const seeded = createCase(casePath, { author: 'E2E Analyst', title: 'Goma offensive, February 2025' });
    const results = importSources(
      seeded,
      REPORTS.map(({ fileName, text }) => ({ fileName, bytes: new TextEncoder().encode(text) })),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    closeCase(seeded);
  },
});
let server: RunningServer;
let page: Page;

beforeEach(async () => {
  ({ page, server } = browserMode);
  await page.goto(server.url);
  await poll(() => page.getByRole('heading', { name: 'Library' }).count()).toBe(1);
});

/** Calls the contract from the test itself, as a second client would, to check what the engine stored. */
async function api<V>(method: string, input: unknown): Promise<V> {
  return callApi<V>(page, server, method, input);
}

/** The titles of the table's rows, in order. */
const visibleTitles = () => page.locator('table.sources tbody tr td.col-title').allTextContents();
const sorted = (titles: string[]) => [...titles].sort();

describe('the library in Chromium (browser mode)', () => {
  it('filters by outlet, publication window and tag, and edits a source’s details', async () => {
    await poll(async () => sorted(await visibleTitles())).toEqual(sorted(TITLES));
    const filters = page.getByRole('group', { name: 'Filter sources' });
    const clear = filters.getByRole('button', { name: 'Clear filters' });
    expect(await clear.isDisabled()).toBe(true);

    // Outlet: the select offers the outlets present, each once.
    const outlet = filters.getByRole('combobox', { name: 'Filter by outlet' });
    expect(await outlet.locator('option').allTextContents()).toEqual([
      'Any outlet',
      'Lakeside Herald',
      'Meridian Wire',
    ]);
    await outlet.selectOption('Meridian Wire');
    await poll(async () => sorted(await visibleTitles())).toEqual(
      sorted(['Rebels push into Goma', 'Ceasefire talks resume in Luanda']),
    );
    // Combined with the search box.
    const search = page.getByRole('searchbox', { name: 'Search sources' });
    await search.fill('Luanda');
    await poll(visibleTitles).toEqual(['Ceasefire talks resume in Luanda']);
    await search.fill('airport');
    await poll(() => page.getByText('No source matches “airport” and the filters.').count()).toBe(1);
    await search.fill('');
    await clear.click();
    await poll(async () => sorted(await visibleTitles())).toEqual(sorted(TITLES));

    // Publication window: February only.
    await filters.getByLabel('Published from').fill('2025-02-01');
    await filters.getByLabel('Published to').fill('2025-02-28');
    await poll(visibleTitles).toEqual(['Rebels push into Goma']);
    await clear.click();
    await poll(async () => sorted(await visibleTitles())).toEqual(sorted(TITLES));

    // Edit details: tag one source, grade it, retitle it.
    await page.getByRole('button', { name: 'Edit details of “Airport closed after shelling”' }).click();
    const form = page.getByRole('form', { name: 'Edit details of “Airport closed after shelling”' });
    await poll(() => form.count()).toBe(1);
    await form.getByRole('textbox', { name: 'Title' }).fill('Goma airport closed after shelling');
    await form.getByRole('combobox', { name: 'Reliability' }).selectOption('B');
    await form.getByRole('combobox', { name: 'Tag to add' }).fill('Places/Goma airport');
    await form.getByRole('button', { name: 'Add tag' }).click();
    await poll(() => form.getByRole('button', { name: 'Remove tag Places/Goma airport' }).count()).toBe(1);
    await form.getByRole('button', { name: 'Save details' }).click();
    await poll(() => form.count()).toBe(0);
    const row = page.getByRole('row', { name: /Goma airport closed after shelling/ });
    await poll(() => row.count()).toBe(1);
    await poll(() => row.textContent()).toContain('Places/Goma airport');
    expect(await row.getByRole('cell', { name: 'B', exact: true }).getAttribute('title')).toBe(
      'Usually reliable',
    );
    const stored = await api<SourceSummary[]>('source.list', { outlet: 'Lakeside Herald' });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      title: 'Goma airport closed after shelling',
      reliability: 'B',
      tags: ['Places/Goma airport'],
    });

    // Tag: the new tag is in the codebook and filters the library.
    const tag = filters.getByRole('combobox', { name: 'Filter by tag' });
    await poll(() => tag.locator('option').allTextContents()).toContain('Places/Goma airport');
    await tag.selectOption('Places/Goma airport');
    await poll(visibleTitles).toEqual(['Goma airport closed after shelling']);
    await outlet.selectOption('Meridian Wire');
    await poll(() => page.getByText('No source matches the filters.').count()).toBe(1);
    await outlet.selectOption('');
    await poll(visibleTitles).toEqual(['Goma airport closed after shelling']);
    await page.screenshot({ path: join(SCREENSHOTS, 'library-filters.png') });
    await clear.click();
    await poll(async () => (await visibleTitles()).length).toBe(3);

    // An invalid URL: the engine's message in the alert region, the form still open, nothing changed.
    const before = await api<SourceSummary[]>('source.list', {});
    await page.getByRole('button', { name: 'Edit details of “Rebels push into Goma”' }).click();
    const goma = page.getByRole('form', { name: 'Edit details of “Rebels push into Goma”' });
    await goma.getByRole('textbox', { name: 'URL' }).fill('not a url');
    await goma.getByRole('textbox', { name: 'Author' }).fill('A. Reporter');
    await goma.getByRole('button', { name: 'Save details' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain('"not a url" is not a URL.');
    expect(await goma.count()).toBe(1);
    expect(await goma.getByRole('textbox', { name: 'URL' }).inputValue()).toBe('not a url');
    expect(await api<SourceSummary[]>('source.list', {})).toEqual(before);
    await page.screenshot({ path: join(SCREENSHOTS, 'library-details-error.png') });
    await goma.getByRole('button', { name: 'Cancel' }).click();
    await poll(() => goma.count()).toBe(0);
    // Focus is back on the button that opened the form.
    await poll(() => page.locator(':focus').getAttribute('aria-label')).toBe(
      'Edit details of “Rebels push into Goma”',
    );
  });
});
