// The timeline store: which calls a window makes (claims, or counts when wide or truncated), and undated claims.
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../renderer/api/client.ts';
import { createTimelineStore } from '../../renderer/stores/timelineStore.ts';

const item = (id: string) => ({
  id,
  sourceId: 's1',
  statement: `Claim ${id}`,
  date: '2025-01-27',
  earliest: '2025-01-27',
  latest: '2025-01-27',
  exact: true,
  status: 'draft',
  claimant: null,
  tags: [],
  actors: [],
});

function fakeClient(answers: { truncated?: boolean } = {}) {
  const calls: { method: string; input: Record<string, unknown> }[] = [];
  const client = {
    async call(method: string, input: Record<string, unknown>) {
      calls.push({ method, input });
      if (method === 'timeline.window')
        return { items: [item('a'), item('b')], truncated: !!answers.truncated };
      if (method === 'timeline.buckets') return [{ start: '2025-01-27', count: 7 }];
      if (method === 'timeline.undated') return { count: 2, ids: ['u1', 'u2'] };
      if (method === 'claim.get') return { ...item(String(input.id)), date: null };
      throw new Error(`unexpected ${method}`);
    },
    on: () => () => undefined,
  } as unknown as ApiClient;
  return { client, calls };
}

const noReport = () => undefined;

describe('timeline store', () => {
  it('loads the claims of a narrow window, and not twice for the same window', async () => {
    const { client, calls } = fakeClient();
    const store = createTimelineStore(client, noReport);
    await store.getState().loadWindow({ from: '2025-01-01', to: '2025-01-31' });
    expect(store.getState().content).toMatchObject({ kind: 'items', items: [{ id: 'a' }, { id: 'b' }] });
    await store.getState().loadWindow({ from: '2025-01-01', to: '2025-01-31' });
    expect(calls.map((call) => call.method)).toEqual(['timeline.window']);
    expect(store.getState().loading).toBe(false);
  });

  it('counts a truncated window per day and a wide one per month, without asking for its claims', async () => {
    const truncated = fakeClient({ truncated: true });
    const store = createTimelineStore(truncated.client, noReport);
    await store.getState().loadWindow({ from: '2025-01-01', to: '2025-01-31' });
    expect(truncated.calls.map((call) => call.method)).toEqual(['timeline.window', 'timeline.buckets']);
    expect(truncated.calls[1]!.input.unit).toBe('day');
    expect(store.getState().content).toMatchObject({ kind: 'buckets', unit: 'day', total: 7 });

    const wide = fakeClient();
    const wideStore = createTimelineStore(wide.client, noReport);
    await wideStore.getState().loadWindow({ from: '2023-01-01', to: '2025-12-31' });
    expect(wide.calls.map((call) => [call.method, call.input.unit])).toEqual([['timeline.buckets', 'month']]);
  });

  it('passes its filters to every call and reloads on a filter change', async () => {
    const { client, calls } = fakeClient();
    const store = createTimelineStore(client, noReport);
    await store.getState().loadWindow({ from: '2025-01-01', to: '2025-01-31' });
    store.getState().setFilters({ status: 'verified', claimant: '', tag: 'Actors/M23' });
    await store.getState().refresh();
    expect(store.getState().filters).toEqual({ status: 'verified', tag: 'Actors/M23' });
    const window = calls.filter((call) => call.method === 'timeline.window').at(-1)!;
    expect(window.input).toMatchObject({ status: 'verified', tag: 'Actors/M23', from: '2025-01-01' });
    expect(window.input).not.toHaveProperty('claimant');
  });

  it('counts undated claims at once and lists their statements only when asked', async () => {
    const { client, calls } = fakeClient();
    const store = createTimelineStore(client, noReport);
    await store.getState().loadUndated();
    expect(store.getState().undated).toEqual({ count: 2, ids: ['u1', 'u2'], claims: null });
    expect(calls.some((call) => call.method === 'claim.get')).toBe(false);
    await store.getState().listUndated();
    expect(store.getState().undated!.claims!.map((claim) => claim.statement)).toEqual([
      'Claim u1',
      'Claim u2',
    ]);
  });

  it('counts a window the overview says is dense without asking for its claims', async () => {
    const { client, calls } = fakeClient();
    const store = createTimelineStore(client, noReport);
    store.setState({
      overview: { unit: 'month', key: '{}', buckets: [{ start: '2025-01-01', count: 31_000 }] },
    });
    await store.getState().loadWindow({ from: '2025-01-01', to: '2025-01-07' });
    expect(calls.map((call) => [call.method, call.input.unit])).toEqual([['timeline.buckets', 'day']]);
  });

  it('draws the whole case from the overview it already has', async () => {
    const { client, calls } = fakeClient();
    const store = createTimelineStore(client, noReport);
    await store.getState().loadOverview();
    await store.getState().loadWindow({ from: '2024-12-20', to: '2025-02-10' });
    expect(calls.map((call) => call.method)).toEqual(['timeline.buckets', 'timeline.window']);
    await store.getState().loadWindow({ from: '2022-12-20', to: '2026-02-10' });
    expect(calls).toHaveLength(2);
    expect(store.getState().content).toMatchObject({ kind: 'buckets', unit: 'month', total: 7 });
  });
});
