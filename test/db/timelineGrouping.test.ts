// timeline.window carries each claim's tags and actors, so the Timeline can group by them without a call per claim.
import { describe, expect, it } from 'vitest';
import { createClaim } from '../../db/claims.ts';
import { timelineWindow } from '../../db/timeline.ts';
import { addSource, newCase, REPORT } from '../helpers.ts';

describe('timeline window grouping fields', () => {
  it('gives each item its tag paths (sorted) and actors', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const entered = createClaim(c, {
      anchor: { sourceId, quote: 'Rebels of the M23 group entered the city of Goma' },
      statement: 'M23 entered Goma',
      date: '2025-01-26',
      actors: ['M23'],
      tags: ['Places/Goma', 'Actors/M23'],
    });
    const airport = createClaim(c, {
      anchor: { sourceId, quote: 'fighting closed the airport' },
      statement: 'Airport closed',
      date: '2025-01-25',
    });
    const { items } = timelineWindow(c, { from: '2025-01-01', to: '2025-01-31' });
    expect(items.map((item) => [item.id, item.tags, item.actors])).toEqual([
      [airport.id, [], []],
      [entered.id, ['Actors/M23', 'Places/Goma'], ['M23']],
    ]);
  });
});
