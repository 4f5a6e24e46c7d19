// The stores over a fake client: data normalized by id, refresh on `case.changed`, stale answers dropped,
// errors reported rather than thrown, imports batched with progress and per-file outcomes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Claim, EventName, Events, MethodName, SourceSummary } from '../../electron/contract/index.ts';
import { ApiError, type ApiClient } from '../../renderer/api/client.ts';
import { createStores } from '../../renderer/stores/createStores.ts';

type Handler = (input: never) => unknown;

/** A client whose methods are plain functions, and whose events the test emits. */
function fakeClient(handlers: Partial<Record<MethodName, Handler>>) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: { method: MethodName; input: unknown }[] = [];
  const client: ApiClient = {
    async call(method, input) {
      calls.push({ method, input });
      const handler = handlers[method];
      if (!handler) throw new ApiError('unknown-method', `No fake for ${method}.`);
      return (await handler(input as never)) as never;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  const emit = <E extends EventName>(event: E, payload: Events[E]) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  return { client, calls, emit, handlers };
}

const source = (id: string, title: string, extra: Partial<SourceSummary> = {}): SourceSummary => ({
  id,
  title,
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

const claim = (id: string, sourceId: string, start: number, end: number): Claim => ({
  id,
  sourceId,
  start,
  end,
  quote: 'x'.repeat(end - start),
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

const baseHandlers = (): Partial<Record<MethodName, Handler>> => ({
  'case.info': () => ({
    caseId: 'case',
    title: 'Goma',
    createdAt: '',
    schemaVersion: 1,
    fileName: 'goma.attest',
    analyst: 'Ana',
    counts: { sources: 0, claims: 0, tags: 0 },
    checking: false,
  }),
  'history.state': () => ({ undo: null, redo: null }),
  'source.list': () => [source('s1', 'Beta report'), source('s2', 'Alpha report')],
  'tag.list': () => [],
  'claim.list': () => [],
});

afterEach(() => {
  vi.useRealTimers();
});

describe('stores', () => {
  it('loads the case, sources by id in the engine order, and the undo state', async () => {
    const { client } = fakeClient(baseHandlers());
    const stores = createStores(client);
    await stores.refresh();
    expect(stores.case.getState().info?.title).toBe('Goma');
    expect(stores.sources.getState().ids).toEqual(['s1', 's2']);
    expect(stores.sources.getState().byId.s2?.title).toBe('Alpha report');
  });

  it('follows the check of a file opened before it ended: sound, or damaged and closed', async () => {
    let checking = true;
    const handlers = baseHandlers();
    const info = handlers['case.info']!;
    handlers['case.info'] = () => ({ ...(info(undefined as never) as object), checking });
    const { client, emit } = fakeClient(handlers);
    const stores = createStores(client);
    await stores.refresh();
    expect(stores.case.getState().info?.checking).toBe(true);
    checking = false;
    emit('case.checked', { fileName: 'goma.attest', problem: null });
    await vi.waitFor(() => expect(stores.case.getState().info?.checking).toBe(false));

    stores.view.getState().show('claims');
    const problem = "goma.attest is damaged: SQLite's integrity check failed (page 14).";
    emit('case.checked', { fileName: 'goma.attest', problem });
    expect(stores.case.getState()).toMatchObject({ info: null, closedBecause: problem });
    expect(stores.view.getState().view).toBe('library');
    emit('case.opened', { fileName: 'other.attest' });
    expect(stores.case.getState().closedBecause).toBeNull();
    await vi.waitFor(() => expect(stores.case.getState().info?.title).toBe('Goma'));
  });

  it('refreshes once per burst of case.changed events', async () => {
    vi.useFakeTimers();
    const { client, calls, emit } = fakeClient(baseHandlers());
    const stores = createStores(client);
    emit('case.changed', { method: 'claim.create' });
    emit('case.changed', { method: 'claim.update' });
    await vi.runAllTimersAsync();
    expect(calls.filter((call) => call.method === 'source.list')).toHaveLength(1);
    stores.dispose();
    emit('case.changed', { method: 'claim.create' });
    await vi.runAllTimersAsync();
    expect(calls.filter((call) => call.method === 'source.list')).toHaveLength(1);
  });

  it('keeps claims by id and per source in text order, and reloads the open source on refresh', async () => {
    const handlers = baseHandlers();
    let claims = [claim('b', 's1', 10, 20), claim('a', 's1', 0, 5)];
    handlers['claim.list'] = () => claims;
    const { client } = fakeClient(handlers);
    const stores = createStores(client);
    stores.view.getState().openSource('s1');
    await stores.claims.getState().loadForSource('s1');
    expect(stores.claims.getState().idsBySource.s1).toEqual(['a', 'b']);
    expect(stores.claims.getState().byId.b?.start).toBe(10);

    claims = [claim('a', 's1', 0, 5)];
    await stores.refresh();
    expect(stores.claims.getState().idsBySource.s1).toEqual(['a']);
    expect(stores.claims.getState().byId.b).toBeUndefined();
  });

  it('drops an older search answer that arrives after a newer one', async () => {
    const handlers = baseHandlers();
    const pending: Record<string, (hits: unknown) => void> = {};
    handlers['search.query'] = ((input: { query: string }) =>
      new Promise((resolve) => (pending[input.query] = resolve))) as Handler;
    const { client, calls } = fakeClient(handlers);
    const stores = createStores(client);
    const first = stores.sources.getState().search('go');
    const second = stores.sources.getState().search('goma');
    pending.goma!([{ kind: 'source', id: 's2', sourceId: 's2', title: '', snippet: '', marks: [], rank: 1 }]);
    await second;
    pending.go!([{ kind: 'source', id: 's1', sourceId: 's1', title: '', snippet: '', marks: [], rank: 1 }]);
    await first;
    expect(stores.sources.getState().matches).toEqual(['s2']);
    expect(calls.find((call) => call.method === 'search.query')?.input).toMatchObject({
      prefix: true,
      kinds: ['source'],
    });
    await stores.sources.getState().search('  ');
    expect(stores.sources.getState().matches).toBeNull();
  });

  it('reports a refused call in the notices instead of throwing', async () => {
    const handlers = baseHandlers();
    handlers['claim.create'] = () => {
      throw new ApiError('bad-input', 'A claim needs a statement.');
    };
    const { client } = fakeClient(handlers);
    const stores = createStores(client);
    const created = await stores.claims
      .getState()
      .create({ sourceId: 's1', start: 0, end: 3, statement: '' });
    expect(created).toBeNull();
    expect(stores.notices.getState().notices.map((notice) => notice.text)).toEqual([
      'A claim needs a statement.',
    ]);
  });

  it('sorts by a clicked column, flipping on a second click', () => {
    const stores = createStores(fakeClient(baseHandlers()).client);
    stores.sources.getState().sortBy('title');
    expect(stores.sources.getState().sort).toEqual({ column: 'title', direction: 'ascending' });
    stores.sources.getState().sortBy('title');
    expect(stores.sources.getState().sort).toEqual({ column: 'title', direction: 'descending' });
    stores.sources.getState().sortBy('publishedAt');
    expect(stores.sources.getState().sort).toEqual({ column: 'publishedAt', direction: 'descending' });
  });

  it('imports files: refuses oversized ones before reading, reports each outcome and the progress', async () => {
    const handlers = baseHandlers();
    const { client, calls, emit } = fakeClient(handlers);
    const stores = createStores(client);
    const progress: number[] = [];
    stores.imports.subscribe((state) => progress.push(state.done));
    handlers['source.import'] = ((input: { files: { fileName: string }[] }) => {
      emit('import.progressed', { done: 1, total: input.files.length });
      return [
        {
          fileName: 'a.txt',
          ok: true,
          id: 's1',
          title: 'A',
          publishedAt: null,
          sha256: 'x',
          duplicate: false,
        },
        {
          fileName: 'b.txt',
          ok: true,
          id: 's2',
          title: 'B',
          publishedAt: null,
          sha256: 'y',
          duplicate: true,
        },
        { fileName: 'c.bin', ok: false, error: 'This is not a text document.' },
      ];
    }) as Handler;
    const file = (name: string, size: number) => ({
      name,
      size,
      bytes: async () => new TextEncoder().encode(`text of ${name}`),
    });
    await stores.imports
      .getState()
      .importFiles([
        file('huge.pdf', 60 * 1024 * 1024),
        file('a.txt', 9),
        file('b.txt', 9),
        file('c.bin', 9),
      ]);

    const sent = calls.find((call) => call.method === 'source.import')?.input as {
      files: { fileName: string; dataBase64: string }[];
    };
    expect(sent.files.map((f) => f.fileName)).toEqual(['a.txt', 'b.txt', 'c.bin']);
    expect(atob(sent.files[0]!.dataBase64)).toBe('text of a.txt');
    const state = stores.imports.getState();
    expect(state.running).toBe(false);
    expect(state.done).toBe(4);
    expect(state.outcomes.map((o) => [o.fileName, o.outcome])).toEqual([
      ['huge.pdf', 'refused'],
      ['a.txt', 'imported'],
      ['b.txt', 'duplicate'],
      ['c.bin', 'refused'],
    ]);
    // 1 refused before sending, then the engine's first file of the batch, then the batch done.
    expect(progress).toContain(2);
  });
});
