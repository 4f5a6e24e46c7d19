// End to end in headless Chromium against browser mode serving a case before its full integrity check ended: the
// top bar says the file is being checked, then either stops saying so (sound) or the case is closed (damaged).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { closeCase, createCase, openCase } from '../../db/caseFile.ts';
import { addSource, damageTable, refusal, REPORT } from '../helpers.ts';
import { poll, SCREENSHOTS, useBrowserMode } from './harness.ts';

/** How long the check's thread waits before checking: long enough to see the page while it runs. */
const CHECK_DELAY_MS = 4000;

const SLOW_WORKER = 'slowIntegrityWorker.mjs';

const browserMode = useBrowserMode({
  seed(casePath, dir) {
    const c = createCase(casePath, { author: 'E2E Analyst', title: 'Goma offensive' });
    addSource(c, REPORT);
    closeCase(c);
    // The real check, started late.
    const real = pathToFileURL(join(import.meta.dirname, '../../db/integrityWorker.mjs')).href;
    writeFileSync(
      join(dir, SLOW_WORKER),
      `await new Promise((resolve) => setTimeout(resolve, ${CHECK_DELAY_MS}));\nawait import(${JSON.stringify(real)});\n`,
    );
  },
  serve: (dir) => ({ deferIntegrityCheck: true, integrityWorkerFile: join(dir, SLOW_WORKER) }),
  // The damaged case is damaged before browser mode opens it.
  startLater: true,
});

const openPage = async (): Promise<Page> => {
  const page = await browserMode.start();
  await page.goto(browserMode.server.url);
  return page;
};

describe('a case served before its integrity check ended', () => {
  it('shows the case at once, says the file is being checked, and stops saying so when it passed', async () => {
    const page = await openPage();
    await poll(() => page.getByRole('heading', { name: 'Goma offensive' }).count()).toBe(1);
    const status = page.getByRole('status').filter({ hasText: 'Checking the file…' });
    expect(await status.count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'open-checking.png') });
    await poll(() => status.count(), 20_000).toBe(0);
    expect(await page.getByRole('heading', { name: 'Goma offensive' }).count()).toBe(1);
  });

  it('closes a damaged case when the check finds it, saying why as opening it would', async () => {
    damageTable(browserMode.casePath, 'originals');
    const message = refusal(() => openCase(browserMode.casePath, { author: 'E2E Analyst' })).message;
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
  });
});
