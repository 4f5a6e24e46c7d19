// Import of the whole-case JSON export: the round trip gives back the same case, and damage changes nothing.
import { describe, expect, it } from 'vitest';
import { createClaim, deleteClaim, updateClaim } from '../../db/claims.ts';
import { exportJson } from '../../db/export.ts';
import { importJson } from '../../db/importJson.ts';
import { addLink } from '../../db/links.ts';
import { listConflicts, mergeCaseFile } from '../../db/merge.ts';
import { addReview } from '../../db/reviews.ts';
import { deleteSource } from '../../db/sources.ts';
import { renameTag } from '../../db/tags.ts';
import { dismissSuggestion, listSuggestions } from '../../db/suggest/store.ts';
import { verifyCase } from '../../db/verify.ts';
import { addSource, newCase, refusal, REPORT } from '../helpers.ts';
import { closeAll, copyFor, snapshot } from './mergeFixtures.ts';

/** The export as a file would hold it, without the moment it was written. */
const exported = (c: Parameters<typeof exportJson>[0]) => {
  const document = JSON.parse(JSON.stringify(exportJson(c))) as Record<string, unknown>;
  delete document.exportedAt;
  return document;
};

function busyCase() {
  const ana = newCase('Ana Analyst', 'Goma, January 2025');
  const sourceId = addSource(ana, REPORT);
  const gone = addSource(
    ana,
    'date 2025-02-01\nA report later withdrawn: 12 killed in Sake.',
    'withdrawn.txt',
  );
  createClaim(ana, { anchor: { sourceId: gone, quote: '12 killed in Sake' }, statement: 'Twelve killed' });
  deleteSource(ana, gone);
  const first = createClaim(ana, {
    anchor: { sourceId, quote: 'Rebels of the M23 group entered the city of Goma' },
    statement: 'M23 entered Goma',
    date: '2025-01-26',
    tags: ['Actors/M23', 'Places/Goma'],
  }).id;
  const second = createClaim(ana, {
    anchor: { sourceId, quote: 'about 4,000 Rwandan soldiers support the rebels' },
    statement: 'Rwandan troops: 4,000 — « selon l’ONU » 🇺🇳',
    claimant: 'UN experts',
  }).id;
  addLink(ana, first, second, 'same-event');
  addReview(ana, first, 'citation-ok', 'checked');
  renameTag(ana, 'Places/Goma', 'Places/North Kivu/Goma');
  deleteClaim(ana, createClaim(ana, { anchor: { sourceId, quote: 'A day earlier' }, statement: 'x' }).id);
  const ben = copyFor(ana, 'Ben Reviewer');
  updateClaim(ana, first, { status: 'verified' });
  updateClaim(ben, first, { status: 'disputed' });
  mergeCaseFile(ana, ben.path);
  closeAll(ben);
  return ana;
}

describe('JSON import', () => {
  it('gives back the same case: export, import into an empty case, export again is identical', async () => {
    const ana = busyCase();
    const sourceId = ana.db
      .prepare('SELECT id FROM sources WHERE deleted = 0 LIMIT 1')
      .pluck()
      .get() as string;
    const [suggestion] = await listSuggestions(ana, sourceId);
    dismissSuggestion(ana, sourceId, suggestion!.start, suggestion!.end);
    expect(listConflicts(ana)).toHaveLength(1);
    const first = exported(ana);
    const copy = newCase('Someone Else', 'Untitled');
    const summary = importJson(copy, first, 'goma.json');
    expect(summary.kinds.claim.added).toBe(4);
    expect(exported(copy)).toEqual(first);
    expect(snapshot(copy)).toEqual(snapshot(ana));
    expect(listConflicts(copy)).toHaveLength(1);
    expect((await listSuggestions(copy, sourceId)).map((s) => s.start)).not.toContain(suggestion!.start);
    expect(verifyCase(copy).ok).toBe(true);
    // Importing it again changes nothing.
    expect(importJson(copy, first, 'goma.json').changes).toBe(0);
  });

  it('merges into a case that already has work, keeping its identity', () => {
    const ana = busyCase();
    const other = newCase('Ben Reviewer', 'Ben’s case');
    addSource(other, 'date 2025-03-01\nBukavu fell to the rebels on Sunday.');
    const before = other.db.prepare(`SELECT value FROM meta WHERE key = 'caseId'`).pluck().get();
    const summary = importJson(other, exported(ana), 'goma.json');
    expect(summary.kinds.source.added).toBe(2);
    expect(other.db.prepare(`SELECT value FROM meta WHERE key = 'caseId'`).pluck().get()).toBe(before);
    expect(verifyCase(other).ok).toBe(true);
  });

  it('refuses what is not an export, an older or newer one, and damage, changing nothing', () => {
    const ana = busyCase();
    const good = exported(ana);
    const target = newCase();
    addSource(target, REPORT);
    const before = snapshot(target);
    const cases: [unknown, RegExp][] = [
      [null, /not an Attest case export/],
      [{ format: 'something-else' }, /not an Attest case export/],
      [{ ...good, version: 1 }, /older Attest/],
      [{ ...good, version: 3 }, /newer version/],
      [{ ...good, history: { ...(good.history as object), actions: 'many' } }, /damaged: history.actions/],
    ];
    type History = { changes: { field: string; entity: string; value: unknown }[] };
    const forged = structuredClone(good) as typeof good & { history: History };
    const claimCreation = forged.history.changes.find((ch) => ch.entity === 'claim' && ch.field === '*')!;
    (claimCreation.value as { quote: string }).quote = 'invented words';
    cases.push([forged, /does not match the words/]);
    for (const [document, message] of cases) {
      expect(refusal(() => importJson(target, document, 'bad.json')).message).toMatch(message);
      expect(snapshot(target)).toEqual(before);
    }
  });
});
