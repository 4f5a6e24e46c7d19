// Editing many claims at once: one action (one Undo takes it all back), and an unknown id changes nothing.
import { describe, expect, it } from 'vitest';
import { transaction } from '../../db/caseFile.ts';
import { createClaim, getClaim, updateClaims } from '../../db/claims.ts';
import { undo, undoState } from '../../db/history.ts';

import { addSource, newCase, refusal, REPORT } from '../helpers.ts';

describe('updateClaims', () => {
  it('tags and sets the status of many claims as one undoable action', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const ids = ['entered the city of Goma', 'fighting closed the airport', '700 people had died'].map(
      (quote) => createClaim(c, { anchor: { sourceId, quote }, statement: quote, tags: ['Places/Goma'] }).id,
    );
    expect(
      updateClaims(c, ids, { status: 'verified', tags: ['Topics/Offensive'], untag: ['Places/Goma'] }),
    ).toBe(3);
    expect(undoState(c).undo).toBe('Edit 3 claims');
    for (const id of ids) {
      expect(getClaim(c, id).status).toBe('verified');
      expect(getClaim(c, id).tags).toEqual(['Topics/Offensive']);
    }
    // The same edit again changes nothing and leaves no empty step.
    expect(updateClaims(c, ids, { status: 'verified' })).toBe(0);
    expect(undoState(c).undo).toBe('Edit 3 claims');

    expect(transaction(c, () => undo(c))).toBe('Edit 3 claims');
    for (const id of ids) {
      expect(getClaim(c, id).status).toBe('draft');
      expect(getClaim(c, id).tags).toEqual(['Places/Goma']);
    }
  });

  it('refuses a selection with a claim that is not there, changing nothing', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const id = createClaim(c, { anchor: { sourceId, quote: 'Goma', occurrence: 1 }, statement: 'Goma' }).id;
    const error = refusal(() =>
      updateClaims(c, [id, '00000000-0000-4000-8000-000000000000'], { status: 'rejected' }),
    );
    expect(error.code).toBe('not-found');
    expect(getClaim(c, id).status).toBe('draft');
    expect(undoState(c).undo).toBe('Create claim');
  });
});
