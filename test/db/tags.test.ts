// The codebook: path-derived ids, hierarchy, kinds and colors, rename/move, merge, deletion, source tags.
import { describe, expect, it } from 'vitest';
import { createClaim, getClaim, listClaims } from '../../db/claims.ts';
import { tagIdFor } from '../../db/ids.ts';
import { addTag, deleteTag, findTag, listTags, mergeTag, renameTag, updateTag } from '../../db/tags.ts';
import { addSource, newCase, REPORT, refusal } from '../helpers.ts';

describe('codebook', () => {
  it('derives a tag id from its normalized path, so two cases create the same tag', () => {
    const one = newCase();
    const two = newCase();
    const a = addTag(one, 'Actors/M23', { kind: 'actor', color: '#aa3300' });
    const b = addTag(two, '  actors /  m23 ', { kind: 'actor' });
    expect(a.id).toBe(b.id);
    expect(a.id).toBe(tagIdFor('actors/m23'));
    expect(a).toMatchObject({ path: 'Actors/M23', name: 'M23', kind: 'actor', color: '#aa3300' });
    // The parent was created on the way, as a plain topic.
    expect(listTags(one).map((t) => [t.path, t.kind])).toEqual([
      ['Actors', 'topic'],
      ['Actors/M23', 'actor'],
    ]);
    // Adding an existing path (in any case) updates it instead of duplicating it.
    addTag(one, 'ACTORS/m23', { color: '#000000' });
    expect(listTags(one)).toHaveLength(2);
    expect(findTag(one, 'actors/M23')).toBe(a.id);
  });

  it('refuses bad paths, kinds and colors', () => {
    const c = newCase();
    expect(refusal(() => addTag(c, 'Actors//M23')).message).toMatch(/not a tag path/);
    expect(refusal(() => addTag(c, '   ')).code).toBe('bad-input');
    expect(refusal(() => addTag(c, 'X', { kind: 'person' as never })).message).toMatch(/not a tag kind/);
    expect(refusal(() => addTag(c, 'X', { color: 'red' })).message).toMatch(/#rrggbb/);
    expect(listTags(c)).toEqual([]);
  });

  it('counts claims and sources per tag, and edits kind, color and description', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    createClaim(c, { anchor: { sourceId, quote: 'last Sunday' }, statement: 's', tags: ['Places/Goma'] });
    createClaim(c, { anchor: { sourceId, quote: 'A day earlier' }, statement: 't', tags: ['Places/Goma'] });
    const edited = updateTag(c, 'Places/Goma', {
      kind: 'place',
      color: '#336699',
      description: 'Capital of North Kivu',
    });
    expect(edited).toMatchObject({
      kind: 'place',
      color: '#336699',
      description: 'Capital of North Kivu',
      claimCount: 2,
    });
  });

  it('renames and moves a tag with the tags below it; claims follow', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const claim = createClaim(c, {
      anchor: { sourceId, quote: 'last Sunday' },
      statement: 's',
      tags: ['Actors/M23/Leaders'],
    });
    renameTag(c, 'Actors/M23', 'Armed groups/M23 (AFC)');
    expect(getClaim(c, claim.id).tags).toEqual(['Armed groups/M23 (AFC)/Leaders']);
    expect(listClaims(c, { tag: 'Armed groups' })).toHaveLength(1);
    expect(refusal(() => renameTag(c, 'Armed groups', 'Armed groups/M23 (AFC)/Sub')).message).toMatch(
      /below itself/,
    );
    addTag(c, 'Armed groups/Wazalendo');
    expect(refusal(() => renameTag(c, 'Armed groups/Wazalendo', 'armed groups/m23 (afc)')).code).toBe(
      'conflict',
    );
    // Creating the old path again makes a new tag, not the renamed one.
    const fresh = addTag(c, 'Actors/M23');
    expect(fresh.id).not.toBe(findTag(c, 'Armed groups/M23 (AFC)'));
  });

  it('merges a tag into another: claims, sources and child tags move, duplicates collapse', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const a = createClaim(c, {
      anchor: { sourceId, quote: 'last Sunday' },
      statement: 's',
      tags: ['M-23', 'M-23/Leaders'],
    });
    const b = createClaim(c, {
      anchor: { sourceId, quote: 'A day earlier' },
      statement: 't',
      tags: ['Actors/M23', 'M-23'],
    });
    addTag(c, 'Actors/M23/Leaders');
    mergeTag(c, 'M-23', 'Actors/M23');
    expect(getClaim(c, a.id).tags).toEqual(['Actors/M23', 'Actors/M23/Leaders']);
    expect(getClaim(c, b.id).tags).toEqual(['Actors/M23']);
    expect(findTag(c, 'M-23')).toBeUndefined();
    expect(listTags(c).find((t) => t.path === 'Actors/M23')?.claimCount).toBe(2);
    expect(refusal(() => mergeTag(c, 'Actors', 'Actors/M23')).message).toMatch(/merge the other way round/);
  });

  it('deletes a tag and the tags below it, untagging their claims', () => {
    const c = newCase();
    const sourceId = addSource(c, REPORT);
    const claim = createClaim(c, {
      anchor: { sourceId, quote: 'last Sunday' },
      statement: 's',
      tags: ['Actors/M23', 'Places/Goma'],
    });
    deleteTag(c, 'Actors');
    expect(getClaim(c, claim.id).tags).toEqual(['Places/Goma']);
    expect(listTags(c).map((t) => t.path)).toEqual(['Places', 'Places/Goma']);
  });
});
