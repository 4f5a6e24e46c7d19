// Merge carries what the other features keep: PDF page maps, repeat marks, near-copy fingerprints, and dismissed
// suggestions (which merge by union, the earlier dismissal kept on both sides).
import { describe, expect, it } from 'vitest';
import { mergeCaseFile } from '../../db/merge.ts';
import { findNearCopies, markRepeat } from '../../db/repeats.ts';
import { getSource, importSourcesAsync } from '../../db/sources.ts';
import { dismissSuggestion, listSuggestions } from '../../db/suggest/store.ts';
import { REPRINT, WIRE } from '../fixtures/repeats.ts';
import { addSource, newCase, REPORT } from '../helpers.ts';
import { makePdf } from './ingest/builders.ts';
import { closeAll, copyFor, snapshot } from './mergeFixtures.ts';

describe('merge of the features around sources', () => {
  it("brings a PDF's page map, a repeat mark and the near-copy fingerprints of new sources", async () => {
    const ana = newCase('Ana Analyst');
    const wire = addSource(ana, WIRE, 'wire.txt');
    const ben = copyFor(ana, 'Ben Reviewer');
    const pdf = await makePdf([['Situation report, Goma.'], ['Second page: 43 dead, the ministry said.']]);
    const [imported] = await importSourcesAsync(ben, [{ fileName: 'sitrep.pdf', bytes: pdf }]);
    const reprint = addSource(ben, REPRINT, 'reprint.txt');
    markRepeat(ben, reprint, wire);

    const summary = mergeCaseFile(ana, ben.path);
    expect(summary.kinds.source.added).toBe(2);
    const pdfId = imported!.ok ? imported!.id : '';
    expect(getSource(ana, pdfId).pages).toEqual(getSource(ben, pdfId).pages);
    expect(getSource(ana, pdfId).pages).toHaveLength(2);
    expect(getSource(ana, reprint).repeats).toEqual([wire]);
    expect(findNearCopies(ana, wire).map((copy) => copy.sourceId)).toContain(reprint);
    const fingerprints = (c: typeof ana) =>
      c.db.prepare('SELECT source_id, signature FROM source_fingerprints ORDER BY source_id').all();
    expect(fingerprints(ana)).toEqual(fingerprints(ben));
    closeAll(ben);
  });

  it('keeps dismissed suggestions dismissed, in either order', async () => {
    const ana = newCase('Ana Analyst');
    const sourceId = addSource(ana, REPORT);
    const ben = copyFor(ana, 'Ben Reviewer');
    const [first, second] = await listSuggestions(ana, sourceId);
    dismissSuggestion(ana, sourceId, first!.start, first!.end);
    dismissSuggestion(ben, sourceId, second!.start, second!.end);
    dismissSuggestion(ben, sourceId, first!.start, first!.end);
    const anaCopy = copyFor(ana, 'Ana Analyst');

    mergeCaseFile(ana, ben.path);
    mergeCaseFile(ben, anaCopy.path);
    const starts = async (c: typeof ana) => (await listSuggestions(c, sourceId)).map((s) => s.start);
    expect(await starts(ana)).not.toContain(first!.start);
    expect(await starts(ana)).not.toContain(second!.start);
    const dismissals = (c: typeof ana) =>
      c.db.prepare('SELECT * FROM dismissed_suggestions ORDER BY id').all();
    expect(dismissals(ana)).toEqual(dismissals(ben));
    expect(snapshot(ana)).toEqual(snapshot(ben));
    closeAll(ben, anaCopy);
  });
});
