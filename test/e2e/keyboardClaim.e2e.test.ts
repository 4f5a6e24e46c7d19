// End to end in headless Chromium: a claim made from the keyboard alone — focus the source text, select words with
// the arrow keys, N for the form, type, save — cites exactly the words selected.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeCase, createCase } from '../../db/caseFile.ts';
import { importSources } from '../../db/sources.ts';
import type { Claim } from '../../electron/contract/index.ts';
import { startServer, type RunningServer } from '../../electron/serve/server.ts';
import { buildRenderer, callApi, launchChromium, poll, SCREENSHOTS, watchForProblems } from './harness.ts';

const REPORT = `title: Rebels push into Goma as the airport is shelled
source: Meridian Wire
date: 2025-02-22

GOMA — Fighters of the Ruzizi Front pushed into the northern districts of Goma last Sunday, the health ministry said.
`;

let outDir: string;
let browser: Browser;
let caseDir: string;
let server: RunningServer | undefined;
let context: BrowserContext | undefined;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'attest-e2e-keyboard-'));
  await buildRenderer(outDir);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

afterEach(async () => {
  await context?.close();
  await server?.close();
  rmSync(caseDir, { recursive: true, force: true });
  expect(problems).toEqual([]);
});

/** The page's selected text (run in the page, where `getSelection` is the window's). */
const selectedText = () => String((globalThis as unknown as { getSelection(): unknown }).getSelection());

describe('a claim from the keyboard alone', () => {
  it('selects words with the arrow keys and cites exactly them', async () => {
    caseDir = mkdtempSync(join(tmpdir(), 'attest-e2e-case-'));
    const casePath = join(caseDir, 'e2e.attest');
    const c = createCase(casePath, { author: 'E2E Analyst', title: 'Goma' });
    const [imported] = importSources(c, [{ fileName: 'goma.txt', bytes: new TextEncoder().encode(REPORT) }]);
    closeCase(c);
    server = await startServer({ casePath, author: 'E2E Analyst', rendererDir: outDir });
    context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    page = await context.newPage();
    watchForProblems(page, problems);
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
      (await callApi<Claim[]>(page, server!, 'claim.list', {})).map((claim) => [
        claim.quote,
        claim.statement,
      ]),
    ).toEqual([['Fighters of the Ruzizi Front', 'The Ruzizi Front is fighting in Goma.']]);
    expect(imported?.ok).toBe(true);
  });
});
