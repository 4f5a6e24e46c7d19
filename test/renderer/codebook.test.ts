// The Codebook's pure helpers: the tag tree from paths, renamed and moved paths, and where a tag may go.
import { describe, expect, it } from 'vitest';
import type { Tag } from '../../electron/contract/index.ts';
import {
  buildTagTree,
  flattenTree,
  isWithin,
  movedPath,
  parentPath,
  renamedPath,
  tagName,
  targetsFor,
} from '../../renderer/features/codebook/tagTree.ts';

const tag = (path: string): Tag => ({
  id: path,
  path,
  name: tagName(path),
  parentId: null,
  kind: 'topic',
  color: null,
  description: null,
  claimCount: 0,
  sourceCount: 0,
});

const TAGS = [
  'Places/Goma',
  'Actors/M23',
  'Actors',
  'Places',
  'Actors/FARDC',
  'Places/Goma/Airport',
  'Loose/Child',
].map(tag);

describe('the tag tree', () => {
  it('nests tags under their parents, siblings by name, with depths', () => {
    const rows = flattenTree(buildTagTree(TAGS)).map((node) => `${node.depth}:${node.tag.path}`);
    expect(rows).toEqual([
      '0:Actors',
      '1:Actors/FARDC',
      '1:Actors/M23',
      // A tag whose parent is not in the list stands at the top.
      '0:Loose/Child',
      '0:Places',
      '1:Places/Goma',
      '2:Places/Goma/Airport',
    ]);
  });

  it('computes parents, renamed and moved paths', () => {
    expect(parentPath('Places/Goma/Airport')).toBe('Places/Goma');
    expect(parentPath('Places')).toBe('');
    expect(renamedPath('Places/Goma', ' Goma city ')).toBe('Places/Goma city');
    expect(renamedPath('Places', 'Locations')).toBe('Locations');
    expect(renamedPath('Places/Goma', 'a/b')).toBe('Places/a-b');
    expect(movedPath('Places/Goma', 'Actors')).toBe('Actors/Goma');
    expect(movedPath('Places/Goma', '')).toBe('Goma');
    expect(movedPath('Goma', '/Regions/Kivu/')).toBe('Regions/Kivu/Goma');
  });

  it('offers as targets only tags outside the tag’s own subtree', () => {
    expect(isWithin('Places/Goma', 'Places')).toBe(true);
    expect(isWithin('Placesx', 'Places')).toBe(false);
    expect(targetsFor('Places', TAGS)).toEqual(['Actors', 'Actors/FARDC', 'Actors/M23', 'Loose/Child']);
    expect(targetsFor('Places/Goma', TAGS)).toContain('Places');
  });
});
