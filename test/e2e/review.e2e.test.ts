// End to end in headless Chromium against browser mode: the Review view on a case seeded through the engine —
// a verdict by key advances the progress and is stored; a claim whose quote was altered in the file comes first.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeCase, createCase } from '../../db/caseFile.ts';
import { createClaim } from '../../db/claims.ts';
import { importSources } from '../../db/sources.ts';
import type { Review, ReviewQueue } from '../../electron/contract/index.ts';
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
  outDir = mkdtempSync(join(tmpdir(), 'attest-e2e-review-'));
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

/** Seeds a case through the engine: one source, three claims; returns the claims' ids in text order. */
function seedCase(): { killed: string; shelling: string; weapons: string } {
  const c = createCase(casePath, { author: 'E2E Analyst', title: 'Goma offensive, February 2025' });
  try {
    const [imported] = importSources(c, [{ fileName: 'goma.txt', bytes: new TextEncoder().encode(REPORT) }]);
    if (!imported?.ok) throw new Error('import failed');
    const sourceId = imported.id;
    const claim = (quote: string, statement: string, extra: Record<string, unknown> = {}) =>
      createClaim(c, { anchor: { sourceId, quote }, statement, ...extra }).id;
    return {
      shelling: claim(
        'pushed into the northern districts of Goma last Sunday',
        'Rebels entered northern Goma',
        {
          claimant: 'the health ministry',
          date: '2025-02-16',
          place: 'Goma',
          tags: ['Places/Goma'],
        },
      ),
      killed: claim('At least 43 people were killed and 212 wounded', 'At least 43 killed in Goma', {
        claimant: 'the health ministry',
        date: '2025-02~',
      }),
      weapons: claim('has received weapons and fuel from across the border', 'The Ruzizi Front is supplied', {
        claimant: 'UN experts',
      }),
    };
  } finally {
    closeCase(c);
  }
}

async function openReview(): Promise<Page> {
  server = await startServer({ casePath, author: 'E2E Analyst', rendererDir: outDir });
  context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  page = await context.newPage();
  watchForProblems(page, problems);
  await page.goto(server.url);
  await poll(() => page.getByRole('heading', { name: 'Library' }).count()).toBe(1);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Review' }).click();
  await poll(() => page.getByRole('heading', { name: 'Review', level: 2 }).count()).toBe(1);
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

describe('the review view in Chromium (browser mode)', () => {
  it('gives a verdict by key, stores it, advances the progress and moves to the next claim', async () => {
    const ids = seedCase();
    await openReview();
    const progress = page.getByRole('status').filter({ hasText: 'reviewed' });
    await poll(() => progress.textContent()).toBe('0 of 3 reviewed');

    // The first claim in text order, beside its paragraph with the quote marked, and its fields.
    const context = page.getByRole('article', { name: 'Quote in context' });
    await poll(() => context.locator('mark').allTextContents()).toEqual([
      'pushed into the northern districts of Goma last Sunday',
    ]);
    expect(await context.textContent()).toContain('GOMA — Fighters of the Ruzizi Front');
    expect(await context.textContent()).not.toContain('At least 43 people');
    const fields = page.getByRole('complementary', { name: 'Claim under review' });
    expect(await fields.textContent()).toContain('Rebels entered northern Goma');
    expect(await fields.textContent()).toContain('the health ministry');
    expect(await fields.textContent()).toContain('Places/Goma');

    // The verdict buttons name their keys.
    for (const name of ['1 Citation ok', '2 Quote mismatch', '6 Unsupported'])
      expect(await page.getByRole('button', { name }).count()).toBe(1);

    await fields.getByLabel('Comment (optional)').fill('Matches the second sentence.');
    // The keys give verdicts once the comment field is left (in it, they are text).
    await page.getByRole('button', { name: 'Skip' }).focus();
    await page.keyboard.press('1');
    await poll(() => progress.textContent()).toBe('1 of 3 reviewed');
    await poll(() => context.locator('mark').allTextContents()).toEqual([
      'At least 43 people were killed and 212 wounded',
    ]);
    expect(await fields.textContent()).toContain('about February 2025');
    const stored = await api<Review[]>('review.list', { claimId: ids.shelling });
    expect(stored).toMatchObject([
      {
        verdict: 'citation-ok',
        comment: 'Matches the second sentence.',
        reviewer: 'E2E Analyst',
        stale: false,
      },
    ]);

    // Skip, then back; a second verdict by key on the claim shown.
    await page.getByRole('button', { name: 'Skip' }).click();
    await poll(() => context.locator('mark').allTextContents()).toEqual([
      'has received weapons and fuel from across the border',
    ]);
    await page.getByRole('button', { name: 'Previous' }).click();
    await poll(() => context.locator('mark').allTextContents()).toEqual([
      'At least 43 people were killed and 212 wounded',
    ]);
    await page.getByRole('button', { name: 'Skip' }).focus();
    await page.keyboard.press('5');
    await poll(() => progress.textContent()).toBe('2 of 3 reviewed');
    expect(await api<Review[]>('review.list', { claimId: ids.killed })).toMatchObject([
      { verdict: 'date-wrong' },
    ]);
    const queue = await api<ReviewQueue>('review.queue', {});
    expect(queue.progress).toEqual({ total: 3, reviewed: 2, stale: 0, broken: 0 });

    // The earlier verdict shows on a reviewed claim.
    await page.getByRole('button', { name: 'Skip' }).click();
    await poll(() => page.getByRole('list', { name: 'Earlier verdicts' }).textContent()).toContain(
      'Citation ok',
    );
  });

  it('shows a claim whose quote was altered in the file first, as broken, with what is wrong', async () => {
    const ids = seedCase();
    // Behind the engine's back: the stored quote no longer says what the source says at its offsets.
    const raw = new Database(casePath);
    raw
      .prepare(`UPDATE claims SET quote = 'At least 34 people were killed and 212 wounded' WHERE id = ?`)
      .run(ids.killed);
    raw.close();

    await openReview();
    const broken = page.getByRole('list', { name: 'Broken citations' });
    await poll(() => broken.getByRole('listitem').count()).toBe(1);
    expect(await broken.textContent()).toContain('At least 43 killed in Goma');
    const context = page.getByRole('article', { name: 'Quote in context' });
    await poll(() => context.textContent()).toContain('Broken citation');
    expect(await context.textContent()).toContain('Claim 1 of 3');
    const note = context.getByRole('note', { name: 'What is wrong' });
    expect(await note.textContent()).toContain('Recorded: “At least 34 people were killed and 212 wounded”');
    expect(await note.textContent()).toContain(
      'In the source: “At least 43 people were killed and 212 wounded”',
    );
    await poll(() => page.getByRole('status').filter({ hasText: 'reviewed' }).textContent()).toBe(
      '0 of 3 reviewed · 1 broken',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'review.png') });

    // The reviewer records the mismatch by key; the claim stays broken at the top, and the next claim shows.
    await page.getByRole('button', { name: 'Skip' }).focus();
    await page.keyboard.press('2');
    await poll(() => context.textContent()).toContain('Claim 2 of 3');
    expect(await api<Review[]>('review.list', { claimId: ids.killed })).toMatchObject([
      { verdict: 'quote-mismatch' },
    ]);

    // Open in reader: the reader shows the claim's source.
    await page.getByRole('button', { name: 'Open in reader' }).click();
    await poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe(
      'Rebels push into Goma as the airport is shelled',
    );
  });
});
