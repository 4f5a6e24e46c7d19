// The timeline's state: its filters and grouping, the window on screen and what was loaded for it (claims, or
// bucket counts when the window is too wide or too dense), and the undated claims listed beside it.
import { createStore } from 'zustand/vanilla';
import type { Bucket, Claim, ClaimStatus, TimelineItem } from '../../electron/contract/index.ts';
import type { ApiClient } from '../api/client.ts';
import {
  bucketEnd,
  bucketUnitFor,
  estimateCount,
  nextDay,
  isWideWindow,
  WINDOW_LIMIT,
  windowDays,
  type BucketUnit,
  type DayWindow,
  type GroupBy,
} from '../features/timeline/timelineItems.ts';
import { latest } from './latest.ts';
import type { Report } from './noticesStore.ts';

export interface TimelineFilters {
  tag?: string;
  status?: ClaimStatus;
  claimant?: string;
  sourceId?: string;
}

/** What is drawn for the current window. */
export type TimelineContent =
  | { kind: 'items'; window: DayWindow; items: TimelineItem[] }
  | { kind: 'buckets'; window: DayWindow; unit: BucketUnit; buckets: Bucket[]; total: number };

export interface TimelineState {
  filters: TimelineFilters;
  groupBy: GroupBy;
  /**
   * The overview of the whole case (months with claims, for the filters `key`): the first window is chosen from
   * it, and it tells which windows are too dense to ask for their claims.
   */
  overview: { unit: BucketUnit; buckets: Bucket[]; key: string } | null;
  content: TimelineContent | null;
  /** The window last asked for: the same window again (a pan that settles where it was) is not reloaded. */
  requested: DayWindow | null;
  loading: boolean;
  /** Undated claims: counted at once; the first few listed by statement only when asked for (listUndated). */
  undated: {
    count: number;
    ids: string[];
    claims: Pick<Claim, 'id' | 'sourceId' | 'statement'>[] | null;
  } | null;
  setFilters(filters: TimelineFilters): void;
  setGroupBy(groupBy: GroupBy): void;
  /** The overview and the undated claims (on opening the view, on a filter change, after an edit). */
  loadOverview(): Promise<void>;
  /** What the timeline shows between two days; `force` reloads a window already loaded (after an edit). */
  loadWindow(window: DayWindow, options?: { force?: boolean }): Promise<void>;
  loadUndated(): Promise<void>;
  /** Fetches the statements of the first undated claims (one call each: kept out of the first paint). */
  listUndated(): Promise<void>;
  /** Reloads what is on screen (after the case changed). */
  refresh(): Promise<void>;
}

/** The whole span the contract accepts: the overview asks for every dated claim. */
const ALL_DAYS = { from: '0001-01-01', to: '9999-12-31' };
/** Undated claims listed by statement beside the timeline; the rest are counted. */
const UNDATED_LISTED = 25;

const filtersKey = (filters: TimelineFilters) => JSON.stringify(filters);

/** A window the overview says holds this many times the limit is counted without asking for its claims. */
const SURELY_DENSE = 3;

const withoutEmpty = (filters: TimelineFilters): TimelineFilters =>
  Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined && value !== ''));

export function createTimelineStore(client: ApiClient, report: Report) {
  const windowRequest = latest();
  const overviewRequest = latest();
  const undatedRequest = latest();

  return createStore<TimelineState>()((set, get) => {
    async function buckets(window: DayWindow, isCurrent: () => boolean): Promise<void> {
      const unit = bucketUnitFor(windowDays(window));
      const result = await client.call('timeline.buckets', { ...get().filters, ...window, unit });
      if (!isCurrent()) return;
      const total = result.reduce((sum, bucket) => sum + bucket.count, 0);
      set({ content: { kind: 'buckets', window, unit, buckets: result, total }, loading: false });
    }

    return {
      filters: {},
      groupBy: 'claimant',
      overview: null,
      content: null,
      requested: null,
      loading: false,
      undated: null,
      setFilters(filters) {
        set({ filters: withoutEmpty(filters) });
        void get().refresh();
      },
      setGroupBy: (groupBy) => set({ groupBy }),
      async loadOverview() {
        const isCurrent = overviewRequest();
        try {
          const unit: BucketUnit = 'month';
          const result = await client.call('timeline.buckets', { ...get().filters, ...ALL_DAYS, unit });
          if (isCurrent()) set({ overview: { unit, buckets: result, key: filtersKey(get().filters) } });
        } catch (error) {
          if (isCurrent()) report(error);
        }
      },
      async loadWindow(window, options) {
        const requested = get().requested;
        if (!options?.force && requested?.from === window.from && requested.to === window.to) return;
        const isCurrent = windowRequest();
        set({ requested: window, loading: true });
        try {
          const overview = get().overview;
          const estimate =
            overview && overview.key === filtersKey(get().filters)
              ? estimateCount(overview.buckets, window)
              : 0;
          const first = overview?.buckets[0];
          if (
            overview?.key === filtersKey(get().filters) &&
            bucketUnitFor(windowDays(window)) === overview.unit &&
            first &&
            window.from <= first.start &&
            bucketEnd(overview.buckets.at(-1)!.start, overview.unit) <= nextDay(window.to)
          ) {
            // The whole case in view (the first window, Show all): the overview is already its counts.
            const total = overview.buckets.reduce((sum, bucket) => sum + bucket.count, 0);
            const content = {
              kind: 'buckets',
              window,
              unit: overview.unit,
              buckets: overview.buckets,
              total,
            } as const;
            return set({ content, loading: false });
          }
          if (isWideWindow(window) || estimate > SURELY_DENSE * WINDOW_LIMIT)
            return await buckets(window, isCurrent);
          const result = await client.call('timeline.window', {
            ...get().filters,
            ...window,
            limit: WINDOW_LIMIT,
          });
          if (!isCurrent()) return;
          if (result.truncated) return await buckets(window, isCurrent);
          set({ content: { kind: 'items', window, items: result.items }, loading: false });
        } catch (error) {
          if (isCurrent()) {
            set({ loading: false });
            report(error);
          }
        }
      },
      async loadUndated() {
        const isCurrent = undatedRequest();
        try {
          const result = await client.call('timeline.undated', get().filters);
          if (!isCurrent()) return;
          const listed = get().undated?.claims != null;
          set({ undated: { count: result.count, ids: result.ids, claims: null } });
          if (listed) await get().listUndated();
        } catch (error) {
          if (isCurrent()) report(error);
        }
      },
      async listUndated() {
        const undated = get().undated;
        if (!undated) return;
        const isCurrent = undatedRequest();
        try {
          const claims = await Promise.all(
            undated.ids.slice(0, UNDATED_LISTED).map((id) => client.call('claim.get', { id })),
          );
          if (!isCurrent()) return;
          set({
            undated: {
              ...undated,
              claims: claims.map(({ id, sourceId, statement }) => ({ id, sourceId, statement })),
            },
          });
        } catch (error) {
          if (isCurrent()) report(error);
        }
      },
      async refresh() {
        const window = get().requested ?? get().content?.window;
        await Promise.all([
          get().loadOverview(),
          get().loadUndated(),
          window ? get().loadWindow(window, { force: true }) : Promise.resolve(),
        ]);
      },
    };
  });
}
