// Counting claims under a filter: the claims table's row count, matching what the list returns.
import { describe, expect, it } from 'vitest';
import { countClaims, createClaim, deleteClaim, listClaims } from '../../db/claims.ts';
import { addSource, newCase, REPORT } from '../helpers.ts';

describe('countClaims', () => {
  it('counts live claims under the same filters as the list', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const a = createClaim(c, {
      anchor: { sourceId, quote: 'about 4,000 Rwandan soldiers support the rebels' },
      statement: 'About 4,000 Rwandan soldiers support M23.',
      tags: ['Actors/M23'],
      status: 'verified',
    });
    createClaim(c, { anchor: { sourceId, start: 0, end: 5 }, statement: 'Opening words.' });
    expect(countClaims(c)).toBe(2);
    expect(countClaims(c, { tag: 'Actors' })).toBe(1);
    expect(countClaims(c, { status: 'verified' })).toBe(listClaims(c, { status: 'verified' }).length);
    deleteClaim(c, a.id);
    expect(countClaims(c)).toBe(1);
    expect(countClaims(c, { tag: 'Actors' })).toBe(0);
  });
});
