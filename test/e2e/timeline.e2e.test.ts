// End to end in headless Chromium against browser mode: the Timeline on a seeded case (exact, approximate,
// interval and undated claims; a dense month), panning, counts, and a claim opening the reader at its words.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCase, createCase, transaction } from '../../db/caseFile.ts';
import { createClaimIn } from '../../db/claims.ts';
import { beginAction } from '../../db/history.ts';
import { importSources } from '../../db/sources.ts';
import { startServer, type RunningServer } from '../../electron/serve/server.ts';
import { buildRenderer, launchChromium, requireChromium, SCREENSHOTS, watchForProblems } from './harness.ts';

const REPORT = `title: Rebels push into Goma as the airport is shelled
source: Meridian Wire
date: 2025-02-22

Fighters of the Ruzizi Front pushed into the northern districts of Goma last Sunday, the health ministry said.

At least 43 people were killed in the shelling of the Birere market on Friday, the health ministry said.

Fighting around Sake went on for several days in early February, residents said.

Aid convoys were blocked at some point in February, according to UN experts.

Nobody could say when the bridge at Kibati was cut.
`;

/** A second source with many short claims in one month, so that month is too dense to draw claim by claim. */
const DENSE_DAYS = 40;
const DENSE_PER_DAY = 20;
const DENSE = `title: Daily incident log, June 2024
source: Kivu Monitor
date: 2024-07-01

${Array.from({ length: DENSE_DAYS * DENSE_PER_DAY }, (_, index) => `Incident ${index + 1} was logged.`).join('\n')}
`;

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 50 });

let outDir: string;
let caseDir: string;
let browser: Browser;
let server: RunningServer;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

function seed(path: string): void {
  const c = createCase(path, { author: 'E2E Analyst', title: 'Goma offensive' });
  try {
    const [report, dense] = importSources(c, [
      { fileName: 'goma.txt', bytes: new TextEncoder().encode(REPORT) },
      { fileName: 'log.txt', bytes: new TextEncoder().encode(DENSE) },
    ]);
    if (!report?.ok || !dense?.ok) throw new Error('import failed');
    const claim = (
      quote: string,
      statement: string,
      date: string | null,
      claimant: string | null,
      tags: string[] = [],
    ) => ({ anchor: { sourceId: report.id, quote }, statement, date, claimant, tags });
    transaction(c, () => {
      const action = beginAction(c, 'Seed');
      for (const input of [
        claim(
          'pushed into the northern districts of Goma',
          'Rebels entered northern Goma',
          '2025-02-16',
          'health ministry',
          ['Places/Goma'],
        ),
        claim(
          'At least 43 people were killed',
          'At least 43 killed at Birere market',
          '2025-02-21',
          'health ministry',
          ['Places/Goma', 'Events/Shelling'],
        ),
        claim(
          'Fighting around Sake went on for several days',
          'Fighting around Sake',
          '2025-02-03/2025-02-07',
          'residents',
        ),
        claim('Aid convoys were blocked', 'Aid convoys blocked', '2025-02~', 'UN experts'),
        claim('the bridge at Kibati was cut', 'Kibati bridge cut', null, null),
      ])
        createClaimIn(c, action, input);
      // The dense month: June 2024 and a little beyond, 20 claims a day.
      for (let index = 0; index < DENSE_DAYS * DENSE_PER_DAY; index += 1) {
        const day = new Date(Date.UTC(2024, 5, 1) + Math.floor(index / DENSE_PER_DAY) * 86_400_000);
        createClaimIn(c, action, {
          anchor: { sourceId: dense.id, quote: `Incident ${index + 1} was logged.` },
          statement: `Incident ${index + 1}`,
          date: day.toISOString().slice(0, 10),
          claimant: 'Kivu Monitor',
        });
      }
    });
  } finally {
    closeCase(c);
  }
}

beforeAll(async () => {
  requireChromium();
  outDir = mkdtempSync(join(tmpdir(), 'attest-e2e-timeline-'));
  await buildRenderer(outDir);
  caseDir = mkdtempSync(join(tmpdir(), 'attest-e2e-timeline-case-'));
  const casePath = join(caseDir, 'timeline.attest');
  seed(casePath);
  server = await startServer({ casePath, author: 'E2E Analyst', rendererDir: outDir });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  page = await context.newPage();
  watchForProblems(page, problems);
  await page.goto(server.url);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
  if (caseDir) rmSync(caseDir, { recursive: true, force: true });
});

const canvas = () => page.getByRole('region', { name: 'Claims by event date' });
const status = () => page.getByRole('status').filter({ hasText: /claims? from/ });

/**
 * Moves the timeline to a window (both ends inclusive) as a drag or a zoom would, with the event the view listens
 * for on its canvas. Source text, not a function: the root tsconfig checks tests without the DOM library.
 */
async function showWindow(from: string, to: string): Promise<void> {
  const detail = JSON.stringify({ start: from, end: to });
  await page.evaluate(
    `document.querySelector('.timeline-canvas').dispatchEvent(new CustomEvent('timeline:set-window', { detail: ${detail} }))`,
  );
}

/** How an item is drawn: its border style, background image and width in pixels. */
async function look(text: string): Promise<{ border: string; image: string; width: number }> {
  return page.evaluate(`(() => {
    const element = [...document.querySelectorAll('.timeline-canvas .vis-item')].find((each) =>
      each.textContent.includes(${JSON.stringify(text)}),
    );
    const style = getComputedStyle(element);
    return {
      border: style.borderTopStyle,
      image: style.backgroundImage,
      width: element.getBoundingClientRect().width,
    };
  })()`);
}

describe('timeline', () => {
  it('shows claims by date, counts a dense window, lists undated claims and opens the reader', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Timeline' }).click();
    await poll(() => page.getByRole('heading', { name: 'Timeline' }).count()).toBe(1);

    // The whole case is wide: counts, not claims.
    await poll(() => canvas().getAttribute('data-mode')).toBe('buckets');
    await poll(() => status().textContent()).toMatch(/counted per (week|month)/);
    expect(await canvas().locator('.timeline-bucket').count()).toBeGreaterThan(1);

    // Undated claims are counted and listed aside.
    await page.getByText('List undated claims').click();
    const undated = page.getByRole('list', { name: 'Undated claims' });
    await poll(() => undated.getByRole('button').allTextContents()).toEqual(['Kibati bridge cut']);
    await expect(page.getByRole('heading', { name: /Undated claims/ }).textContent()).resolves.toMatch(/1/);

    // February 2025: each claim drawn, exact days as boxes, the interval and the approximate month as ranges.
    await showWindow('2025-01-25', '2025-03-05');
    await poll(() => canvas().getAttribute('data-mode')).toBe('items');
    await poll(() => status().textContent()).toMatch(/^4 claims from/);
    const item = (text: string) => canvas().locator('.vis-item').filter({ hasText: text });
    await poll(() => item('Rebels entered northern Goma').count()).toBe(1);
    expect(await item('Rebels entered northern Goma').getAttribute('class')).toMatch(/timeline-exact/);
    expect(await item('Fighting around Sake').getAttribute('class')).toMatch(/vis-range.*timeline-uncertain/);
    expect(await item('Aid convoys blocked').getAttribute('class')).toMatch(/timeline-uncertain/);
    // Ranges look different: hatched, dashed, and wider than a day.
    const exact = await look('Rebels entered northern Goma');
    const approximate = await look('Aid convoys blocked');
    expect(exact.border).toBe('solid');
    expect(approximate.border).toBe('dashed');
    expect(approximate.image).toMatch(/repeating-linear-gradient/);
    expect(exact.image).toBe('none');
    expect(approximate.width).toBeGreaterThan(exact.width);
    // Grouped by claimant (the default): one row per claimant.
    await poll(() => canvas().locator('.vis-labelset .vis-label').allTextContents()).toEqual([
      'health ministry',
      'residents',
      'UN experts',
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, 'timeline.png') });

    // Grouped by tag: a claim with two tags is drawn in both rows; claims without tags have a row of their own.
    await page.getByRole('combobox', { name: 'Group by' }).selectOption({ label: 'Tag' });
    await poll(() => canvas().locator('.vis-labelset .vis-label').allTextContents()).toEqual([
      'Events/Shelling',
      'No tag',
      'Places/Goma',
    ]);
    await poll(() => item('At least 43 killed at Birere market').count()).toBe(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'timeline-by-tag.png') });
    await page.getByRole('combobox', { name: 'Group by' }).selectOption({ label: 'Claimant' });

    // Panning loads a new window: Earlier moves half a window back, into January with no claims.
    const before = await canvas().getAttribute('data-window');
    await page.getByRole('button', { name: 'Earlier' }).click();
    await poll(() => canvas().getAttribute('data-window')).not.toBe(before);

    // A dense window (June 2024, 20 claims a day) shows counts per day.
    await showWindow('2024-06-01', '2024-07-01');
    await poll(() => canvas().getAttribute('data-mode')).toBe('buckets');
    await poll(() => status().textContent()).toMatch(/counted per day/);
    await poll(() => canvas().locator('.timeline-bucket').first().textContent()).toBe('20');
    await page.screenshot({ path: join(SCREENSHOTS, 'timeline-dense.png') });

    // A claim opens the reader at its words, which flash.
    await showWindow('2025-01-25', '2025-03-05');
    await poll(() => item('At least 43 killed at Birere market').count()).toBe(1);
    await item('At least 43 killed at Birere market').click();
    await poll(() =>
      page.getByRole('heading', { name: 'Rebels push into Goma as the airport is shelled' }).count(),
    ).toBe(1);
    const text = page.getByRole('article', { name: 'Source text' });
    await poll(() => text.locator('mark.flash').allTextContents()).toEqual([
      'At least 43 people were killed',
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, 'timeline-reader.png') });

    expect(problems).toEqual([]);
  }, 120_000);
});
