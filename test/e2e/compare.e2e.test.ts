// End to end in headless Chromium against browser mode: the Compare view on a case seeded through the engine —
// two sources side by side, a claim chosen on each side and linked, the link listed and stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeCase, createCase } from '../../db/caseFile.ts';
import { createClaim } from '../../db/claims.ts';
import { importSources } from '../../db/sources.ts';
import type { Link } from '../../electron/contract/index.ts';
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

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 50 });

let outDir: string;
let browser: Browser;

beforeAll(async () => {
  requireChromium();
  outDir = mkdtempSync(join(tmpdir(), 'attest-e2e-compare-'));
  await buildRenderer(outDir);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

let caseDir: string;
let casePath: string;
let server: RunningServer | undefined;
let context: BrowserContext | undefined;
let page: Page;
let problems: string[];

/** A second outlet's report of the same events, with a different toll. */
const OTHER = `title: Aid groups count higher toll in Goma
source: Lakeside Herald
date: 2025-02-23

Aid groups said on Sunday that at least 90 people were killed in Goma, twice the toll given by the health ministry.

The airport has been closed since the shelling began, according to airline officials.
`;

/** Seeds a case through the engine: two sources with two claims each. */
function seedCase(): Record<'killed' | 'weapons' | 'aid' | 'airport', string> {
  const c = createCase(casePath, { author: 'E2E Analyst', title: 'Goma offensive, February 2025' });
  try {
    const imported = importSources(c, [
      { fileName: 'goma.txt', bytes: new TextEncoder().encode(REPORT) },
      { fileName: 'aid.txt', bytes: new TextEncoder().encode(OTHER) },
    ]);
    const [first, second] = imported.map((result) => {
      if (!result.ok) throw new Error('import failed');
      return result.id;
    });
    const claim = (sourceId: string, quote: string, statement: string) =>
      createClaim(c, { anchor: { sourceId, quote }, statement }).id;
    return {
      killed: claim(first!, 'At least 43 people were killed and 212 wounded', 'At least 43 killed in Goma'),
      weapons: claim(
        first!,
        'has received weapons and fuel from across the border',
        'The Ruzizi Front is supplied',
      ),
      aid: claim(second!, 'at least 90 people were killed in Goma', 'At least 90 killed in Goma'),
      airport: claim(second!, 'The airport has been closed since the shelling began', 'Airport closed'),
    };
  } finally {
    closeCase(c);
  }
}

async function openCompare(): Promise<Page> {
  server = await startServer({ casePath, author: 'E2E Analyst', rendererDir: outDir });
  context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  page = await context.newPage();
  watchForProblems(page, problems);
  await page.goto(server.url);
  await poll(() => page.getByRole('heading', { name: 'Library' }).count()).toBe(1);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Compare' }).click();
  await poll(() => page.getByRole('heading', { name: 'Compare', level: 2 }).count()).toBe(1);
  return page;
}

beforeEach(() => {
  problems = [];
  caseDir = mkdtempSync(join(tmpdir(), 'attest-e2e-case-'));
  casePath = join(caseDir, 'e2e.attest');
});

afterEach(async () => {
  await context?.close();
  await server?.close();
  context = undefined;
  server = undefined;
  rmSync(caseDir, { recursive: true, force: true });
  expect(problems).toEqual([]);
});

async function api<V>(method: string, input: unknown): Promise<V> {
  return callApi<V>(page, server!, method, input);
}

describe('the compare view in Chromium (browser mode)', () => {
  it('shows two sources with their claims, links a claim on each side, and lists the link', async () => {
    const ids = seedCase();
    await openCompare();
    const left = page.getByRole('region', { name: 'Left source' });
    const right = page.getByRole('region', { name: 'Right source' });
    await left
      .getByRole('combobox', { name: 'Left source' })
      .selectOption({ label: 'Rebels push into Goma as the airport is shelled' });
    await right
      .getByRole('combobox', { name: 'Right source' })
      .selectOption({ label: 'Aid groups count higher toll in Goma' });

    // Each side's text with its claims marked.
    await poll(() => left.getByRole('article').locator('mark').allTextContents()).toEqual([
      'At least 43 people were killed and 212 wounded',
      'has received weapons and fuel from across the border',
    ]);
    await poll(() => right.getByRole('article').locator('mark').allTextContents()).toEqual([
      'at least 90 people were killed in Goma',
      'The airport has been closed since the shelling began',
    ]);

    const contradicts = page.getByRole('button', { name: 'Contradicts' });
    expect(await contradicts.isDisabled()).toBe(true);
    await left.getByRole('button', { name: /At least 43 killed in Goma/ }).click();
    // A click on the marked words chooses that claim too.
    await right.getByRole('article').locator('mark', { hasText: 'at least 90 people' }).click();
    await poll(() =>
      right.getByRole('button', { name: /At least 90 killed in Goma/ }).getAttribute('aria-pressed'),
    ).toBe('true');
    await poll(() => contradicts.isEnabled()).toBe(true);
    await contradicts.click();

    const links = page.getByRole('list', { name: 'Links between these sources' });
    await poll(() => links.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('contradicts'),
    ]);
    expect(await links.textContent()).toContain('At least 43 killed in Goma');
    expect(await links.textContent()).toContain('At least 90 killed in Goma');
    const stored = await api<Link[]>('link.list', { claimId: ids.killed });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ relation: 'contradicts' });
    expect([stored[0]!.fromClaimId, stored[0]!.toClaimId].sort()).toEqual([ids.killed, ids.aid].sort());

    // A second link, of another kind; choosing a link flashes both quotes.
    await left.getByRole('button', { name: /The Ruzizi Front is supplied/ }).click();
    await right.getByRole('button', { name: /Airport closed/ }).click();
    await page.getByRole('button', { name: 'Same event' }).click();
    await poll(() => links.getByRole('listitem').count()).toBe(2);
    await links
      .getByRole('button', { name: /^Show: At least 43 killed in Goma contradicts At least 90/ })
      .click();
    await poll(() => left.locator('mark.flash').allTextContents()).toEqual([
      'At least 43 people were killed and 212 wounded',
    ]);
    await poll(() => right.locator('mark.flash').allTextContents()).toEqual([
      'at least 90 people were killed in Goma',
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, 'compare.png') });

    // Deleting a link removes it from the list and from the case.
    await links.getByRole('button', { name: /^Delete link: .*is the same event as/ }).click();
    await poll(() => links.getByRole('listitem').count()).toBe(1);
    expect(await api<Link[]>('link.list', { claimId: ids.weapons })).toEqual([]);
  });
});
