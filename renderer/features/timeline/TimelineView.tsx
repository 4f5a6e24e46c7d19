// The Timeline: claims at their event dates (vis-timeline), loading only the visible window and drawing counts
// where a window is too wide or too dense; undated claims listed beside it; a claim opens the reader at its words.
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
// vis-data's DataSet apart: vis-timeline's standalone build bundles one but does not declare it; the timeline
// accepts any DataSet-like object.
import { DataSet } from 'vis-data/standalone';
import { Timeline, type DataGroup, type DataItem, type TimelineOptions } from 'vis-timeline/standalone';
import 'vis-timeline/styles/vis-timeline-graph2d.css';
import { useStore } from 'zustand';
import type { ClaimStatus } from '../../../electron/contract/index.ts';
import type { Stores } from '../../stores/createStores.ts';
import { useStores } from '../../stores/StoresProvider.tsx';
import {
  bucketEnd,
  bucketsToItems,
  claimIdOf,
  claimsToTimeline,
  dayToDate,
  extentOf,
  nextDay,
  windowOf,
  type GroupBy,
} from './timelineItems.ts';

/** A pan or zoom settles before its window is asked for: one request per gesture, not one per frame. */
const RANGE_DEBOUNCE_MS = 60;
/** A window set by code: loaded this long after its last step, so an animated move asks once, at its end. */
const SETTLE_MS = 30;
const DAY_MS = 86_400_000;
const STATUSES: readonly ClaimStatus[] = ['draft', 'verified', 'disputed', 'rejected'];
const GROUPINGS: readonly { value: GroupBy; label: string }[] = [
  { value: 'claimant', label: 'Claimant' },
  { value: 'tag', label: 'Tag' },
  { value: 'actor', label: 'Actor' },
  { value: 'source', label: 'Source' },
  { value: 'none', label: 'No grouping' },
];
const number = new Intl.NumberFormat('en');

const OPTIONS: TimelineOptions = {
  height: '100%',
  orientation: 'top',
  stack: true,
  showCurrentTime: false,
  selectable: true,
  zoomMin: DAY_MS * 3,
  zoomMax: DAY_MS * 366 * 200,
  tooltip: { followMouse: true, overflowMethod: 'cap' },
  margin: { item: { horizontal: 4, vertical: 6 }, axis: 6 },
  // Groups by name, as a reader expects (vis-timeline's own 'content' order puts capitals first).
  groupOrder: (a: DataGroup, b: DataGroup) => String(a.content).localeCompare(String(b.content)),
};

/** Opens the reader at a claim's words: the source first, then (once its text is there) the flash. */
async function openClaim(stores: Stores, claimId: string, sourceId: string): Promise<void> {
  stores.view.getState().openSource(sourceId);
  await Promise.all([
    stores.sources.getState().loadText(sourceId),
    stores.claims.getState().loadForSource(sourceId),
  ]);
  // A flash already in the store when the text mounts is treated as old; let the text mount first.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  stores.view.getState().selectClaim(claimId, { flash: true });
}

export function TimelineView() {
  const stores = useStores();
  const container = useRef<HTMLDivElement>(null);
  const timeline = useRef<Timeline | null>(null);
  const [ready, setReady] = useState(false);
  const content = useStore(stores.timeline, (state) => state.content);
  const overview = useStore(stores.timeline, (state) => state.overview);
  const groupBy = useStore(stores.timeline, (state) => state.groupBy);
  const undated = useStore(stores.timeline, (state) => state.undated);
  const loading = useStore(stores.timeline, (state) => state.loading);
  const sourcesById = useStore(stores.sources, (state) => state.byId);
  const sourceTitles = useMemo(
    () => Object.fromEntries(Object.values(sourcesById).map((source) => [source.id, source.title])),
    [sourcesById],
  );

  // The timeline itself: made once, fed from the store below.
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = new Timeline(element, new DataSet<DataItem>(), OPTIONS);
    timeline.current = instance;
    let timer: ReturnType<typeof setTimeout> | undefined;
    type RangeEvent = { start: Date; end: Date; byUser: boolean };
    const loadSoon = ({ start, end }: RangeEvent, delay: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => void stores.timeline.getState().loadWindow(windowOf(start, end)), delay);
    };
    // vis-timeline announces `rangechanged` 200 ms after a window set by code (a button, a script): too late
    // for a window to draw in 300 ms. Such moves load on `rangechange` instead, once an animated move rests.
    instance.on('rangechange', (event: RangeEvent) => {
      if (!event.byUser) loadSoon(event, SETTLE_MS);
    });
    // A drag or a wheel zoom ends many times a second: load once it rests.
    instance.on('rangechanged', (event: RangeEvent) => {
      if (event.byUser) loadSoon(event, RANGE_DEBOUNCE_MS);
    });
    instance.on('click', ({ item }: { item: string | number | null }) => {
      if (item === null || item === undefined) return;
      const id = String(item);
      const current = stores.timeline.getState().content;
      if (id.startsWith('bucket:') && current?.kind === 'buckets') {
        // A count opens its period.
        const start = id.slice('bucket:'.length);
        instance.setWindow(dayToDate(start), bucketEnd(start, current.unit));
      } else if (current?.kind === 'items') {
        const claimId = claimIdOf(id);
        const claim = current.items.find((each) => each.id === claimId);
        if (claim) void openClaim(stores, claim.id, claim.sourceId);
      }
    });
    // Scripts (the e2e test, the renderer bench) move the window as a user would, with an event on the
    // canvas rather than a global handle on the timeline.
    const onSetWindow = (event: Event) => {
      const { start, end } = (event as CustomEvent<{ start: string; end: string }>).detail;
      instance.setWindow(dayToDate(start), nextDay(end), { animation: false });
    };
    element.addEventListener('timeline:set-window', onSetWindow);
    setReady(true);
    return () => {
      element.removeEventListener('timeline:set-window', onSetWindow);
      clearTimeout(timer);
      instance.destroy();
      timeline.current = null;
    };
  }, [stores]);

  // Load on opening, and again whenever the case changes while the view is open.
  useEffect(() => {
    const state = stores.timeline.getState();
    void state.loadOverview();
    void state.loadUndated();
    if (stores.sources.getState().ids.length === 0) void stores.sources.getState().load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = stores.on('case.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void stores.timeline.getState().refresh(), 60);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [stores]);

  // The first window: the window last shown, else the whole case.
  const placed = useRef(false);
  useEffect(() => {
    const instance = timeline.current;
    if (!instance || !ready || placed.current || !overview) return;
    placed.current = true;
    const previous = stores.timeline.getState().content?.window;
    const extent = previous
      ? { start: dayToDate(previous.from), end: new Date(dayToDate(previous.to).getTime() + DAY_MS) }
      : extentOf(overview.buckets, overview.unit);
    const now = Date.now();
    const { start, end } = extent ?? { start: new Date(now - 45 * DAY_MS), end: new Date(now + 15 * DAY_MS) };
    instance.setWindow(start, end, { animation: false });
    void stores.timeline.getState().loadWindow(windowOf(start, end));
  }, [overview, ready, stores]);

  // What the store loaded, drawn in the same frame as the status line that describes it.
  useLayoutEffect(() => {
    const instance = timeline.current;
    if (!instance || !content) return;
    if (content.kind === 'buckets') {
      instance.setGroups(null as unknown as DataSet<DataGroup>);
      instance.setItems(new DataSet<DataItem>(bucketsToItems(content.buckets, content.unit)));
      return;
    }
    const mapped = claimsToTimeline(content.items, groupBy, sourceTitles);
    instance.setGroups((mapped.groups ? new DataSet<DataGroup>(mapped.groups) : null) as DataSet<DataGroup>);
    instance.setItems(new DataSet<DataItem>(mapped.items));
  }, [content, groupBy, sourceTitles]);

  const move = (share: number) => {
    const instance = timeline.current;
    if (!instance) return;
    const { start, end } = instance.getWindow();
    const shift = (end.getTime() - start.getTime()) * share;
    instance.setWindow(new Date(start.getTime() + shift), new Date(end.getTime() + shift));
  };
  const fit = () => {
    const instance = timeline.current;
    const extent = overview && extentOf(overview.buckets, overview.unit);
    if (instance && extent) instance.setWindow(extent.start, extent.end);
  };

  return (
    <section className="timeline-view" aria-labelledby="timeline-heading">
      <div className="view-header">
        <div>
          <h2 id="timeline-heading">Timeline</h2>
          <p className="byline" role="status" aria-live="polite">
            {describeContent(content, loading)}
          </p>
        </div>
        <div className="toolbar" role="toolbar" aria-label="Move the timeline">
          <button type="button" onClick={() => move(-0.5)}>
            Earlier
          </button>
          <button type="button" onClick={() => move(0.5)}>
            Later
          </button>
          <button type="button" onClick={() => timeline.current?.zoomIn(0.5)}>
            Zoom in
          </button>
          <button type="button" onClick={() => timeline.current?.zoomOut(0.5)}>
            Zoom out
          </button>
          <button type="button" onClick={fit} disabled={!overview?.buckets.length}>
            Show all
          </button>
        </div>
      </div>
      <TimelineFilters sourceTitles={sourceTitles} />
      <div className="timeline-columns">
        <div
          className={`timeline-canvas${loading ? ' loading' : ''}`}
          ref={container}
          role="region"
          aria-label="Claims by event date"
          aria-busy={loading}
          data-mode={content?.kind ?? 'none'}
          data-window={content ? `${content.window.from}/${content.window.to}` : ''}
        />
        <aside className="timeline-undated" aria-labelledby="undated-heading">
          <h3 id="undated-heading">
            Undated claims <span className="count">{undated ? number.format(undated.count) : '…'}</span>
          </h3>
          {undated && undated.count === 0 && <p className="empty">Every claim has an event date.</p>}
          {undated && undated.count > 0 && (
            <details
              onToggle={(event) => {
                if (event.currentTarget.open && !undated.claims)
                  void stores.timeline.getState().listUndated();
              }}
            >
              <summary>List undated claims</summary>
              {undated.claims ? (
                <ul aria-label="Undated claims">
                  {undated.claims.map((claim) => (
                    <li key={claim.id}>
                      <button
                        type="button"
                        className="link"
                        onClick={() => void openClaim(stores, claim.id, claim.sourceId)}
                      >
                        {claim.statement}
                      </button>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="hint">Loading…</p>
              )}
              {undated.claims && undated.count > undated.claims.length && (
                <p className="hint">and {number.format(undated.count - undated.claims.length)} more</p>
              )}
            </details>
          )}
        </aside>
      </div>
    </section>
  );
}

/**
 * The grouping and filters: a component of its own so that a new window (every pan) does not re-render a select
 * of every source in the case.
 */
const TimelineFilters = memo(function TimelineFilters({
  sourceTitles,
}: {
  sourceTitles: Record<string, string>;
}) {
  const stores = useStores();
  const groupBy = useStore(stores.timeline, (state) => state.groupBy);
  const filters = useStore(stores.timeline, (state) => state.filters);
  const sourceIds = useStore(stores.sources, (state) => state.ids);
  const tagsByPath = useStore(stores.tags, (state) => state.byPath);
  const tagPaths = useMemo(() => Object.keys(tagsByPath).sort(), [tagsByPath]);
  const [sourcesListed, setSourcesListed] = useState(false);
  const setFilter = (patch: Partial<typeof filters>) =>
    stores.timeline.getState().setFilters({ ...filters, ...patch });

  return (
    <div className="timeline-filters" role="group" aria-label="Filters">
      <label>
        Group by
        <select
          value={groupBy}
          onChange={(event) => stores.timeline.getState().setGroupBy(event.target.value as GroupBy)}
        >
          {GROUPINGS.map((grouping) => (
            <option key={grouping.value} value={grouping.value}>
              {grouping.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tag
        <select value={filters.tag ?? ''} onChange={(event) => setFilter({ tag: event.target.value })}>
          <option value="">Any tag</option>
          {tagPaths.map((path) => (
            <option key={path} value={path}>
              {path}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          value={filters.status ?? ''}
          onChange={(event) => setFilter({ status: (event.target.value || undefined) as ClaimStatus })}
        >
          <option value="">Any status</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
      <ClaimantFilter value={filters.claimant ?? ''} onChange={(claimant) => setFilter({ claimant })} />
      <label>
        Source
        {/* A case has thousands of sources: their options are made when the list is about to open, not with
            the view (10,000 options cost the first paint a few hundred milliseconds). */}
        <select
          value={filters.sourceId ?? ''}
          onChange={(event) => setFilter({ sourceId: event.target.value })}
          onFocus={() => setSourcesListed(true)}
          onPointerDown={() => setSourcesListed(true)}
        >
          <option value="">Any source</option>
          {(sourcesListed ? sourceIds : filters.sourceId ? [filters.sourceId] : []).map((id) => (
            <option key={id} value={id}>
              {sourceTitles[id] ?? id}
            </option>
          ))}
        </select>
      </label>
      <span className="timeline-legend" aria-hidden="true">
        <span className="legend-exact">exact day</span>
        <span className="legend-uncertain">approximate or interval</span>
        <span className="legend-bucket">claims per period</span>
      </span>
    </div>
  );
});

/** The claimant filter applies when typing pauses, not on every key. */
function ClaimantFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChange(text), 300);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <label>
      Claimant
      <input
        type="search"
        value={text}
        placeholder="Any claimant"
        onChange={(event) => setText(event.target.value)}
      />
    </label>
  );
}

function describeContent(content: ReturnType<Stores['timeline']['getState']>['content'], loading: boolean) {
  if (!content) return loading ? 'Loading the timeline…' : 'Loading the timeline…';
  const span = `from ${content.window.from} to ${content.window.to}`;
  if (content.kind === 'items') {
    const count = content.items.length;
    return `${number.format(count)} ${count === 1 ? 'claim' : 'claims'} ${span}`;
  }
  return `${number.format(content.total)} claims ${span}, counted per ${content.unit}: zoom in to see each claim`;
}
