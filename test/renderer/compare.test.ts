// The Compare view's pure parts and its store over a fake client: links across two sources, their wording, and
// linking the claims chosen on each side.
import { describe, expect, it } from 'vitest';
import type { Claim, Link } from '../../electron/contract/index.ts';
import type { ApiClient } from '../../renderer/api/client.ts';
import { describeLink } from '../../renderer/features/compare/linkText.ts';
import { createCompareStore, linksAcross } from '../../renderer/stores/compareStore.ts';

const claim = (id: string, sourceId: string, start = 0): Claim => ({
  id,
  sourceId,
  start,
  end: start + 1,
  quote: 'x',
  prefix: '',
  suffix: '',
  sourceSha256: sourceId,
  statement: `Statement ${id}`,
  claimant: null,
  date: null,
  earliest: null,
  latest: null,
  place: null,
  actors: [],
  eventType: null,
  credibility: null,
  status: 'draft',
  note: null,
  tags: [],
  createdAt: '2025-01-01T00:00:00Z',
  createdBy: 'Ana',
  updatedAt: '2025-01-01T00:00:00Z',
  updatedBy: 'Ana',
});

const link = (id: string, fromClaimId: string, toClaimId: string, relation: Link['relation']): Link => ({
  id,
  fromClaimId,
  toClaimId,
  relation,
  note: null,
  createdAt: '2025-01-01T00:00:00Z',
  createdBy: 'Ana',
});

describe('links across two sources', () => {
  const left = [claim('a1', 'A'), claim('a2', 'A')];
  const right = [claim('b1', 'B')];

  it('keeps only links with one end on each side, either way round', () => {
    const links = [
      link('l1', 'a1', 'b1', 'corroborates'),
      link('l2', 'b1', 'a2', 'repeats'),
      link('l3', 'a1', 'a2', 'same-event'),
      link('l4', 'a1', 'zz', 'contradicts'),
    ];
    expect(linksAcross(links, left, right).map((each) => each.id)).toEqual(['l1', 'l2']);
  });

  it('words symmetric links from left to right, and "repeats" in its own direction', () => {
    const byId = new Map([...left, ...right].map((each) => [each.id, each]));
    const leftIds = new Set(['a1', 'a2']);
    expect(describeLink(link('l', 'b1', 'a1', 'contradicts'), byId, leftIds)).toBe(
      'Statement a1 contradicts Statement b1',
    );
    expect(describeLink(link('l', 'b1', 'a1', 'same-event'), byId, leftIds)).toBe(
      'Statement a1 is the same event as Statement b1',
    );
    expect(describeLink(link('l', 'b1', 'a1', 'repeats'), byId, leftIds)).toBe(
      'Statement b1 repeats Statement a1',
    );
  });
});

describe('compare store', () => {
  it('loads each side, links the chosen claims and lists the link; showing a link flashes both ends', async () => {
    const links: Link[] = [];
    const calls: { method: string; input: unknown }[] = [];
    const client = {
      async call(method: string, input: Record<string, string>) {
        calls.push({ method, input });
        if (method === 'claim.list')
          return input.sourceId === 'A' ? [claim('a2', 'A', 5), claim('a1', 'A', 1)] : [claim('b1', 'B')];
        if (method === 'link.list') return links;
        if (method === 'link.create') {
          const made = link(
            `l${links.length}`,
            input.fromClaimId!,
            input.toClaimId!,
            input.relation as 'repeats',
          );
          links.push(made);
          return made;
        }
        throw new Error(`unexpected ${method}`);
      },
      on: () => () => {},
    } as unknown as ApiClient;
    const errors: unknown[] = [];
    const store = createCompareStore(client, (error) => errors.push(error));
    await store.getState().pick('left', 'A');
    expect(calls.some((call) => call.method === 'link.list')).toBe(false);
    await store.getState().pick('right', 'B');
    expect(store.getState().claims.left.map((each) => each.id)).toEqual(['a1', 'a2']);

    expect(await store.getState().link('contradicts')).toBeNull();
    store.getState().select('left', 'a2');
    store.getState().select('right', 'b1');
    const made = await store.getState().link('contradicts');
    expect(made).toMatchObject({ fromClaimId: 'a2', toClaimId: 'b1', relation: 'contradicts' });
    expect(store.getState().links.map((each) => each.id)).toEqual(['l0']);

    store.getState().select('left', null);
    store.getState().show(made!);
    expect(store.getState().selected).toEqual({ left: 'a2', right: 'b1' });
    expect(store.getState().flash.left?.claimId).toBe('a2');
    expect(store.getState().flash.right?.claimId).toBe('b1');

    // Choosing another source on one side forgets that side's choice.
    await store.getState().pick('right', 'A');
    expect(store.getState().selected.right).toBeNull();
    expect(errors).toEqual([]);
  });
});
