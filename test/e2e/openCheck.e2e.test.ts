// End to end in headless Chromium against browser mode serving a case before its full integrity check ended: the
// top bar says the file is being checked, then either stops saying so (sound) or the case is closed (damaged).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeCase, createCase, openCase } from '../../db/caseFile.ts';
import { startServer, type RunningServer } from '../../electron/serve/server.ts';
import { addSource, damageTable, refusal, REPORT } from '../helpers.ts';
import { buildRenderer, launchChromium, poll, SCREENSHOTS, watchForProblems } from './harness.ts';

/** How long the check's thread waits before checking: long enough to see the page while it runs. */
const CHECK_DELAY_MS = 4000;

let outDir = '';
let browser: Browser | undefined;
let caseDir = '';
let casePath = '';
let slowWorker = '';
let server: RunningServer | undefined;
let context: BrowserContext | undefined;
let problems: string[] = [];

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'attest-e2e-renderer-'));
  await buildRenderer(outDir);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

beforeEach(() => {
  problems = [];
  caseDir = mkdtempSync(join(tmpdir(), 'attest-e2e-case-'));
  casePath = join(caseDir, 'goma.attest');
  const c = createCase(casePath, { author: 'E2E Analyst', title: 'Goma offensive' });
  addSource(c, REPORT);
  closeCase(c);
  // The real check, started late.
  slowWorker = join(caseDir, 'slowIntegrityWorker.mjs');
  const real = pathToFileURL(join(import.meta.dirname, '../../db/integrityWorker.mjs')).href;
  writeFileSync(
    slowWorker,
    `await new Promise((resolve) => setTimeout(resolve, ${CHECK_DELAY_MS}));\nawait import(${JSON.stringify(real)});\n`,
  );
});

afterEach(async () => {
  await context?.close();
  await server?.close();
  rmSync(caseDir, { recursive: true, force: true });
});

async function openPage(): Promise<Page> {
  server = await startServer({
    casePath,
    author: 'E2E Analyst',
    rendererDir: outDir,
    deferIntegrityCheck: true,
    integrityWorkerFile: slowWorker,
  });
  context = await browser!.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  watchForProblems(page, problems);
  await page.goto(server.url);
  return page;
}

describe('a case served before its integrity check ended', () => {
  it('shows the case at once, says the file is being checked, and stops saying so when it passed', async () => {
    const page = await openPage();
    await poll(() => page.getByRole('heading', { name: 'Goma offensive' }).count()).toBe(1);
    const status = page.getByRole('status').filter({ hasText: 'Checking the file…' });
    expect(await status.count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'open-checking.png') });
    await poll(() => status.count(), 20_000).toBe(0);
    expect(await page.getByRole('heading', { name: 'Goma offensive' }).count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('closes a damaged case when the check finds it, saying why as opening it would', async () => {
    damageTable(casePath, 'originals');
    const message = refusal(() => openCase(casePath, { author: 'E2E Analyst' })).message;
    const page = await openPage();
    await poll(() => page.getByRole('heading', { name: 'Goma offensive' }).count()).toBe(1);
    expect(await page.getByRole('status').filter({ hasText: 'Checking the file…' }).count()).toBe(1);
    const closed = page.getByRole('region', { name: 'Case closed' });
    await poll(() => closed.count(), 20_000).toBe(1);
    expect(await closed.textContent()).toContain(message);
    expect(await page.getByRole('heading', { name: 'No case open' }).count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'open-damaged.png') });
    // A page loaded afterwards says the same.
    await page.reload();
    await poll(() => page.getByRole('region', { name: 'Case closed' }).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
