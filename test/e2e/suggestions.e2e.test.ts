// End to end in headless Chromium: a news report's suggestions in the reader; one accepted into the claim form
// (saved with the suggested date and claimant), one dismissed (still gone after a reload).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Claim, Suggestion } from '../../electron/contract/index.ts';
import type { RunningServer } from '../../electron/serve/server.ts';
import { callApi, poll, SCREENSHOTS, useBrowserMode } from './harness.ts';

const REPORT = `title: Rebels push into Goma as the airport is shelled
source: Meridian Wire
date: 2025-02-22

GOMA — Fighters of the Ruzizi Front pushed into the northern districts of Goma last Sunday after two days of shelling around the airport, the health ministry said on Saturday.

At least 43 people were killed and 212 wounded in the fighting, the health ministry said.

According to UN experts, the Ruzizi Front has received weapons and fuel from across the border since January.
`;

const browserMode = useBrowserMode({
  title: 'Goma offensive, February 2025',
  viewport: { width: 1360, height: 1000 },
});
let page: Page;
let server: RunningServer;
beforeEach(() => {
  ({ page, server } = browserMode);
});

const api = <V>(method: string, input: unknown) => callApi<V>(page, server, method, input);

async function openReport(): Promise<void> {
  const row = page.getByRole('row', { name: /Rebels push into Goma/ });
  await poll(() => row.count()).toBe(1);
  await row.dblclick();
  await poll(() => page.getByRole('article', { name: 'Source text' }).count()).toBe(1);
}

describe('suggestions in the reader', () => {
  it('accepts one into the claim form and dismisses another for good', async () => {
    await page.goto(server.url);
    await poll(() => page.getByRole('heading', { name: 'Library' }).count()).toBe(1);
    await api('tag.add', { path: 'Places/Goma', kind: 'place' });
    await page.getByLabel('Files to import').setInputFiles({
      name: 'goma-report.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(REPORT, 'utf8'),
    });
    await openReport();

    // The Suggestions tab, reached by keyboard from the Claims tab.
    const claimsTab = page.getByRole('tab', { name: /^Claims/ });
    await claimsTab.focus();
    await page.keyboard.press('ArrowRight');
    const suggestionsTab = page.getByRole('tab', { name: /^Suggestions/ });
    await poll(() => suggestionsTab.getAttribute('aria-selected')).toBe('true');
    const list = page.getByRole('list', { name: 'Suggestions' });
    await poll(() => list.getByRole('listitem').count()).toBe(3);
    const first = list.getByRole('listitem').filter({ hasText: 'Fighters of the Ruzizi Front' });
    await poll(() => first.textContent()).toContain('16 February 2025');
    expect(await first.textContent()).toContain('health ministry');
    expect(await first.textContent()).toContain('Goma');

    // Focusing a suggestion marks its words in the text.
    await first.getByRole('button', { name: /^Accept suggestion: GOMA — Fighters/ }).focus();
    const marked = page.getByRole('article', { name: 'Source text' }).locator('mark.pending');
    await poll(() => marked.textContent()).toMatch(
      /^GOMA — Fighters of the Ruzizi Front.*said on Saturday\.$/,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'suggestions.png') });

    // Accept: the claim form opens prefilled; the analyst edits the statement before saving.
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'New claim' });
    await poll(() => form.getByLabel('Event date').inputValue()).toBe('2025-02-16');
    expect(await form.getByLabel('Claimant').inputValue()).toBe('health ministry');
    expect(await form.getByRole('textbox', { name: 'Place', exact: true }).inputValue()).toBe('Goma');
    expect(await form.getByLabel('Statement').inputValue()).toMatch(/^GOMA — Fighters of the Ruzizi Front/);
    await form.getByLabel('Statement').fill('Ruzizi Front fighters entered northern Goma');
    await page.screenshot({ path: join(SCREENSHOTS, 'suggestion-accepted.png') });
    await form.getByRole('button', { name: 'Save claim' }).click();
    await poll(() => form.count()).toBe(0);
    const [claim] = await api<Claim[]>('claim.list', {});
    expect(claim).toMatchObject({
      statement: 'Ruzizi Front fighters entered northern Goma',
      date: '2025-02-16',
      claimant: 'health ministry',
      place: 'Goma',
      tags: ['Places/Goma'],
    });
    expect(claim!.quote).toMatch(/^GOMA — Fighters.*said on Saturday\.$/);
    // The accepted suggestion now shows as claimed.
    await poll(() => first.textContent()).toContain('Already claimed');

    // Dismiss: gone at once, and still gone after a reload.
    const experts = list.getByRole('listitem').filter({ hasText: 'According to UN experts' });
    await experts.getByRole('button', { name: /^Dismiss suggestion: According to UN experts/ }).click();
    await poll(() => experts.count()).toBe(0);
    await poll(
      async () => (await api<Suggestion[]>('suggestion.list', { sourceId: claim!.sourceId })).length,
    ).toBe(2);
    await page.reload();
    await openReport();
    await page.getByRole('tab', { name: /^Suggestions/ }).click();
    await poll(() => page.getByRole('list', { name: 'Suggestions' }).getByRole('listitem').count()).toBe(2);
    expect(await page.getByRole('list', { name: 'Suggestions' }).textContent()).not.toContain('UN experts');
    expect(browserMode.problems).toEqual([]);
  });
});
