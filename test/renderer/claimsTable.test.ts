// The Claims view's pure helpers and its store over a fake client: filters, paging, selection, bulk edits.
import { describe, expect, it } from 'vitest';
import type { Claim, MethodInput, MethodName } from '../../electron/contract/index.ts';
import { ApiError, type ApiClient } from '../../renderer/api/client.ts';
import {
  clickRow,
  EMPTY_FILTER,
  isFiltered,
  nextAnchor,
  pagesForRange,
  shorten,
  toEngineFilter,
} from '../../renderer/features/claims/claimsTable.ts';
import { createClaimsTableStore, PAGE_SIZE } from '../../renderer/stores/claimsTableStore.ts';

describe('claims table helpers', () => {
  it('sends only the filled filters, and dates only as whole days', () => {
    expect(toEngineFilter(EMPTY_FILTER)).toEqual({});
    expect(
      toEngineFilter({
        ...EMPTY_FILTER,
        text: 'ignored here',
        tag: ' Actors/M23 ',
        status: 'verified',
        claimant: ' UN experts',
        sourceId: 's1',
        from: '2025-02-01',
        to: '2025-02',
      }),
    ).toEqual({
      tag: 'Actors/M23',
      status: 'verified',
      claimant: 'UN experts',
      sourceId: 's1',
      from: '2025-02-01',
    });
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, claimant: 'x' })).toBe(true);
    expect(isFiltered({ ...EMPTY_FILTER, claimant: '  ' })).toBe(false);
  });

  it('lists the pages that hold a range of rows', () => {
    expect(pagesForRange(0, 0, 100)).toEqual([0]);
    expect(pagesForRange(95, 205, 100)).toEqual([0, 1, 2]);
    expect(pagesForRange(100, 199, 100)).toEqual([1]);
    expect(pagesForRange(5, 2, 100)).toEqual([]);
    expect(pagesForRange(-3, -1, 100)).toEqual([]);
  });

  it('selects by click, Ctrl-click and Shift-click', () => {
    const none = new Set<string>();
    expect([...clickRow(none, 'a', {})]).toEqual(['a']);
    expect([...clickRow(new Set(['a', 'b']), 'c', {})]).toEqual(['c']);
    expect([...clickRow(new Set(['a']), 'b', { toggle: true })]).toEqual(['a', 'b']);
    expect([...clickRow(new Set(['a', 'b']), 'b', { toggle: true })]).toEqual(['a']);
    expect([...clickRow(new Set(['x']), 'c', { shift: true }, ['a', 'b', 'c'])]).toEqual(['a', 'b', 'c']);
    expect([...clickRow(new Set(['x']), 'c', { shift: true, toggle: true }, ['b', 'c'])].sort()).toEqual([
      'b',
      'c',
      'x',
    ]);
    // Shift without an anchor acts as a plain click.
    expect([...clickRow(new Set(['x']), 'c', { shift: true })]).toEqual(['c']);
    expect(nextAnchor(null, 4, { shift: true })).toBe(4);
    expect(nextAnchor(2, 4, { shift: true })).toBe(2);
    expect(nextAnchor(2, 4, { toggle: true })).toBe(4);
  });

  it('shortens long cell text with an ellipsis', () => {
    expect(shorten('short', 10)).toBe('short');
    expect(shorten('a rather long statement', 10)).toBe('a rather…');
  });
});

const claim = (index: number): Claim =>
  ({
    id: `c${index}`,
    sourceId: 's1',
    statement: `Claim ${index}`,
    tags: [],
    status: 'draft',
  }) as unknown as Claim;

/** A client over `total` claims that records every call. */
function fakeClient(total: number) {
  const calls: { method: MethodName; input: unknown }[] = [];
  const client: ApiClient = {
    async call(method, input) {
      calls.push({ method, input });
      if (method === 'claim.count') return { count: total } as never;
      if (method === 'claim.list') {
        const { limit = total, offset = 0 } = input as MethodInput<'claim.list'>;
        return Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) =>
          claim(offset + i),
        ) as never;
      }
      if (method === 'claim.bulkUpdate')
        return { updated: (input as MethodInput<'claim.bulkUpdate'>).ids.length } as never;
      throw new ApiError('unknown-method', method);
    },
    on: () => () => undefined,
  };
  return { client, calls };
}

describe('the claims table store', () => {
  it('counts, then loads only the pages asked for, once each', async () => {
    const { client, calls } = fakeClient(100_000);
    const store = createClaimsTableStore(client, (error) => {
      throw error;
    });
    await store.getState().reload();
    expect(calls).toEqual([]);
    await store.getState().start();
    expect(store.getState().total).toBe(100_000);
    await Promise.all([
      store.getState().ensureRows(99_950, 99_999),
      store.getState().ensureRows(99_990, 100_020),
    ]);
    const lists = calls.filter((call) => call.method === 'claim.list');
    expect(lists).toEqual([{ method: 'claim.list', input: { limit: PAGE_SIZE, offset: 99_900 } }]);
    expect(store.getState().claimAt(99_999)?.id).toBe('c99999');
    expect(store.getState().claimAt(0)).toBeUndefined();
    await store.getState().ensureRows(99_950, 99_999);
    expect(calls.filter((call) => call.method === 'claim.list')).toHaveLength(1);
  });

  it('sends the filter, and starts over when it changes', async () => {
    const { client, calls } = fakeClient(250);
    const store = createClaimsTableStore(client, (error) => {
      throw error;
    });
    await store.getState().setFilter({ status: 'verified', tag: 'Actors' });
    await store.getState().ensureRows(0, 10);
    expect(calls.map((call) => call.input)).toEqual([
      { status: 'verified', tag: 'Actors' },
      { status: 'verified', tag: 'Actors', limit: PAGE_SIZE, offset: 0 },
    ]);
    await store.getState().click(3, {});
    expect([...store.getState().selected]).toEqual(['c3']);
    await store.getState().setFilter({ status: '' });
    expect(store.getState().selected.size).toBe(0);
    expect(store.getState().pages).toEqual({});
  });

  it('selects a shift-range across pages not loaded yet, and edits every selected claim in one call', async () => {
    const { client, calls } = fakeClient(250);
    const store = createClaimsTableStore(client, (error) => {
      throw error;
    });
    await store.getState().start();
    // Rows 0-99 and 200-249 are on screen; rows 100-199 were scrolled past without loading.
    await store.getState().ensureRows(0, 20);
    await store.getState().ensureRows(200, 249);
    expect(store.getState().claimAt(150)).toBeUndefined();
    await store.getState().click(10, {});
    await store.getState().click(230, { shift: true });
    expect(store.getState().selected.size).toBe(221);
    expect(store.getState().selected.has('c0')).toBe(false);
    expect(store.getState().anchor).toBe(10);
    calls.length = 0;
    expect(await store.getState().tagSelected('Topics/Advance')).toBe(221);
    // One call for the whole selection: one transaction in the engine, one step for Undo.
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('claim.bulkUpdate');
    const input = calls[0]!.input as MethodInput<'claim.bulkUpdate'>;
    expect(input.tags).toEqual(['Topics/Advance']);
    expect(input.ids).toHaveLength(221);
    expect(input.ids[0]).toBe('c10');
    expect(await store.getState().setStatusOfSelected('disputed')).toBe(221);
  });
});
