// Sources: the library's rows by id, the search and filters that narrow them, the column sort, metadata edits,
// and full texts for the reader.
import { createStore } from 'zustand/vanilla';
import type { Source, SourceSummary } from '../../electron/contract/index.ts';
import type { ApiClient } from '../api/client.ts';
import {
  hasFilters,
  listInput,
  NO_FILTERS,
  outletsOf,
  type DetailsPatch,
  type SourceFilters,
} from '../features/library/sourceDetails.ts';
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
  filters: SourceFilters;
  /** Ids passing the filters, as source.list answered them; null when no filter is set. */
  filtered: string[] | null;
  /** The outlets of all sources in the case, for the outlet filter. */
  outlets: string[];
  /** Full sources with their text, loaded when the reader opens them. Texts never change after import. */
  texts: Record<string, Source>;
  load(): Promise<void>;
  search(query: string): Promise<void>;
  sortBy(column: SourceColumn): void;
  setFilters(filters: Partial<SourceFilters>): Promise<void>;
  /** Saves metadata; true when the engine took it, false when it refused (the error is reported). */
  update(id: string, patch: DetailsPatch): Promise<boolean>;
  loadText(id: string): Promise<void>;
  /** Takes back the mark that a source repeats another (near-copies of one story). */
  unmarkRepeat(id: string, repeatsId: string): Promise<void>;
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
    filters: NO_FILTERS,
    filtered: null,
    outlets: [],
    texts: {},
    async load() {
      const isCurrent = listRequest();
      const { filters } = get();
      try {
        // All sources, for the rows' data and the outlets to filter by; then the engine's answer to the filters.
        const [sources, filtered] = await Promise.all([
          client.call('source.list', {}),
          hasFilters(filters) ? client.call('source.list', listInput(filters)) : null,
        ]);
        if (!isCurrent()) return;
        set({
          byId: Object.fromEntries(sources.map((source) => [source.id, source])),
          ids: sources.map((source) => source.id),
          filtered: filtered?.map((source) => source.id) ?? null,
          outlets: outletsOf(sources),
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
          snippets: false,
        });
        if (isCurrent()) set({ matches: [...new Set(hits.map((hit) => hit.sourceId))] });
      } catch (error) {
        if (isCurrent()) report(error);
      }
    },
    sortBy(column) {
      set({ sort: nextSort(get().sort, column) });
    },
    async setFilters(filters) {
      set({ filters: { ...get().filters, ...filters } });
      await get().load();
    },
    async update(id, patch) {
      try {
        const source = await client.call('source.update', { id, ...patch });
        const { text, pages, ...summary } = source;
        set((state) => ({
          byId: { ...state.byId, [id]: summary },
          // The text never changes, so a loaded one stays; its metadata is the new one.
          texts: state.texts[id] ? { ...state.texts, [id]: { ...summary, text, pages } } : state.texts,
        }));
        // A changed outlet, date or tag can move the source in or out of the filters.
        await get().load();
        return true;
      } catch (error) {
        report(error);
        return false;
      }
    },
    async unmarkRepeat(id, repeatsId) {
      try {
        const source = await client.call('source.unmarkRepeat', { sourceId: id, repeatsId });
        const summary: SourceSummary & { text?: string; pages?: number[] | null } = { ...source };
        delete summary.text;
        delete summary.pages;
        set((state) => ({ byId: { ...state.byId, [id]: summary } }));
      } catch (error) {
        report(error);
      }
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
