// Suggestions of stored sources: the codebook's entities, claimed spans, dismissals kept (one row for two
// analysts), the contract methods, and migration 0040 on a case made at schema 10.
import { schema10CaseWithSource } from '../schema10Case.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase, openCase } from '../../../db/caseFile.ts';
import { createClaim } from '../../../db/claims.ts';
import { AttestError } from '../../../db/errors.ts';
import { suggestionIdFor } from '../../../db/ids.ts';
import { migrations } from '../../../db/migrations/index.ts';
import { dismissSuggestion, listSuggestions } from '../../../db/suggest/store.ts';
import { addTag } from '../../../db/tags.ts';
import { dispatch } from '../../../electron/api/dispatch.ts';
import { createHandlers } from '../../../electron/api/handlers.ts';
import { addSource, newCase, refusal, REPORT, tempDir } from '../../helpers.ts';

/** Awaits a promise that must reject with an AttestError, and returns that error. */
async function refusalOf(promise: Promise<unknown>): Promise<AttestError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AttestError);
  return error as AttestError;
}

describe('listSuggestions', () => {
  it("suggests the report's sentences with dates, claimants, entities and kinds", async () => {
    const c = newCase();
    addTag(c, 'Places/Goma', { kind: 'place' });
    const sourceId = addSource(c, REPORT);
    const suggestions = await listSuggestions(c, sourceId);
    const text = c.db.prepare('SELECT text FROM sources WHERE id = ?').pluck().get(sourceId) as string;
    for (const s of suggestions) expect(text.slice(s.start, s.end)).toBe(s.quote);
    const entered = suggestions.find((s) => s.quote.includes('entered the city of Goma'))!;
    expect(entered).toMatchObject({
      date: '2025-02-16',
      datePrecision: 'day',
      claimant: 'provincial governor',
    });
    expect(entered.entities).toContainEqual(
      expect.objectContaining({ name: 'Goma', kind: 'place', tagPath: 'Places/Goma' }),
    );
    const experts = suggestions.find((s) => s.quote.startsWith('According to UN experts'))!;
    expect(experts).toMatchObject({ claimant: 'UN experts', kind: 'figure' });
    expect(suggestions.find((s) => s.quote.startsWith('A day earlier'))?.date).toBe('2025-02-15');
    expect(suggestions.every((s) => s.id === suggestionIdFor(sourceId, s.start, s.end))).toBe(true);
  });

  it('marks a suggestion whose exact words a live claim cites as claimed', async () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const [first, second] = await listSuggestions(c, sourceId);
    createClaim(c, {
      anchor: { sourceId, start: first!.start, end: first!.end },
      statement: 'Rebels entered Goma',
    });
    createClaim(c, { anchor: { sourceId, start: second!.start, end: second!.end - 1 }, statement: 'A part' });
    const after = await listSuggestions(c, sourceId);
    expect(after.find((s) => s.start === first!.start)?.claimed).toBe(true);
    expect(after.find((s) => s.start === second!.start)?.claimed).toBe(false);
  });

  it('refuses a source that does not exist', async () => {
    expect((await refusalOf(listSuggestions(newCase(), 'nope'))).code).toBe('not-found');
  });
});

describe('dismissSuggestion', () => {
  it('keeps a dismissed suggestion out of the list; dismissing again changes nothing', async () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const [first] = await listSuggestions(c, sourceId);
    const { id } = dismissSuggestion(c, sourceId, first!.start, first!.end);
    expect(id).toBe(suggestionIdFor(sourceId, first!.start, first!.end));
    dismissSuggestion(c, sourceId, first!.start, first!.end);
    expect((await listSuggestions(c, sourceId)).some((s) => s.start === first!.start)).toBe(false);
    expect(c.db.prepare('SELECT count(*) FROM dismissed_suggestions').pluck().get()).toBe(1);
  });

  it('gives two analysts dismissing the same suggestion the same row id', async () => {
    const one = newCase('Ana Analyst');
    const two = newCase('Ben Analyst');
    const idOne = addSource(one, REPORT);
    const idTwo = addSource(two, REPORT);
    expect(idOne).toBe(idTwo);
    const [s] = await listSuggestions(one, idOne);
    const a = dismissSuggestion(one, idOne, s!.start, s!.end);
    const b = dismissSuggestion(two, idTwo, s!.start, s!.end);
    expect(a.id).toBe(b.id);
    const by = two.db.prepare(
      'SELECT a.name FROM dismissed_suggestions d JOIN authors a ON a.id = d.dismissed_by',
    );
    expect(by.pluck().get()).toBe('Ben Analyst');
  });

  it('refuses a span outside the text and changes nothing', async () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    expect(refusal(() => dismissSuggestion(c, sourceId, 10, 5)).code).toBe('bad-input');
    expect(refusal(() => dismissSuggestion(c, sourceId, 0, REPORT.length + 100)).message).toMatch(
      /not a span/,
    );
    expect(c.db.prepare('SELECT count(*) FROM dismissed_suggestions').pluck().get()).toBe(0);
  });
});

describe('suggestion.list and suggestion.dismiss', () => {
  it('list reads without announcing a change; dismiss announces one', async () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const events: string[] = [];
    const handlers = createHandlers({ case: c, emit: (name) => events.push(name) });
    const listed = await dispatch(handlers, 'suggestion.list', { sourceId });
    if (!listed.ok) throw new Error(listed.error.message);
    const [first] = listed.value as { start: number; end: number }[];
    expect(events).toEqual([]);
    const dismissed = await dispatch(handlers, 'suggestion.dismiss', { sourceId, ...first });
    expect(dismissed.ok).toBe(false); // the listed suggestion has more fields than dismiss takes
    const ok = await dispatch(handlers, 'suggestion.dismiss', {
      sourceId,
      start: first!.start,
      end: first!.end,
    });
    expect(ok.ok).toBe(true);
    expect(events).toEqual(['case.changed']);
    const again = await dispatch(handlers, 'suggestion.list', { sourceId });
    expect((again as { value: unknown[] }).value).toHaveLength((listed.value as unknown[]).length - 1);
  });
});

describe('migration 0040', () => {
  it('adds dismissed_suggestions to a case made at schema 10 and keeps its sources', async () => {
    const path = join(tempDir(), 'old.attest');
    const oldSource = schema10CaseWithSource(path, REPORT);

    const c = openCase(path, { author: 'Ana' });
    try {
      expect(c.db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
      const sourceId = oldSource;
      expect(c.db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(1);
      const [first] = await listSuggestions(c, sourceId);
      dismissSuggestion(c, sourceId, first!.start, first!.end);
      expect((await listSuggestions(c, sourceId))[0]!.start).not.toBe(first!.start);
      // The table is STRICT and its source must exist.
      expect(() =>
        c.db
          .prepare(`INSERT INTO dismissed_suggestions VALUES ('x', 'no-such-source', 0, 1, :author, 0)`)
          .run({ author: c.author.id }),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      closeCase(c);
    }
  });
});
