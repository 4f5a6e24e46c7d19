// End to end in headless Chromium against browser mode: import, library, reader, claim, undo; a hostile source.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeCase, createCase } from '../../db/caseFile.ts';
import type { Claim, Source, SourceSummary, Tag } from '../../electron/contract/index.ts';
import { startServer, type RunningServer } from '../../electron/serve/server.ts';
import {
  buildRenderer,
  callApi,
  launchChromium,
  requireChromium,
  SCREENSHOTS,
  watchForProblems,
} from './harness.ts';

const REPORT = `title: Rebels push into Goma as the airport is shelled
source: Meridian Wire
date: 2025-02-22

GOMA — Fighters of the Ruzizi Front pushed into the northern districts of Goma last Sunday after two days of shelling around the airport, the health ministry said on Saturday.

At least 43 people were killed and 212 wounded in the fighting, the health ministry said, adding that most of the dead were civilians caught in the shelling of the Birere market on Friday.

According to UN experts, the Ruzizi Front has received weapons and fuel from across the border since January, a charge the government in Kisanga has repeated and neighbouring Tarvia denies.
`;

/**
 * A source written to break a careless renderer: markup that would run if it reached the DOM as HTML, a
 * javascript: link, a right-to-left override (U+202E), combining marks and emoji (surrogate pairs) before
 * the words a claim will cite, so any slip in offsets shows as a wrong quote.
 */
const HOSTILE = [
  `Breaking: <script>window.__pwned = 'script'</script> officials <b>deny</b> everything`,
  '',
  `Officials said <img src=x onerror="window.__pwned='img'"> the bridge <iframe src="javascript:parent.__pwned='iframe'"></iframe> fell.`,
  `<a href="javascript:window.__pwned='link'">javascript:window.__pwned='link'</a> and <svg onload="window.__pwned='svg'"></svg>`,
  `Direction: \u202Ekcatta na\u202C then e\u0301 a\u0308 Z\u0334\u0321\u0319a\u0335l\u0338g\u0337o then 🚀🔥👩‍👩‍👧 then the convoy reached Sake on Monday.`,
  '',
].join('\n');
const HOSTILE_PHRASE = 'the convoy reached Sake on Monday';

const DROPPED =
  'title: Ceasefire talks resume in Luanda\nsource: Meridian Wire\ndate: 2025-03-01\n\nTalks resumed.\n';

const OLDER =
  'title: Airport closed after shelling\nsource: Lakeside Herald\ndate: 2025-01-30\n\nThe airport closed.\n';

/** Waits for the page to catch up: a generous limit, since CI machines are slower than a laptop. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 50 });

let outDir: string;
let browser: Browser;

beforeAll(async () => {
  requireChromium();
  // The renderer built once, with the project's own config (imported, so the root tsconfig checks it too), into a
  // folder of this run.
  outDir = mkdtempSync(join(tmpdir(), 'attest-e2e-renderer-'));
  await buildRenderer(outDir);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

// Each test: its own case file, its own server, its own browser context (no shared storage or token).
let caseDir: string;
let server: RunningServer;
let context: BrowserContext;
let page: Page;
let problems: string[];

async function openApp(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1360, height: 860 }, colorScheme });
  page = await context.newPage();
  // Any page error or console error (a CSP violation is one) fails the test at the end.
  watchForProblems(page, problems);
  await page.goto(server.url);
  await poll(() => page.getByRole('heading', { name: 'Library' }).count()).toBe(1);
  return page;
}

beforeEach(async () => {
  problems = [];
  caseDir = mkdtempSync(join(tmpdir(), 'attest-e2e-case-'));
  const casePath = join(caseDir, 'e2e.attest');
  closeCase(createCase(casePath, { author: 'E2E Analyst', title: 'Goma offensive, February 2025' }));
  server = await startServer({ casePath, author: 'E2E Analyst', rendererDir: outDir });
});

afterEach(async () => {
  await context?.close();
  await server?.close();
  rmSync(caseDir, { recursive: true, force: true });
});

/** Calls the contract from the test itself, as a second client would, to check what the engine stored. */
async function api<V>(method: string, input: unknown): Promise<V> {
  return callApi<V>(page, server, method, input);
}

async function importFile(name: string, text: string, outcome: RegExp = /imported as/): Promise<void> {
  await page.getByLabel('Files to import').setInputFiles({
    name,
    mimeType: 'text/plain',
    buffer: Buffer.from(text, 'utf8'),
  });
  const results = page.getByRole('list', { name: 'Import results' });
  await poll(() => results.getByRole('listitem').filter({ hasText: name }).textContent()).toMatch(outcome);
}

/** The DOM members the in-page helper uses: the root tsconfig type-checks Node code and has no DOM lib. */
interface InPageText {
  nodeValue: string | null;
}
interface InPageElement {
  ownerDocument: {
    createTreeWalker(root: InPageElement, whatToShow: number): { nextNode(): InPageText | null };
    createRange(): {
      setStart(node: InPageText, offset: number): void;
      setEnd(node: InPageText, offset: number): void;
    };
    getSelection(): { removeAllRanges(): void; addRange(range: unknown): void } | null;
  };
}

/** The page's drag-and-drop constructors, typed by what the drop test uses. */
interface InPageDragAndDrop {
  DataTransfer: new () => { items: { add(file: unknown): unknown } };
  File: new (parts: string[], name: string, options: { type: string }) => unknown;
}

/** Selects the first occurrence of a phrase in the element's text, across text nodes, as a drag would. */
async function selectPhrase(container: Locator, phrase: string): Promise<void> {
  // Typed as unknown, then narrowed: with DOM types in scope (jsdom's) evaluate offers HTMLElement | SVGElement.
  const found = await container.evaluate((node: unknown, wanted: string) => {
    const element = node as InPageElement;
    const document = element.ownerDocument;
    const walker = document.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
    const nodes: { node: InPageText; start: number }[] = [];
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({ node, start: text.length });
      text += node.nodeValue ?? '';
    }
    const start = text.indexOf(wanted);
    if (start < 0) return false;
    const end = start + wanted.length;
    const locate = (offset: number, isEnd: boolean) => {
      const index = nodes.findLastIndex((each) => (isEnd ? each.start < offset : each.start <= offset));
      const { node, start: nodeStart } = nodes[index]!;
      return { node, offset: offset - nodeStart };
    };
    const range = document.createRange();
    const from = locate(start, false);
    const to = locate(end, true);
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    const selection = document.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return true;
  }, phrase);
  expect(found, `"${phrase}" is in the text`).toBe(true);
}

describe('the reader in Chromium (browser mode)', () => {
  it('imports a source, opens it, makes a dated and tagged claim, and undoes it', async () => {
    await openApp();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Goma offensive, February 2025',
    );
    await poll(() => page.getByRole('banner').textContent()).toContain('E2E Analyst');
    // The views that exist are offered (renderer/app/views.tsx), Library and Reader first, each once.
    const nav = page.getByRole('navigation', { name: 'Views' });
    const labels = await nav.getByRole('button').allTextContents();
    expect(labels.slice(0, 2)).toEqual(['Library', 'Reader']);
    expect(new Set(labels).size).toBe(labels.length);

    await importFile('goma-report.txt', REPORT);
    const row = page.getByRole('row', { name: /Rebels push into Goma/ });
    await poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Meridian Wire');
    expect(await row.textContent()).toContain('22 Feb 2025');

    // Search as you type narrows the table; a query with no match empties it.
    const search = page.getByRole('searchbox', { name: 'Search sources' });
    await search.fill('Kisan');
    await poll(() => page.getByRole('row', { name: /Rebels push into Goma/ }).count()).toBe(1);
    await search.fill('zzzz');
    await poll(() => page.getByText('No source matches “zzzz”.').count()).toBe(1);
    await search.fill('');
    await poll(() => row.count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'library.png') });

    await row.dblclick();
    await poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe(
      'Rebels push into Goma as the airport is shelled',
    );
    const text = page.getByRole('article', { name: 'Source text' });
    const phrase = 'At least 43 people were killed and 212 wounded';
    await selectPhrase(text, phrase);
    const newClaim = page.getByRole('button', { name: 'New claim' });
    await poll(() => newClaim.isEnabled()).toBe(true);
    await newClaim.click();

    const form = page.getByRole('form', { name: 'New claim' });
    expect(await form.locator('blockquote').textContent()).toBe(phrase);
    await form.getByLabel('Statement').fill('At least 43 people died in the fighting for Goma');
    await form.getByLabel('Claimant').fill('the health ministry');
    await form.getByLabel('Event date').fill('2025-02-16/2025-02-21');
    await poll(() => form.getByText('16–21 February 2025').count()).toBe(1);
    await form.getByLabel('Event date').fill('2025-02~');
    await poll(() => form.getByText('about February 2025').count()).toBe(1);
    await form.getByLabel('Tags').fill('Topics/Casualties, Places/Goma');
    await page.screenshot({ path: join(SCREENSHOTS, 'reader-new-claim.png') });
    await form.getByRole('button', { name: 'Save claim' }).click();

    const mark = text.locator('mark');
    await poll(() => mark.allTextContents()).toEqual([phrase]);
    const claims = page.getByRole('list', { name: 'Claims' });
    const claim = claims.getByRole('button', { name: /^At least 43 people died/ });
    await poll(() => claim.count()).toBe(1);
    expect(await claim.textContent()).toContain('about February 2025');
    expect(await claim.textContent()).toContain('Topics/Casualties');

    const [stored] = await api<Claim[]>('claim.list', {});
    expect(stored).toMatchObject({
      quote: phrase,
      date: '2025-02~',
      tags: ['Places/Goma', 'Topics/Casualties'],
    });
    const source = await api<Source>('source.get', { id: stored!.sourceId });
    expect(source.text.slice(stored!.start, stored!.end)).toBe(phrase);

    // A claim made elsewhere (here, straight through the API) appears through `case.changed`; where it overlaps
    // the first, the words carry both, stacked, in the color of its first tag.
    await api('tag.add', { path: 'Actors/Ruzizi Front', color: '#5b9bd5' });
    await api('claim.create', {
      sourceId: stored!.sourceId,
      quote: 'killed and 212 wounded in the fighting',
      statement: 'The fighting wounded 212',
      tags: ['Actors/Ruzizi Front'],
    });
    await poll(() => mark.allTextContents()).toEqual([
      'At least 43 people were ',
      'killed and 212 wounded',
      ' in the fighting',
    ]);
    expect(await mark.nth(1).getAttribute('data-depth')).toBe('2');
    await poll(() => claims.getByRole('listitem').count()).toBe(2);

    // Clicking a highlight selects its claim in the list; clicking a claim flashes its words.
    await mark.first().click();
    await poll(() => claim.getAttribute('aria-current')).toBe('true');
    await poll(() => text.locator('mark.flash').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'reader.png') });
    await claims.getByRole('button', { name: /^The fighting wounded 212/ }).click();
    await poll(() => text.locator('mark.flash').allTextContents()).toEqual([
      'killed and 212 wounded',
      ' in the fighting',
    ]);

    // Undo by button takes back the analyst's actions one by one, newest first: the second claim, the tag added
    // for it, then the first claim. Redo by keyboard brings that back, undo by keyboard removes it again.
    const undo = page.getByRole('button', { name: 'Undo' });
    await undo.click();
    await poll(() => mark.allTextContents()).toEqual([phrase]);
    await undo.click();
    await poll(async () => (await api<Tag[]>('tag.list', {})).map((tag) => tag.path)).not.toContain(
      'Actors/Ruzizi Front',
    );
    await undo.click();
    await poll(() => mark.count()).toBe(0);
    await poll(() => claims.count()).toBe(0);
    expect(await api<Claim[]>('claim.list', {})).toEqual([]);
    await page.locator('body').press('Control+Shift+Z');
    await poll(() => mark.allTextContents()).toEqual([phrase]);
    await page.locator('body').press('Control+z');
    await poll(() => mark.count()).toBe(0);

    // The library shows the claim count the engine keeps.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Library' }).click();
    await poll(() => page.getByRole('row', { name: /Rebels push into Goma/ }).count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('sorts the library by a clicked column and opens a row with Enter', async () => {
    await openApp();
    await importFile('goma-report.txt', REPORT);
    await importFile('older.txt', OLDER);
    const titles = () =>
      page
        .getByRole('row')
        .filter({ has: page.getByRole('cell') })
        .locator('td.col-title')
        .allTextContents();
    const header = page.getByRole('columnheader', { name: 'Title' });
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await poll(titles).toEqual([
      'Airport closed after shelling',
      'Rebels push into Goma as the airport is shelled',
    ]);
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await poll(titles).toEqual([
      'Rebels push into Goma as the airport is shelled',
      'Airport closed after shelling',
    ]);

    // The same text again is the same source: the import says so, and no second row appears.
    await importFile('older-copy.txt', OLDER, /already in the case as “Airport closed after shelling”/);
    await poll(titles).toHaveLength(2);

    // A file that is not a document is refused with the engine's reason; the others are unaffected.
    await importFile('garbage.bin', '\u0000\u0001\u0002\u00ff'.repeat(64), /refused: /);

    // Dropping a file on the library imports it too.
    const dataTransfer = await page.evaluateHandle((text: string) => {
      const page = globalThis as unknown as InPageDragAndDrop;
      const transfer = new page.DataTransfer();
      transfer.items.add(new page.File([text], 'dropped.txt', { type: 'text/plain' }));
      return transfer;
    }, DROPPED);
    await page.getByRole('region', { name: 'Library' }).dispatchEvent('drop', { dataTransfer });
    await poll(() => page.getByRole('list', { name: 'Import results' }).textContent()).toContain(
      'dropped.txt imported as “Ceasefire talks resume in Luanda”',
    );
    await poll(titles).toHaveLength(3);

    const row = page.getByRole('row', { name: /Airport closed after shelling/ });
    await row.focus();
    await row.press('Enter');
    await poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe(
      'Airport closed after shelling',
    );

    // The token left the address bar on load; the tab kept it, so a reload still reaches the case.
    expect(page.url()).not.toContain('token=');
    await page.reload();
    await poll(titles).toHaveLength(3);
    expect(await page.title()).toBe('Goma offensive, February 2025 — Attest');
    expect(problems).toEqual([]);
  });

  it('shows a hostile source as plain text, runs none of it, and cites exact words after emoji and RTL marks', async () => {
    await openApp('dark');
    await importFile('hostile.txt', HOSTILE);
    const row = page.getByRole('row', { name: /Breaking: <script>/ });
    await poll(() => row.count()).toBe(1);
    await row.dblclick();

    // On screen: exactly the text the engine stored (normalized to NFC at import), character for character.
    const [summary] = await api<SourceSummary[]>('source.list', {});
    const source = await api<Source>('source.get', { id: summary!.id });
    const text = page.getByRole('article', { name: 'Source text' });
    await poll(() => text.textContent()).toBe(source.text);
    // The markup is on screen as characters; none of it became an element, and nothing ran.
    expect(await text.textContent()).toContain(`<script>window.__pwned = 'script'</script>`);
    expect(await page.locator('script:not([src]), img, iframe, svg, a[href^="javascript:"]').count()).toBe(0);
    expect(await text.locator('script, img, iframe, svg, a, b').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    // The reader warns that invisible direction controls may reorder what is shown.
    await poll(() => page.getByRole('note').textContent()).toContain('change the direction of the text');

    await selectPhrase(text, HOSTILE_PHRASE);
    await poll(() => page.getByRole('button', { name: 'New claim' }).isEnabled()).toBe(true);
    await page.keyboard.press('n');
    const form = page.getByRole('form', { name: 'New claim' });
    await form.getByLabel('Statement').fill('A convoy reached Sake on Monday');
    await form.getByLabel('Event date').fill('2025-02-17');
    await form.getByLabel('Tags').fill('Places/Sake');
    await form.getByRole('button', { name: 'Save claim' }).click();

    await poll(() => text.locator('mark').allTextContents()).toEqual([HOSTILE_PHRASE]);
    const [claim] = await api<Claim[]>('claim.list', {});
    expect(claim!.quote).toBe(HOSTILE_PHRASE);
    expect(source.text.slice(claim!.start, claim!.end)).toBe(HOSTILE_PHRASE);
    expect(claim!.start).toBe(source.text.indexOf(HOSTILE_PHRASE));
    await poll(() => text.locator('mark.flash').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'reader-hostile-dark.png') });

    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('shows a refused call in the alert region', async () => {
    await openApp();
    await importFile('goma-report.txt', REPORT);
    await page.getByRole('row', { name: /Rebels push into Goma/ }).dblclick();
    await selectPhrase(
      page.getByRole('article', { name: 'Source text' }),
      'the health ministry said on Saturday',
    );
    await page.getByRole('button', { name: 'New claim' }).click();
    const form = page.getByRole('form', { name: 'New claim' });
    await form.getByLabel('Statement').fill('The ministry spoke on Saturday');
    await form.getByLabel('Event date').fill('last Saturday');
    await poll(() => form.getByText(/Not a date Attest can read/).count()).toBe(1);
    await form.getByRole('button', { name: 'Save claim' }).click();
    await poll(() => page.getByRole('alert').textContent()).toMatch(/not a valid EDTF date/);
    // The form stays open with what was typed.
    expect(await form.getByLabel('Statement').inputValue()).toBe('The ministry spoke on Saturday');
    expect(problems).toEqual([]);
  });
});
