// Near-copies in the renderer's stores: import outcomes carry them, marking records the mark, unmarking updates the row.
import { describe, expect, it } from 'vitest';
import type { MethodName, NearCopy, Source, SourceSummary } from '../../electron/contract/index.ts';
import { ApiError, type ApiClient } from '../../renderer/api/client.ts';
import { createImportsStore } from '../../renderer/stores/importsStore.ts';
import { createSourcesStore } from '../../renderer/stores/sourcesStore.ts';

function fakeClient(handlers: Partial<Record<MethodName, (input: never) => unknown>>) {
  const calls: { method: MethodName; input: unknown }[] = [];
  const client: ApiClient = {
    async call(method, input) {
      calls.push({ method, input });
      const handler = handlers[method];
      if (!handler) throw new ApiError('unknown-method', `No fake for ${method}.`);
      return (await handler(input as never)) as never;
    },
    on: () => () => {},
  };
  return { client, calls };
}

const summary = (id: string, repeats: string[]): SourceSummary => ({
  id,
  title: `Report ${id}`,
  outlet: null,
  author: null,
  url: null,
  publishedAt: null,
  language: null,
  reliability: null,
  note: null,
  repeats,
  sha256: id,
  fileName: `${id}.txt`,
  format: 'txt',
  length: 100,
  claimCount: 0,
  tags: [],
  createdAt: '2025-01-01T00:00:00Z',
  createdBy: 'Ana',
  updatedAt: '2025-01-01T00:00:00Z',
});

const copy: NearCopy = { sourceId: 'wire', title: 'Report wire', outlet: 'Northline', similarity: 0.83 };

describe('near-copies in the stores', () => {
  it('keeps the near-copies of each imported file and records a mark on its outcome', async () => {
    const errors: unknown[] = [];
    const { client, calls } = fakeClient({
      'source.import': () => [
        {
          fileName: 'reprint.txt',
          ok: true,
          id: 'reprint',
          title: 'Report reprint',
          publishedAt: null,
          sha256: 'r',
          duplicate: false,
          repeats: [copy],
        },
      ],
      'source.markRepeat': (input: { sourceId: string; repeatsId: string }): Source => ({
        ...summary(input.sourceId, [input.repeatsId]),
        text: 'text',
        pages: null,
      }),
    });
    const store = createImportsStore(client, (error) => errors.push(error));
    await store
      .getState()
      .importFiles([{ name: 'reprint.txt', size: 4, bytes: async () => new TextEncoder().encode('text') }]);
    expect(store.getState().outcomes).toEqual([
      {
        fileName: 'reprint.txt',
        outcome: 'imported',
        sourceId: 'reprint',
        title: 'Report reprint',
        repeats: [copy],
        marked: [],
      },
    ]);
    await store.getState().markRepeat('reprint', 'wire');
    expect(calls.at(-1)).toEqual({
      method: 'source.markRepeat',
      input: { sourceId: 'reprint', repeatsId: 'wire' },
    });
    expect(store.getState().outcomes[0]).toMatchObject({ marked: ['wire'] });
    expect(errors).toEqual([]);
  });

  it('reports a refused mark instead of throwing, and leaves the outcome unmarked', async () => {
    const errors: unknown[] = [];
    const { client } = fakeClient({
      'source.markRepeat': () => {
        throw new ApiError('bad-input', 'A source cannot be a repeat of itself.');
      },
    });
    const store = createImportsStore(client, (error) => errors.push(error));
    await store.getState().markRepeat('reprint', 'reprint');
    expect(errors).toHaveLength(1);
  });

  it('unmarking updates the library row without its text', async () => {
    const { client } = fakeClient({
      'source.list': () => [summary('wire', []), summary('reprint', ['wire'])],
      'source.unmarkRepeat': (input: { sourceId: string }): Source => ({
        ...summary(input.sourceId, []),
        text: 'text',
        pages: null,
      }),
    });
    const store = createSourcesStore(client, () => {});
    await store.getState().load();
    expect(store.getState().byId.reprint!.repeats).toEqual(['wire']);
    await store.getState().unmarkRepeat('reprint', 'wire');
    expect(store.getState().byId.reprint).toEqual(summary('reprint', []));
  });
});
