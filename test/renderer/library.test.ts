// The library's filters and metadata form: the pure helpers, and the sources store asking source.list and
// source.update over a fake client.
import { describe, expect, it } from 'vitest';
import type { SourceSummary } from '../../electron/contract/index.ts';
import { ApiError, type ApiClient } from '../../renderer/api/client.ts';
import {
  detailsPatch,
  draftOf,
  hasFilters,
  listInput,
  NO_FILTERS,
  outletsOf,
} from '../../renderer/features/library/sourceDetails.ts';
import { createSourcesStore } from '../../renderer/stores/sourcesStore.ts';

const source = (id: string, extra: Partial<SourceSummary> = {}): SourceSummary => ({
  id,
  title: `Report ${id}`,
  outlet: null,
  author: null,
  url: null,
  publishedAt: null,
  language: null,
  reliability: null,
  note: null,
  repeats: [],
  sha256: id,
  fileName: `${id}.txt`,
  format: 'txt',
  length: 100,
  claimCount: 0,
  tags: [],
  createdAt: '2025-01-01T00:00:00Z',
  createdBy: 'Ana',
  updatedAt: '2025-01-01T00:00:00Z',
  ...extra,
});

describe('library filters', () => {
  it('asks source.list only for the filters set', () => {
    expect(listInput(NO_FILTERS)).toEqual({});
    expect(hasFilters(NO_FILTERS)).toBe(false);
    const filters = { ...NO_FILTERS, outlet: 'Meridian Wire', from: '2025-02-01' };
    expect(listInput(filters)).toEqual({ outlet: 'Meridian Wire', from: '2025-02-01' });
    expect(hasFilters(filters)).toBe(true);
  });

  it('offers each outlet once, in alphabetical order, and no empty one', () => {
    const sources = [
      source('a', { outlet: 'Meridian Wire' }),
      source('b', { outlet: 'Lakeside Herald' }),
      source('c'),
      source('d', { outlet: 'Meridian Wire' }),
    ];
    expect(outletsOf(sources)).toEqual(['Lakeside Herald', 'Meridian Wire']);
  });
});

describe('the metadata patch', () => {
  const original = source('a', {
    title: 'Rebels push into Goma',
    outlet: 'Meridian Wire',
    reliability: 'B',
    tags: ['Places/Goma', 'Actors/M23'],
  });

  it('is empty when nothing changed', () => {
    expect(detailsPatch(original, draftOf(original))).toEqual({});
  });

  it('sends only the changed fields, clears emptied ones, and diffs the tags', () => {
    const draft = {
      ...draftOf(original),
      title: '  Rebels enter Goma ',
      outlet: '',
      author: 'J. Doe',
      reliability: '' as const,
      tags: ['Actors/M23', 'Events/Shelling'],
    };
    expect(detailsPatch(original, draft)).toEqual({
      title: 'Rebels enter Goma',
      outlet: null,
      author: 'J. Doe',
      reliability: null,
      tags: ['Events/Shelling'],
      untag: ['Places/Goma'],
    });
  });
});

describe('the sources store', () => {
  function fake(update: (input: Record<string, unknown>) => SourceSummary) {
    const calls: { method: string; input: unknown }[] = [];
    const all = [source('a', { outlet: 'Meridian Wire' }), source('b', { outlet: 'Lakeside Herald' })];
    const client = {
      async call(method: string, input: Record<string, unknown>) {
        calls.push({ method, input });
        if (method === 'source.list')
          return input.outlet ? all.filter((each) => each.outlet === input.outlet) : all;
        if (method === 'source.update') {
          const updated = update(input);
          all.splice(
            all.findIndex((each) => each.id === updated.id),
            1,
            updated,
          );
          return { ...updated, text: 'text' };
        }
        throw new ApiError('unknown-method', method);
      },
      on: () => () => undefined,
    } as unknown as ApiClient;
    const reported: unknown[] = [];
    return { store: createSourcesStore(client, (error) => reported.push(error)), calls, reported };
  }

  it('keeps every row and the outlets, and narrows to what source.list answers for the filters', async () => {
    const { store, calls } = fake(() => source('a'));
    await store.getState().load();
    expect(store.getState().filtered).toBeNull();
    expect(store.getState().outlets).toEqual(['Lakeside Herald', 'Meridian Wire']);
    await store.getState().setFilters({ outlet: 'Lakeside Herald' });
    expect(calls.at(-1)).toEqual({ method: 'source.list', input: { outlet: 'Lakeside Herald' } });
    expect(store.getState().filtered).toEqual(['b']);
    expect(store.getState().ids).toEqual(['a', 'b']);
    await store.getState().setFilters(NO_FILTERS);
    expect(store.getState().filtered).toBeNull();
  });

  it('stores a saved edit, and reports a refusal and says so', async () => {
    const { store, reported } = fake((input) => {
      if (input.url) throw new ApiError('bad-input', '"nope" is not a URL.');
      return source('a', { reliability: 'A' });
    });
    await store.getState().load();
    expect(await store.getState().update('a', { reliability: 'A' })).toBe(true);
    expect(store.getState().byId.a?.reliability).toBe('A');
    expect(store.getState().byId.a).not.toHaveProperty('text');
    expect(await store.getState().update('a', { url: 'nope' })).toBe(false);
    expect(reported).toHaveLength(1);
  });
});
