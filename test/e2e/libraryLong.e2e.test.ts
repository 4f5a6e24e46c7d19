// End to end in headless Chromium: a library of 300 sources renders only the rows in view, and still scrolls,
// sorts and moves by keyboard to any row.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase, createCase } from '../../db/caseFile.ts';
import { importSources } from '../../db/sources.ts';
import { poll, SCREENSHOTS, useBrowserMode } from './harness.ts';

const COUNT = 300;
const title = (n: number) => `Report ${String(n).padStart(3, '0')} on the fighting near Goma`;

const browserMode = useBrowserMode({
  seed: (casePath) => {
    const c = createCase(casePath, { author: 'E2E Analyst', title: 'Long library' });
    const files = Array.from({ length: COUNT }, (_, n) => ({
      fileName: `report-${n}.txt`,
      bytes: new TextEncoder().encode(
        `title: ${title(n)}\ndate: 2025-02-${String((n % 28) + 1).padStart(2, '0')}\n\nText ${n}.\n`,
      ),
    }));
    importSources(c, files);
    closeCase(c);
  },
});

/** The text of the focused element (run in the page). */
const focusedText = () =>
  (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document
    .activeElement?.textContent ?? '';

describe('a long library', () => {
  it('renders the rows in view only, and reaches the last row by keyboard and by scrolling', async () => {
    const { page, server } = browserMode;
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Title' }).click();
    const rows = page.locator('table.sources tbody tr[data-id]');
    await poll(() => rows.first().textContent()).toContain(title(0));
    const rendered = await rows.count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(COUNT / 2);

    // End on a row goes to the last source, which is rendered and focused once scrolled to.
    await rows.first().focus();
    await page.keyboard.press('End');
    await poll(() => page.evaluate(focusedText)).toContain(title(COUNT - 1));
    await page.keyboard.press('ArrowUp');
    await poll(() => page.evaluate(focusedText)).toContain(title(COUNT - 2));
    await page.screenshot({ path: join(SCREENSHOTS, 'library-long-end.png') });

    // Scrolling back to the top renders the first rows again; the count of rendered rows stays small.
    await page.locator('main').evaluate((main) => ((main as unknown as { scrollTop: number }).scrollTop = 0));
    await poll(() => rows.first().textContent()).toContain(title(0));
    expect(await rows.count()).toBeLessThan(COUNT / 2);
  });
});
