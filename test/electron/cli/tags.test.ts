// The `attest` codebook commands: tags added with kind and color, renamed, merged and deleted, with claims following.
import { describe, expect, it } from 'vitest';
import { attest, attestHere, attestJson, caseWithSamples, expectUsageError } from './run.ts';

interface Tag {
  path: string;
  kind: string;
  color: string | null;
  description: string | null;
  claimCount: number;
}

describe('attest tag and tags', () => {
  it('renames and merges tags, and the claims follow', async () => {
    const { path, goma, herald } = caseWithSamples();
    const added = attestJson<Tag>([
      'tag',
      'add',
      path,
      'Actors/Ruzizi Front',
      '--kind',
      'actor',
      '--color',
      '#d04040',
      '--description',
      'Armed group advancing on Goma',
    ]);
    expect(added).toMatchObject({
      path: 'Actors/Ruzizi Front',
      kind: 'actor',
      color: '#d04040',
      claimCount: 0,
    });
    // Adding it again changes nothing and leaves no empty step for undo.
    expect((await attestHere(['tag', 'add', path, 'actors / ruzizi front', '--kind', 'actor'])).stdout).toBe(
      'Nothing changed: tag Actors/Ruzizi Front is there already.\n',
    );
    expect(JSON.parse((await attestHere(['info', path, '--json'])).stdout)).toMatchObject({
      undo: 'Add tag Actors/Ruzizi Front',
    });
    expectUsageError(
      await attestHere(['tag', 'add', path, 'Actors/RZF', '--color', 'red']),
      /"red" is not a color/,
    );
    expectUsageError(
      await attestHere(['tag', 'add', path, 'Actors/RZF', '--kind', 'militia']),
      /Allowed choices are topic, actor/,
    );
    expectUsageError(await attestHere(['tag', 'add', path, 'Actors//RZF']), /is not a tag path/);

    const add = (source: string, quote: string, tag: string) =>
      attestJson<{ id: string }>([
        'claim',
        'add',
        path,
        '--source',
        source,
        '--quote',
        quote,
        '--statement',
        quote,
        '--tag',
        tag,
      ]).id;
    const advance = add(goma, 'pushed into the northern districts of Goma', 'Actors/Ruzizi Front');
    const supply = add(herald, 'the Ruzizi Front was supplied from Tarvia', 'Actors/RZF');

    const listed = attestJson<Tag[]>(['tags', path]);
    expect(listed.map((t) => [t.path, t.claimCount])).toEqual([
      ['Actors', 0],
      ['Actors/Ruzizi Front', 1],
      ['Actors/RZF', 1],
    ]);
    expect(attest(['tags', path]).stdout).toMatch(
      /^Actors\/Ruzizi Front\s+actor\s+#d04040\s+1\s+0\s+Armed group/m,
    );

    // Rename moves the tag (and the claims on it) to a new place in the tree.
    expect(attestJson<Tag>(['tag', 'rename', path, 'Actors', 'Armed groups'])).toMatchObject({
      path: 'Armed groups',
    });
    const byTag = (tag: string) =>
      attestJson<{ id: string }[]>(['claims', path, '--tag', tag]).map((c) => c.id);
    expect(byTag('Armed groups/Ruzizi Front')).toEqual([advance]);
    expectUsageError(await attestHere(['claims', path, '--tag', 'Actors']), /There is no tag "Actors"/);
    expectUsageError(
      await attestHere(['tag', 'rename', path, 'Armed groups/RZF', 'Armed groups/Ruzizi Front']),
      /exists already; merge into it instead/,
    );

    // Merge: the duplicate's claims move to the tag they meant all along.
    const merged = attestJson<Tag>(['tag', 'merge', path, 'Armed groups/RZF', 'Armed groups/Ruzizi Front']);
    expect(merged).toMatchObject({ path: 'Armed groups/Ruzizi Front', claimCount: 2 });
    expect(byTag('Armed groups/Ruzizi Front').sort()).toEqual([advance, supply].sort());
    expect(attestJson<{ claim: { tags: string[] } }>(['claim', 'show', path, supply]).claim).toMatchObject({
      tags: ['Armed groups/Ruzizi Front'],
    });
    expect(byTag('Armed groups').sort()).toEqual([advance, supply].sort()); // a parent finds its children's claims

    expect(attestJson(['undo', path])).toMatchObject({
      undone: 'Merge tag Armed groups/RZF into Armed groups/Ruzizi Front',
    });
    expect(byTag('Armed groups/RZF')).toEqual([supply]);
    attestJson(['redo', path]);

    expect(attestJson(['tag', 'delete', path, 'Armed groups'])).toEqual({ deleted: 'Armed groups' });
    expect(attestJson<Tag[]>(['tags', path])).toEqual([]);
    expect(attestJson<{ tags: string[] }[]>(['claims', path]).map((c) => c.tags)).toEqual([[], []]);
    expect(attest(['tags', path]).stdout).toBe('No tags.\n');
  });
});
