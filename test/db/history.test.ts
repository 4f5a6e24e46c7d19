// History: every write records who and when with a clock; audit per claim; undo and redo of one's own actions.
import { describe, expect, it } from 'vitest';
import { closeCase, openCase, transaction } from '../../db/caseFile.ts';
import { createClaim, deleteClaim, getClaim, listClaims, updateClaim } from '../../db/claims.ts';
import { AttestError } from '../../db/errors.ts';
import { historyOf, redo, undo, undoState } from '../../db/history.ts';
import { membershipIdFor } from '../../db/ids.ts';
import { listTags, mergeTag, renameTag } from '../../db/tags.ts';
import { addSource, newCase, REPORT } from '../helpers.ts';

const undoOnce = (c: Parameters<typeof undo>[0]) => transaction(c, () => undo(c));
const redoOnce = (c: Parameters<typeof redo>[0]) => transaction(c, () => redo(c));

describe('history', () => {
  it('records author and a growing clock for every change, and gives an audit trail per claim', () => {
    const c = newCase('Ana Analyst');
    const sourceId = addSource(c, REPORT);
    const claim = createClaim(c, {
      anchor: { sourceId, quote: 'last Sunday' },
      statement: 'On Sunday.',
      tags: ['Actors/M23'],
    });
    updateClaim(c, claim.id, { statement: 'Entered Goma on Sunday.', status: 'verified' });
    const trail = historyOf(c, [claim.id, ...listTags(c).map((t) => membershipIdFor(claim.id, t.id))]);
    expect(trail.map((e) => [e.entity, e.field, e.action])).toEqual([
      ['claim', '*', 'Create claim'],
      ['claimTag', '*', 'Create claim'],
      ['claim', 'statement', 'Edit claim'],
      ['claim', 'status', 'Edit claim'],
    ]);
    expect(new Set(trail.map((e) => e.author))).toEqual(new Set(['Ana Analyst']));
    const clocks = trail.map((e) => e.hlc);
    expect([...clocks].sort()).toEqual(clocks);
    expect(new Set(clocks).size).toBe(clocks.length);
    expect(trail[2]!.value).toBe('Entered Goma on Sunday.');
    const prev = c.db
      .prepare(`SELECT prev_hlc FROM changes WHERE entity_id = ? AND field = 'statement'`)
      .pluck()
      .get(claim.id);
    expect(prev).toBe(trail[0]!.hlc);
  });

  it('undoes and redoes edits, creations and deletions in order', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const claim = createClaim(c, { anchor: { sourceId, quote: 'last Sunday' }, statement: 'first' });
    updateClaim(c, claim.id, { statement: 'second', date: '2025-01-26' });
    deleteClaim(c, claim.id);
    expect(undoState(c)).toEqual({ undo: 'Delete claim', redo: null });

    expect(undoOnce(c)).toBe('Delete claim');
    expect(getClaim(c, claim.id).statement).toBe('second');
    expect(undoOnce(c)).toBe('Edit claim');
    expect(getClaim(c, claim.id)).toMatchObject({ statement: 'first', date: null, earliest: null });
    expect(undoOnce(c)).toBe('Create claim');
    expect(listClaims(c)).toEqual([]);
    expect(undoState(c).redo).toBe('Create claim');

    expect(redoOnce(c)).toBe('Create claim');
    expect(redoOnce(c)).toBe('Edit claim');
    expect(getClaim(c, claim.id)).toMatchObject({ statement: 'second', earliest: '2025-01-26' });
    // A new action clears what could be redone.
    updateClaim(c, claim.id, { note: 'checked' });
    expect(undoState(c).redo).toBeNull();
    expect(redoOnce(c)).toBeNull();
  });

  it('an edit that changes nothing leaves no step to undo', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const claim = createClaim(c, { anchor: { sourceId, quote: 'last Sunday' }, statement: 'first' });
    const actions = () => c.db.prepare('SELECT count(*) FROM actions').pluck().get();
    const before = actions();
    updateClaim(c, claim.id, { statement: 'first' });
    expect(actions()).toBe(before);
    expect(undoState(c).undo).toBe('Create claim');
  });

  it('undoes the import of a source, and undo with nothing left says so', () => {
    const c = newCase();
    addSource(c, REPORT);
    expect(undoOnce(c)).toMatch(/^Import/);
    expect(c.db.prepare('SELECT count(*) FROM sources WHERE deleted = 0').pluck().get()).toBe(0);
    expect(undoOnce(c)).toBeNull();
  });

  it('undoes a tag rename and a tag merge, memberships included', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const claim = createClaim(c, {
      anchor: { sourceId, quote: 'last Sunday' },
      statement: 's',
      tags: ['Groups/M-23'],
    });
    createClaim(c, { anchor: { sourceId, quote: 'A day earlier' }, statement: 't', tags: ['Actors/M23'] });
    renameTag(c, 'Groups/M-23', 'Groups/M23 rebels');
    mergeTag(c, 'Groups/M23 rebels', 'Actors/M23');
    expect(getClaim(c, claim.id).tags).toEqual(['Actors/M23']);
    undoOnce(c);
    expect(getClaim(c, claim.id).tags).toEqual(['Groups/M23 rebels']);
    undoOnce(c);
    expect(getClaim(c, claim.id).tags).toEqual(['Groups/M-23']);
  });

  it("each analyst undoes only their own actions, and never over someone else's later edit", () => {
    const c = newCase('Ana');
    const sourceId = addSource(c, REPORT);
    const claim = createClaim(c, { anchor: { sourceId, quote: 'last Sunday' }, statement: 'Ana wrote this' });
    const path = c.path;
    closeCase(c);
    const ben = openCase(path, { author: 'Ben' });
    updateClaim(ben, claim.id, { statement: 'Ben rewrote it' });
    expect(undoState(ben).undo).toBe('Edit claim');
    closeCase(ben);
    const ana = openCase(path, { author: 'Ana' });
    expect(undoState(ana).undo).toBe('Create claim');
    try {
      undoOnce(ana);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(AttestError);
      expect((error as AttestError).message).toMatch(/Ben has changed it since/);
    }
    expect(getClaim(ana, claim.id).statement).toBe('Ben rewrote it');
    closeCase(ana);
  });
});
