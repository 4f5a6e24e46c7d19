// The Claims view's table: the filter, the row count, rows loaded a page at a time as they scroll into view,
// the selected claims and the bulk actions on them.
import { createStore } from 'zustand/vanilla';
import type { Claim, ClaimStatus, MethodInput } from '../../electron/contract/index.ts';
import type { ApiClient } from '../api/client.ts';
import {
  clickRow,
  EMPTY_FILTER,
  nextAnchor,
  pagesForRange,
  toEngineFilter,
  type ClaimsFilter,
  type ClickModifiers,
} from '../features/claims/claimsTable.ts';
import { latest } from './latest.ts';
import type { Report } from './noticesStore.ts';

/** Rows per claim.list call: a screenful or two, so scrolling asks for little at a time. */
export const PAGE_SIZE = 100;
/** search.query returns at most this many hits: a text filter shows that many claims at most. */
const SEARCH_LIMIT = 500;

export interface ClaimsTableState {
  filter: ClaimsFilter;
  /** Rows matching the filter; null until counted. */
  total: number | null;
  /** Claim ids by page number; a page is absent until loaded. */
  pages: Record<number, string[]>;
  byId: Record<string, Claim>;
  /** With a text filter: the matching claim ids, in rank order. */
  matches: string[] | null;
  /** Claim ids selected. */
  selected: ReadonlySet<string>;
  /** The row a shift-click selects from. */
  anchor: number | null;
  /** The row with the keyboard focus. */
  active: number;
  busy: boolean;
  /** Bumped by each filter change and reload, so the table asks again for the rows it shows. */
  version: number;
  setFilter(patch: Partial<ClaimsFilter>): Promise<void>;
  /** The first showing of the table: counts and loads. Until then, reload() does nothing. */
  start(): Promise<void>;
  /** Counts again and reloads the pages on screen (after any change to the case), once the table was shown. */
  reload(): Promise<void>;
  /** Loads the pages holding rows first..last that are missing or stale. */
  ensureRows(first: number, last: number): Promise<void>;
  claimAt(index: number): Claim | undefined;
  click(index: number, modifiers: ClickModifiers): Promise<void>;
  setActive(index: number): void;
  clearSelection(): void;
  /** Adds a tag to every selected claim; resolves with how many were tagged. */
  tagSelected(path: string): Promise<number>;
  setStatusOfSelected(status: ClaimStatus): Promise<number>;
}

export function createClaimsTableStore(client: ApiClient, report: Report) {
  const countRequest = latest();
  // Bumped by every filter change or reload: pages loaded under an older one are stale (kept on screen until
  // their replacement arrives, so a refresh never blanks the table).
  let generation = 0;
  const pageGeneration = new Map<number, number>();
  const inFlight = new Map<number, Promise<void>>();
  // No count or page is asked for before the analyst first opens the table.
  let started = false;

  return createStore<ClaimsTableState>()((set, get) => {
    async function loadPage(page: number): Promise<void> {
      const mine = generation;
      const { filter, matches } = get();
      let claims: Claim[];
      if (matches) {
        const ids = matches.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
        claims = await Promise.all(ids.map((id) => client.call('claim.get', { id })));
      } else {
        claims = await client.call('claim.list', {
          ...toEngineFilter(filter),
          limit: PAGE_SIZE,
          offset: page * PAGE_SIZE,
        });
      }
      if (mine !== generation) return;
      pageGeneration.set(page, mine);
      set((state) => {
        const byId = { ...state.byId };
        for (const claim of claims) byId[claim.id] = claim;
        return { byId, pages: { ...state.pages, [page]: claims.map((claim) => claim.id) } };
      });
    }

    function requestPage(page: number): Promise<void> {
      const key = page + generation * 1e9;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = loadPage(page)
          .catch(report)
          .finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    }

    async function count(): Promise<void> {
      const isCurrent = countRequest();
      const { filter } = get();
      try {
        let matches: string[] | null = null;
        let total: number;
        if (filter.text.trim()) {
          const hits = await client.call('search.query', {
            query: filter.text,
            prefix: true,
            kinds: ['claim'],
            limit: SEARCH_LIMIT,
            snippets: false,
            ...toEngineFilter(filter),
          });
          matches = [...new Set(hits.map((hit) => hit.id))];
          total = matches.length;
        } else {
          ({ count: total } = await client.call('claim.count', toEngineFilter(filter)));
        }
        if (isCurrent()) set({ total, matches });
      } catch (error) {
        if (isCurrent()) report(error);
      }
    }

    /** The claim ids of rows first..last, loading any page not yet loaded. */
    async function idsForRange(first: number, last: number): Promise<string[]> {
      await Promise.all(
        pagesForRange(first, last, PAGE_SIZE)
          .filter((page) => !get().pages[page])
          .map(requestPage),
      );
      const ids: string[] = [];
      for (let index = first; index <= last; index++) {
        const id = get().pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
        if (id) ids.push(id);
      }
      return ids;
    }

    /** One claim.bulkUpdate for the whole selection: one transaction, and one step for Undo. */
    async function editSelected(edit: Omit<MethodInput<'claim.bulkUpdate'>, 'ids'>): Promise<number> {
      const ids = [...get().selected];
      if (ids.length === 0) return 0;
      set({ busy: true });
      try {
        await client.call('claim.bulkUpdate', { ids, ...edit });
        return ids.length;
      } catch (error) {
        report(error);
        return 0;
      } finally {
        set({ busy: false });
      }
    }

    return {
      filter: EMPTY_FILTER,
      total: null,
      pages: {},
      byId: {},
      matches: null,
      selected: new Set(),
      anchor: null,
      active: 0,
      busy: false,
      version: 0,
      async start() {
        if (started) return;
        started = true;
        await get().reload();
      },
      async setFilter(patch) {
        started = true;
        generation++;
        pageGeneration.clear();
        set({
          filter: { ...get().filter, ...patch },
          pages: {},
          byId: {},
          total: null,
          matches: null,
          selected: new Set(),
          anchor: null,
          active: 0,
        });
        await count();
        set((state) => ({ version: state.version + 1 }));
      },
      async reload() {
        if (!started) return;
        generation++;
        await count();
        // Pages beyond the new end are dropped; the rest reload as they come into view (the table asks).
        const total = get().total ?? 0;
        set((state) => ({
          pages: Object.fromEntries(
            Object.entries(state.pages).filter(([page]) => Number(page) * PAGE_SIZE < total),
          ),
          active: Math.min(state.active, Math.max(total - 1, 0)),
          version: state.version + 1,
        }));
      },
      async ensureRows(first, last) {
        const total = get().total;
        if (total === null || total === 0) return;
        const pages = pagesForRange(first, Math.min(last, total - 1), PAGE_SIZE).filter(
          (page) => pageGeneration.get(page) !== generation,
        );
        await Promise.all(pages.map(requestPage));
      },
      claimAt(index) {
        const id = get().pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
        return id ? get().byId[id] : undefined;
      },
      async click(index, modifiers) {
        const claim = get().claimAt(index);
        if (!claim) return;
        const { anchor, selected } = get();
        let rangeIds: string[] | undefined;
        if (modifiers.shift && anchor !== null) {
          rangeIds = await idsForRange(Math.min(anchor, index), Math.max(anchor, index));
        }
        set({
          selected: clickRow(selected, claim.id, modifiers, rangeIds),
          anchor: nextAnchor(anchor, index, modifiers),
          active: index,
        });
      },
      setActive(index) {
        set({ active: index });
      },
      clearSelection() {
        set({ selected: new Set(), anchor: null });
      },
      tagSelected(path) {
        const tag = path.trim();
        if (!tag) return Promise.resolve(0);
        return editSelected({ tags: [tag] });
      },
      setStatusOfSelected(status) {
        return editSelected({ status });
      },
    };
  });
}
