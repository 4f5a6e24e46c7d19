// End to end in headless Chromium: PDF, Word and HTML files imported from the library, a scan refused with its
// reason, and a claim in a PDF shown with its page in the reader ("p. 2").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, it } from 'vitest';
import type { SourceSummary } from '../../electron/contract/index.ts';
import type { RunningServer } from '../../electron/serve/server.ts';
import { makeDocx, makeImageOnlyPdf, makePdf } from '../db/ingest/builders.ts';
import { callApi, poll, SCREENSHOTS, useBrowserMode } from './harness.ts';

const PAGE_TWO = 'A day earlier, fighting closed the airport road.';

const browserMode = useBrowserMode({ title: 'Port Calder' });
let page: Page;
let server: RunningServer;
beforeEach(() => {
  ({ page, server } = browserMode);
});

describe('importing PDF, Word and HTML files in the library', () => {
  it('imports them, refuses a scan with its reason, and cites a PDF claim by page', async () => {
    await page.goto(server.url);
    await poll(() => page.getByRole('heading', { name: 'Library' }).count()).toBe(1);
    const pdf = await makePdf([['Rebels entered Port Calder on Sunday, the governor said.'], [PAGE_TWO]], {
      title: 'Situation report 12',
      author: 'Ines Okello',
    });
    await page.getByLabel('Files to import').setInputFiles([
      { name: 'sitrep.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) },
      {
        name: 'notes.docx',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(
          makeDocx(['Harbour notes: ships queued outside the breakwater.'], { title: 'Harbour notes' }),
        ),
      },
      {
        name: 'port-calder.html',
        mimeType: 'text/html',
        buffer: readFileSync(join(import.meta.dirname, '../fixtures/ingest/article.html')),
      },
      { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await makeImageOnlyPdf()) },
    ]);
    const results = page.getByRole('list', { name: 'Import results' });
    await poll(() => results.textContent(), 60_000).toContain('has no text layer');
    for (const title of [
      'Situation report 12',
      'Harbour notes',
      'Rebels enter Port Calder as governor flees',
    ]) {
      await poll(() => page.getByRole('row', { name: new RegExp(title) }).count()).toBe(1);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'import-formats.png') });

    // A claim on the second page of the PDF, made through the contract as another client would.
    const sources = await callApi<SourceSummary[]>(page, server, 'source.list', {});
    const sitrep = sources.find((source) => source.format === 'pdf')!;
    await callApi(page, server, 'claim.create', {
      sourceId: sitrep.id,
      quote: 'fighting closed the airport road',
      statement: 'Fighting closed the airport road the day before',
    });
    await page.getByRole('row', { name: /Situation report 12/ }).dblclick();
    const claims = page.getByRole('list', { name: 'Claims' });
    await poll(() => claims.textContent()).toContain('p. 2');
    await page.screenshot({ path: join(SCREENSHOTS, 'reader-pdf-page.png') });
  });
});
