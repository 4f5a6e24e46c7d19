// The reviewer's queue: broken citations first, then stale verdicts, then unreviewed, then reviewed claims.
import { describe, expect, it } from 'vitest';
import { createClaim, updateClaim } from '../../db/claims.ts';
import { addReview, reviewQueue } from '../../db/reviews.ts';
import { addSource, newCase, REPORT } from '../helpers.ts';

describe('review queue', () => {
  it('orders claims broken, stale, unreviewed, reviewed, with the newest verdict and progress', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const make = (quote: string) => createClaim(c, { anchor: { sourceId, quote }, statement: quote }).id;
    const reviewed = make('Rebels of the M23 group entered the city of Goma');
    const stale = make('about 4,000 Rwandan soldiers support the rebels');
    const unreviewed = make('fighting closed the airport');
    const broken = make('700 people had died in Goma');

    expect(reviewQueue(c).progress).toEqual({ total: 4, reviewed: 0, stale: 0, broken: 0 });

    addReview(c, reviewed, 'quote-mismatch');
    addReview(c, reviewed, 'citation-ok', 'fine');
    addReview(c, stale, 'citation-ok');
    updateClaim(c, stale, { statement: 'Rwanda backs M23 with 4,000 soldiers.' });
    // A quote changed behind the engine's back: verify finds the citation broken.
    c.db.prepare(`UPDATE claims SET quote = 'seven hundred people' WHERE id = ?`).run(broken);

    const queue = reviewQueue(c);
    expect(queue.items.map((item) => [item.claim.id, item.state])).toEqual([
      [broken, 'broken'],
      [stale, 'stale'],
      [unreviewed, 'unreviewed'],
      [reviewed, 'reviewed'],
    ]);
    expect(queue.items[0]!.problems.map((p) => p.problem)).toEqual(['quote-mismatch']);
    expect(queue.items[1]!.latest).toMatchObject({ verdict: 'citation-ok', stale: true });
    expect(queue.items[2]!.latest).toBeNull();
    expect(queue.items[3]!.latest).toMatchObject({
      verdict: 'citation-ok',
      comment: 'fine',
      stale: false,
      reviewer: 'Ana Analyst',
    });
    expect(queue.progress).toEqual({ total: 4, reviewed: 1, stale: 1, broken: 1 });
  });

  it('is empty for a case without claims', () => {
    expect(reviewQueue(newCase())).toEqual({
      items: [],
      progress: { total: 0, reviewed: 0, stale: 0, broken: 0 },
    });
  });
});
