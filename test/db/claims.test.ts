// Claims anchored to words: creation by offsets and by quote, the slice invariant, fields, filters, tombstones.
import { describe, expect, it } from 'vitest';
import { createClaim, deleteClaim, getClaim, listClaims, updateClaim } from '../../db/claims.ts';
import { getSource } from '../../db/sources.ts';
import { addSource, newCase, REPORT, refusal } from '../helpers.ts';

describe('creating claims', () => {
  it('anchors a claim by quote with exact offsets, context and the source hash', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const source = getSource(c, sourceId);
    const claim = createClaim(c, {
      anchor: { sourceId, quote: 'about 4,000 Rwandan soldiers support the rebels' },
      statement: 'About 4,000 Rwandan soldiers support M23.',
      claimant: 'UN experts',
      date: '2025-02~',
      place: 'Goma',
      actors: ['M23', 'Rwanda Defence Force', 'M23'],
      credibility: 3,
      tags: ['Actors/M23', 'Places/Goma'],
    });
    expect(source.text.slice(claim.start, claim.end)).toBe(claim.quote);
    expect(claim.quote).toBe('about 4,000 Rwandan soldiers support the rebels');
    expect(claim.prefix).toBe(source.text.slice(claim.start - 32, claim.start));
    expect(claim.suffix).toBe(source.text.slice(claim.end, claim.end + 32));
    expect(claim.sourceSha256).toBe(source.sha256);
    expect(claim).toMatchObject({
      claimant: 'UN experts',
      date: '2025-02~',
      earliest: '2025-02-01',
      latest: '2025-02-28',
      actors: ['M23', 'Rwanda Defence Force'],
      status: 'draft',
      tags: ['Actors/M23', 'Places/Goma'],
      createdBy: 'Ana Analyst',
    });
  });

  it('anchors by offsets and refuses spans that are not in the source', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const text = getSource(c, sourceId).text;
    const start = text.indexOf('fighting closed the airport');
    const claim = createClaim(c, {
      anchor: { sourceId, start, end: start + 27 },
      statement: 'The airport closed.',
    });
    expect(claim.quote).toBe('fighting closed the airport');
    for (const [s, e] of [
      [-1, 5],
      [5, 5],
      [10, 3],
      [0, text.length + 1],
      [1.5, 4],
    ] as const) {
      expect(
        refusal(() => createClaim(c, { anchor: { sourceId, start: s, end: e }, statement: 'x' })).code,
      ).toBe('bad-input');
    }
    expect(listClaims(c)).toHaveLength(1);
  });

  it('never splits a character in two', () => {
    const c = newCase();
    const sourceId = addSource(c, 'Flag 🇨🇩 raised over the town hall on Monday, witnesses said.');
    const text = getSource(c, sourceId).text;
    const at = text.indexOf('🇨🇩');
    expect(
      refusal(() => createClaim(c, { anchor: { sourceId, start: at + 1, end: at + 8 }, statement: 'x' }))
        .message,
    ).toMatch(/cut a character/);
    const ok = createClaim(c, { anchor: { sourceId, start: at, end: at + 4 }, statement: 'A flag.' });
    expect(ok.quote).toBe('🇨🇩');
  });

  it('refuses a quote that is not in the source, with a hint for near matches', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    expect(
      refusal(() => createClaim(c, { anchor: { sourceId, quote: '5,000 soldiers' }, statement: 'x' }))
        .message,
    ).toMatch(/is not in the source\.$/);
    const near = refusal(() =>
      createClaim(c, { anchor: { sourceId, quote: 'About 4,000  rwandan soldiers' }, statement: 'x' }),
    );
    expect(near.code).toBe('bad-input');
    expect(near.message).toMatch(/different spacing or capitals/);
    expect(listClaims(c)).toHaveLength(0);
  });

  it('asks which occurrence when a quote appears more than once', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const error = refusal(() => createClaim(c, { anchor: { sourceId, quote: 'Goma' }, statement: 'x' }));
    expect(error.message).toMatch(/appears 2 times/);
    const second = createClaim(c, { anchor: { sourceId, quote: 'Goma', occurrence: 2 }, statement: 'Goma' });
    const text = getSource(c, sourceId).text;
    expect(second.start).toBe(text.indexOf('Goma', text.indexOf('Goma') + 1));
    expect(
      refusal(() => createClaim(c, { anchor: { sourceId, quote: 'Goma', occurrence: 3 }, statement: 'x' }))
        .code,
    ).toBe('bad-input');
  });

  it('matches a quote pasted with Windows line ends or decomposed accents', () => {
    const c = newCase();
    const sourceId = addSource(c, 'Le ministère a déclaré\nque la ville était calme.');
    const claim = createClaim(c, {
      anchor: { sourceId, quote: 'ministe\u0300re a de\u0301clare\u0301\r\nque' },
      statement: 'The ministry said the town was calm.',
    });
    expect(claim.quote).toBe('ministère a déclaré\nque');
  });

  it('validates fields with clear messages and writes nothing on refusal', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const anchor = { sourceId, quote: 'last Sunday' };
    expect(refusal(() => createClaim(c, { anchor, statement: '   ' })).message).toMatch(/needs a statement/);
    expect(refusal(() => createClaim(c, { anchor, statement: 's', date: '2025-02-30' })).message).toMatch(
      /not a valid EDTF date/,
    );
    expect(refusal(() => createClaim(c, { anchor, statement: 's', credibility: 7 })).message).toMatch(
      /Credibility/,
    );
    expect(
      refusal(() => createClaim(c, { anchor, statement: 's', status: 'true' as never })).message,
    ).toMatch(/not a claim status/);
    expect(
      refusal(() => createClaim(c, { anchor: { sourceId: 'nope', quote: 'x' }, statement: 's' })).code,
    ).toBe('not-found');
    expect(c.db.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(0);
    expect(c.db.prepare(`SELECT count(*) FROM changes WHERE entity = 'claim'`).pluck().get()).toBe(0);
  });

  it('stores EDTF intervals and open ends as earliest/latest days', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const anchor = { sourceId, quote: 'A day earlier' };
    const interval = createClaim(c, { anchor, statement: 'a', date: '2025-01-26/2025-01-28' });
    expect([interval.earliest, interval.latest]).toEqual(['2025-01-26', '2025-01-28']);
    const open = createClaim(c, { anchor, statement: 'b', date: '2025-01-26/..' });
    expect([open.earliest, open.latest]).toEqual(['2025-01-26', null]);
    const year = createClaim(c, { anchor, statement: 'c', date: '2025?' });
    expect([year.earliest, year.latest]).toEqual(['2025-01-01', '2025-12-31']);
  });
});

describe('editing, deleting and listing', () => {
  it('edits fields, tags and untags; an empty value clears a field', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const claim = createClaim(c, {
      anchor: { sourceId, quote: 'The health ministry said 700 people had died in Goma' },
      statement: '700 dead in Goma',
      claimant: 'health ministry',
      tags: ['Topics/Casualties'],
    });
    const edited = updateClaim(c, claim.id, {
      statement: 'At least 700 people died in Goma.',
      claimant: null,
      date: '2025-01-27',
      status: 'verified',
      tags: ['Places/Goma'],
      untag: ['Topics/Casualties'],
    });
    expect(edited).toMatchObject({
      statement: 'At least 700 people died in Goma.',
      claimant: null,
      earliest: '2025-01-27',
      status: 'verified',
      tags: ['Places/Goma'],
    });
    expect(edited.quote).toBe(claim.quote);
  });

  it('deletes as a tombstone: gone from lists and search, kept in the history', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const claim = createClaim(c, {
      anchor: { sourceId, quote: 'last Sunday' },
      statement: 'Entered on Sunday.',
    });
    deleteClaim(c, claim.id);
    expect(listClaims(c)).toEqual([]);
    expect(refusal(() => getClaim(c, claim.id)).code).toBe('not-found');
    expect(c.db.prepare('SELECT deleted FROM claims WHERE id = ?').pluck().get(claim.id)).toBe(1);
    expect(refusal(() => deleteClaim(c, claim.id)).code).toBe('not-found');
  });

  it('filters by source, tag (with the tags below it), status, claimant and date window', () => {
    const c = newCase();
    const a = addSource(c, REPORT);
    const b = addSource(
      c,
      'date 2025-03-01 The army said it retook Bukavu on Friday. Witnesses said shops reopened.',
    );
    const make = (sourceId: string, quote: string, extra: object) =>
      createClaim(c, { anchor: { sourceId, quote }, statement: quote, ...extra });
    make(a, 'last Sunday', { date: '2025-01-26', tags: ['Actors/M23'], claimant: 'provincial governor' });
    make(a, 'A day earlier', { date: '2025-01-25', status: 'verified', tags: ['Actors/FARDC'] });
    make(b, 'retook Bukavu', { date: '2025-02-28', claimant: 'The army' });
    make(b, 'shops reopened', {});
    expect(listClaims(c, { sourceId: b }).map((x) => x.quote)).toEqual(['retook Bukavu', 'shops reopened']);
    expect(
      listClaims(c, { tag: 'Actors' })
        .map((x) => x.quote)
        .sort(),
    ).toEqual(['A day earlier', 'last Sunday']);
    expect(listClaims(c, { tag: 'actors/m23' }).map((x) => x.quote)).toEqual(['last Sunday']);
    expect(listClaims(c, { status: 'verified' }).map((x) => x.quote)).toEqual(['A day earlier']);
    expect(listClaims(c, { claimant: 'the army' }).map((x) => x.quote)).toEqual(['retook Bukavu']);
    expect(
      listClaims(c, { from: '2025-01-26', to: '2025-02-28' })
        .map((x) => x.quote)
        .sort(),
    ).toEqual(['last Sunday', 'retook Bukavu']);
    expect(refusal(() => listClaims(c, { from: '2025-02-01', to: '2025-01-01' })).code).toBe('bad-input');
    expect(refusal(() => listClaims(c, { from: 'yesterday' })).code).toBe('bad-input');
    expect(refusal(() => listClaims(c, { tag: 'Nope' })).code).toBe('not-found');
  });
});
