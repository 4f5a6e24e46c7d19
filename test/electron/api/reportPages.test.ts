// The citation report through the contract: a claim in a PDF is cited with the page its words are on.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch.ts';
import { createHandlers } from '../../../electron/api/handlers.ts';
import { newCase } from '../../helpers.ts';
import { makePdf } from '../../db/ingest/builders.ts';

describe('export.report', () => {
  it('gives the page of a claim in a PDF', async () => {
    const c = newCase();
    const handlers = createHandlers({ case: c, emit: () => {} });
    const pdf = await makePdf([
      ['Situation report, Goma.', '', 'Fighting continued near the airport.'],
      ['On the second page the health ministry counted 43 dead.'],
    ]);
    const imported = await dispatch(handlers, 'source.import', {
      files: [{ fileName: 'sitrep.pdf', dataBase64: Buffer.from(pdf).toString('base64') }],
    });
    expect(imported.ok).toBe(true);
    const [source] = imported.ok ? (imported.value as { id: string }[]) : [];
    const created = await dispatch(handlers, 'claim.create', {
      sourceId: source!.id,
      quote: 'counted 43 dead',
      statement: 'The health ministry counted 43 dead.',
    });
    expect(created.ok).toBe(true);
    const report = await dispatch(handlers, 'export.report', { format: 'markdown' });
    expect(report.ok && (report.value as { text: string }).text).toMatch(/p\. 2\b/);
  });
});
