// Sources: the library's rows by id, the search that filters them, the column sort, and full texts for the reader.
import { createStore } from 'zustand/vanilla';
import type { Source, SourceSummary } from '../../electron/contract/index.ts';
import type { ApiClient } from '../api/client.ts';
import { nextSort, type SourceColumn, type SourceSort } from '../lib/sortSources.ts';
import { latest } from './latest.ts';
import type { Report } from './noticesStore.ts';

export interface SourcesState {
  byId: Record<string, SourceSummary>;
  /** Ids in the engine's order (newest publication first). */
  ids: string[];
  loaded: boolean;
  query: string;
  /** Ids matching the query; null when there is no query. */
  matches: string[] | null;
  sort: SourceSort | null;
  /** Full sources with their text, loaded when the reader opens them. Texts never change after import. */
  texts: Record<string, Source>;
  load(): Promise<void>;
  search(query: string): Promise<void>;
  sortBy(column: SourceColumn): void;
  loadText(id: string): Promise<void>;
}

/** Search results are capped by the contract at 500; the library shows that many matches at most. */
const SEARCH_LIMIT = 500;

export function createSourcesStore(client: ApiClient, report: Report) {
  const listRequest = latest();
  const searchRequest = latest();
  return createStore<SourcesState>()((set, get) => ({
    byId: {},
    ids: [],
    loaded: false,
    query: '',
    matches: null,
    sort: null,
    texts: {},
    async load() {
      const isCurrent = listRequest();
      try {
        const sources = await client.call('source.list', {});
        if (!isCurrent()) return;
        set({
          byId: Object.fromEntries(sources.map((source) => [source.id, source])),
          ids: sources.map((source) => source.id),
          loaded: true,
        });
        // New or removed sources change what a standing query matches.
        if (get().query.trim()) await get().search(get().query);
      } catch (error) {
        report(error);
      }
    },
    async search(query) {
      const isCurrent = searchRequest();
      set({ query });
      if (query.trim() === '') {
        set({ matches: null });
        return;
      }
      try {
        const hits = await client.call('search.query', {
          query,
          prefix: true,
          kinds: ['source'],
          limit: SEARCH_LIMIT,
        });
        if (isCurrent()) set({ matches: [...new Set(hits.map((hit) => hit.sourceId))] });
      } catch (error) {
        if (isCurrent()) report(error);
      }
    },
    sortBy(column) {
      set({ sort: nextSort(get().sort, column) });
    },
    async loadText(id) {
      if (get().texts[id]) return;
      try {
        const source = await client.call('source.get', { id });
        set((state) => ({ texts: { ...state.texts, [id]: source } }));
      } catch (error) {
        report(error);
      }
    },
  }));
}
