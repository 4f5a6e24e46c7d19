// Search (FTS5 with snippets and filters) and the timeline queries (window, buckets, undated).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transaction } from '../../db/caseFile.ts';
import { createClaim, createClaimIn, deleteClaim, updateClaim } from '../../db/claims.ts';
import { beginAction } from '../../db/history.ts';
import { AttestError } from '../../db/errors.ts';
import { makeSnippet, RANK_WINDOW, search, snippetCutter, toFtsQuery } from '../../db/search.ts';
import { timelineBuckets, timelineWindow, undatedClaims } from '../../db/timeline.ts';
import { addSource, newCase, REPORT } from '../helpers.ts';

function caseWithClaims() {
  const c = newCase();
  const sourceId = addSource(c, REPORT);
  const claim = (quote: string, extra: object = {}) =>
    createClaim(c, { anchor: { sourceId, quote }, statement: quote, ...extra });
  const sunday = claim('Rebels of the M23 group entered the city of Goma', {
    date: '2025-01-26',
    tags: ['Actors/M23'],
  });
  const soldiers = claim('about 4,000 Rwandan soldiers support the rebels', {
    date: '2025-01~',
    claimant: 'UN experts',
  });
  const airport = claim('fighting closed the airport', { date: '2025-01-25', status: 'verified' });
  const toll = claim('700 people had died', { date: '2025-01-26/2025-02-03' });
  const undated = claim('The health ministry said');
  return { c, sourceId, sunday, soldiers, airport, toll, undated };
}

describe('search', () => {
  it('finds claims and sources with marked snippets, ignoring accents and case', () => {
    const { c, sourceId, soldiers } = caseWithClaims();
    const hits = search(c, 'rwandan SOLDIERS');
    expect(hits.map((h) => [h.kind, h.id])).toEqual(
      expect.arrayContaining([
        ['claim', soldiers.id],
        ['source', sourceId],
      ]),
    );
    const hit = hits.find((h) => h.kind === 'claim')!;
    expect(hit.marks.map(([s, e]) => hit.snippet.slice(s, e).toLowerCase())).toEqual(
      expect.arrayContaining(['rwandan', 'soldiers']),
    );
    updateClaim(c, soldiers.id, { note: 'Kinshasa disputes the figure' });
    expect(search(c, 'kinshása').map((h) => h.id)).toEqual([soldiers.id]);
  });

  it('treats the query as words, never as FTS syntax', () => {
    const { c } = caseWithClaims();
    for (const q of ['"', 'M23 OR', 'NEAR(', 'AND', '*', 'goma" OR "x', 'col:umn', '-rebels']) {
      expect(() => search(c, q)).not.toThrow();
    }
    expect(toFtsQuery('say "hello" (now)')).toBe('"say" "hello" "now"');
    expect(search(c, '   ')).toEqual([]);
  });

  it('searches as you type with a prefix, filters claims, and forgets deleted claims', () => {
    const { c, sunday, airport } = caseWithClaims();
    expect(search(c, 'airp', { prefix: true, kinds: ['claim'] }).map((h) => h.id)).toEqual([airport.id]);
    expect(search(c, 'airp', { kinds: ['claim'] })).toEqual([]);
    expect(search(c, 'goma', { tag: 'Actors' }).map((h) => h.id)).toEqual([sunday.id]);
    expect(search(c, 'airport', { status: 'draft' })).toEqual([]);
    expect(
      search(c, 'goma', { from: '2025-01-26', to: '2025-01-26', kinds: ['claim'] }).map((h) => h.id),
    ).toEqual([sunday.id]);
    deleteClaim(c, airport.id);
    expect(search(c, 'airport', { kinds: ['claim'] })).toEqual([]);
  });
  it('tells which records match without snippets, in the same order, when only that is asked', () => {
    const { c } = caseWithClaims();
    for (const query of ['goma', 'rebels', 'the', 'airp']) {
      const full = search(c, query, { prefix: true });
      const bare = search(c, query, { prefix: true, snippets: false });
      expect(full.length).toBeGreaterThan(0);
      expect(
        bare.map(({ kind, id, sourceId, title, rank }) => ({ kind, id, sourceId, title, rank })),
      ).toEqual(full.map(({ kind, id, sourceId, title, rank }) => ({ kind, id, sourceId, title, rank })));
      expect(bare.every((hit) => hit.snippet === '' && hit.marks.length === 0)).toBe(true);
    }
  });
});

describe('snippets', () => {
  it('cuts around the first match and marks every match, accents and case folded', () => {
    const text = `${'Earlier words. '.repeat(20)}The Ministère said 700 died; the ministere later said more.`;
    const { snippet, marks } = makeSnippet([null, text], 'ministere said', false);
    expect(snippet.startsWith('…')).toBe(true);
    expect(marks.map(([s, e]) => snippet.slice(s, e))).toEqual(['Ministère', 'said', 'ministere', 'said']);
    const typed = makeSnippet(['Fighting near Goma airport'], 'goma air', true);
    expect(typed.marks.map(([s, e]) => typed.snippet.slice(s, e))).toEqual(['Goma', 'airport']);
  });

  it('marks exactly the words of the query, found by expression or word by word alike', () => {
    const word = fc.constantFrom(
      'goma',
      'Goma',
      'GOMA',
      'gomas',
      'said',
      'Saïd',
      'm23',
      'x_goma',
      'sa',
      'Ministère',
      'go',
      'gOMA²',
      '𝐀goma',
    );
    // No gap at all, or a letter outside the Basic Multilingual Plane, glues words together.
    const gap = fc.constantFrom(' ', ', ', '\n', '-', ' — ', "'", '', '𝐀', '  ');
    const texts = fc.array(fc.tuple(word, gap), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(
        texts,
        fc.constantFrom('goma', 'said m23', 'sa', 'ministere goma', 'go goma', 'goma go'),
        fc.boolean(),
        (parts, query, prefix) => {
          const text = parts.flat().join('');
          const { snippet, marks } = snippetCutter(query, prefix)([text]);
          const terms = query.split(' ');
          const fold = (w: string) =>
            w
              .normalize('NFD')
              .replace(/\p{M}+/gu, '')
              .toLowerCase();
          const expected = [...snippet.matchAll(/[\p{L}\p{N}_]+/gu)]
            .filter((m) => terms.includes(fold(m[0])) || (prefix && fold(m[0]).startsWith(terms.at(-1)!)))
            .map((m) => [m.index, m.index + m[0].length]);
          expect(marks).toEqual(expected);
          // The snippet is cut around a word of the query whenever the text has one.
          const anywhere = [...text.matchAll(/[\p{L}\p{N}_]+/gu)].some(
            (m) => terms.includes(fold(m[0])) || (prefix && fold(m[0]).startsWith(terms.at(-1)!)),
          );
          expect(marks.length > 0).toBe(anywhere);
        },
      ),
    );
  });

  it('ranks the newest matches of a very common word, and all matches of a rare one', () => {
    const c = newCase();
    const sourceId = addSource(
      c,
      'date 2025-01-01 The spokesman said the rebels withdrew. Witnesses said otherwise.',
    );
    transaction(c, () => {
      const action = beginAction(c, 'many');
      createClaimIn(c, action, {
        anchor: { sourceId, quote: 'The spokesman said' },
        statement: 'oldest: the rebels withdrew, spokesman said',
      });
      for (let i = 0; i < RANK_WINDOW + 400; i += 1) {
        createClaimIn(c, action, {
          anchor: { sourceId, quote: 'Witnesses said' },
          statement: `witness ${i} said`,
        });
      }
    });
    expect(search(c, 'withdrew', { kinds: ['claim'] })).toHaveLength(1);
    const common = search(c, 'said', { kinds: ['claim'], limit: 500 });
    expect(common).toHaveLength(500);
    expect(common.some((h) => h.title.startsWith('oldest'))).toBe(false);
    // Newest first among so many matches.
    expect(common[0]?.title).toBe(`witness ${RANK_WINDOW + 399} said`);
  });
});

describe('ranking', () => {
  it('ranks fewer matches than the window by relevance, equal ones newest first', () => {
    const c = newCase();
    const sourceId = addSource(c, 'date 2025-01-01 Shelling hit Goma. Then more shelling.');
    const made = transaction(c, () => {
      const action = beginAction(c, 'some');
      const make = (statement: string) =>
        createClaimIn(c, action, { anchor: { sourceId, quote: 'Shelling hit Goma' }, statement });
      return [
        make('shelling near the lake'),
        make('shelling shelling shelling again'),
        make('shelling near the road'),
        make('shelling near the camp'),
      ];
    });
    const ids = search(c, 'shelling', { kinds: ['claim'] }).map((h) => h.id);
    // The claim that says it three times first; the three that tie, newest first.
    expect(ids).toEqual([made[1], made[3], made[2], made[0]]);
  });

  it('reads only the rows it shows: a limit of one gives the best match of either kind', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const claim = createClaim(c, {
      anchor: { sourceId, quote: 'Rwandan soldiers' },
      statement: 'Rwandan soldiers',
    });
    const both = search(c, 'rwandan soldiers');
    expect(both.map((h) => h.kind).sort()).toEqual(['claim', 'source']);
    expect(search(c, 'rwandan soldiers', { limit: 1 })).toEqual([both[0]]);
    expect(both.find((h) => h.kind === 'claim')?.id).toBe(claim.id);
  });
});

describe('timeline', () => {
  it('returns the claims whose dates meet a window, ranges included, and marks exact days', () => {
    const { c, sunday, soldiers, airport, toll } = caseWithClaims();
    const { items, truncated } = timelineWindow(c, { from: '2025-01-26', to: '2025-01-26' });
    expect(truncated).toBe(false);
    expect(items.map((i) => i.id).sort()).toEqual([sunday.id, soldiers.id, toll.id].sort());
    expect(items.find((i) => i.id === sunday.id)?.exact).toBe(true);
    expect(items.find((i) => i.id === soldiers.id)?.exact).toBe(false);
    expect(timelineWindow(c, { from: '2025-02-01', to: '2025-02-28' }).items.map((i) => i.id)).toEqual([
      toll.id,
    ]);
    expect(
      timelineWindow(c, { from: '2025-01-25', to: '2025-01-25', status: 'verified' }).items.map((i) => i.id),
    ).toEqual([airport.id]);
    expect(timelineWindow(c, { from: '2025-01-01', to: '2025-12-31', limit: 2 })).toMatchObject({
      truncated: true,
    });
  });

  it('counts claims per day, week, month and year where they begin in the window', () => {
    const { c } = caseWithClaims();
    expect(timelineBuckets(c, { from: '2025-01-20', to: '2025-02-28', unit: 'day' })).toEqual([
      { start: '2025-01-20', count: 1 }, // "2025-01~" begins before the window: counted at its start
      { start: '2025-01-25', count: 1 },
      { start: '2025-01-26', count: 2 },
    ]);
    expect(timelineBuckets(c, { from: '2025-01-01', to: '2025-02-28', unit: 'week' })).toEqual([
      { start: '2024-12-30', count: 1 },
      { start: '2025-01-20', count: 3 },
    ]);
    expect(timelineBuckets(c, { from: '2024-01-01', to: '2025-12-31', unit: 'month' })).toEqual([
      { start: '2025-01-01', count: 4 },
    ]);
    expect(timelineBuckets(c, { from: '2020-01-01', to: '2030-12-31', unit: 'year' })).toEqual([
      { start: '2025-01-01', count: 4 },
    ]);
  });

  it('lists undated claims beside the timeline and refuses bad windows', () => {
    const { c, undated } = caseWithClaims();
    expect(undatedClaims(c)).toEqual({ count: 1, ids: [undated.id] });
    for (const window of [
      { from: '2025-02-01', to: '2025-01-01' },
      { from: 'last week', to: '2025-01-01' },
      { from: '2025-02-30', to: '2025-03-01' },
    ]) {
      expect(() => timelineWindow(c, window)).toThrow(AttestError);
    }
    expect(() => timelineBuckets(c, { from: '2025-01-01', to: '2025-02-01', unit: 'hour' as never })).toThrow(
      /bucket/,
    );
  });
});
