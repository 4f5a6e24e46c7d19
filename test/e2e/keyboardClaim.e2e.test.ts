// End to end in headless Chromium: a claim made from the keyboard alone — focus the source text, select words with
// the arrow keys, N for the form, type, save — cites exactly the words selected.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase, createCase } from '../../db/caseFile.ts';
import { importSources } from '../../db/sources.ts';
import type { Claim } from '../../electron/contract/index.ts';
import { callApi, poll, SCREENSHOTS, useBrowserMode } from './harness.ts';

const REPORT = `title: Rebels push into Goma as the airport is shelled
source: Meridian Wire
date: 2025-02-22

GOMA — Fighters of the Ruzizi Front pushed into the northern districts of Goma last Sunday, the health ministry said.
`;

let imported = false;
const browserMode = useBrowserMode({
  seed: (casePath) => {
    const c = createCase(casePath, { author: 'E2E Analyst', title: 'Goma' });
    const [result] = importSources(c, [{ fileName: 'goma.txt', bytes: new TextEncoder().encode(REPORT) }]);
    imported = result?.ok === true;
    closeCase(c);
  },
});

/** The page's selected text (run in the page, where `getSelection` is the window's). */
const selectedText = () => String((globalThis as unknown as { getSelection(): unknown }).getSelection());

describe('a claim from the keyboard alone', () => {
  it('selects words with the arrow keys and cites exactly them', async () => {
    const { page, server } = browserMode;
    await page.goto(server.url);
    const row = page.getByRole('row', { name: /Rebels push into Goma/ });
    await poll(() => row.count()).toBe(1);
    await row.focus();
    await page.keyboard.press('Enter');

    const text = page.getByRole('article', { name: 'Source text' }).locator('.source-text');
    await poll(() => text.textContent()).toContain('Fighters of the Ruzizi Front');
    await text.focus();
    expect(await text.getAttribute('aria-describedby')).toBe('source-text-keys');
    // The first word, then on to "Fighters", then four more words.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowLeft');
    await poll(() => page.evaluate(selectedText)).toBe('Fighters of the Ruzizi');
    await page.keyboard.press('Shift+ArrowRight');
    await poll(() => page.evaluate(selectedText)).toBe('Fighters of the Ruzizi Front');
    await page.screenshot({ path: join(SCREENSHOTS, 'keyboard-selection.png') });

    await page.keyboard.press('n');
    const form = page.getByRole('form', { name: 'New claim' });
    await poll(() => form.count()).toBe(1);
    // The statement field has the focus: type, then (as Tab through the fields would) the save button.
    await page.keyboard.type('The Ruzizi Front is fighting in Goma.');
    const save = form.getByRole('button', { name: 'Save claim' });
    await save.focus();
    await page.keyboard.press('Enter');
    await poll(async () =>
      (await callApi<Claim[]>(page, server, 'claim.list', {})).map((claim) => [claim.quote, claim.statement]),
    ).toEqual([['Fighters of the Ruzizi Front', 'The Ruzizi Front is fighting in Goma.']]);
    expect(imported).toBe(true);
  });
});
