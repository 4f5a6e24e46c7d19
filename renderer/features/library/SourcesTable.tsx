// The sources table: sortable columns (aria-sort), rows narrowed by search and filters, Enter or double-click to
// read, a button per row to edit the source's details. A long library renders only the rows in view.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { SourceSummary } from '../../../electron/contract/index.ts';
import { formatDay } from '../../lib/formatDate.ts';
import { sortSources, type SourceColumn } from '../../lib/sortSources.ts';
import { useStores } from '../../stores/StoresProvider.tsx';
import { RepeatBadges } from './RepeatBadges.tsx';
import { RELIABILITY } from './sourceDetails.ts';

const COLUMNS: { column: SourceColumn; label: string; className?: string }[] = [
  { column: 'title', label: 'Title', className: 'col-title' },
  { column: 'outlet', label: 'Outlet' },
  { column: 'publishedAt', label: 'Published' },
  { column: 'claimCount', label: 'Claims', className: 'number' },
  { column: 'tags', label: 'Tags' },
  { column: 'reliability', label: 'Reliability' },
];

/** Up to this many rows are all rendered; beyond, only those in view (10,000 rows took 250 ms to leave the DOM). */
const RENDER_ALL = 200;
const ROW_ESTIMATE = 40;

export function SourcesTable({ onEdit }: { onEdit(id: string): void }) {
  const stores = useStores();
  const byId = useStore(stores.sources, (state) => state.byId);
  const ids = useStore(stores.sources, (state) => state.ids);
  const matches = useStore(stores.sources, (state) => state.matches);
  const sort = useStore(stores.sources, (state) => state.sort);
  const loaded = useStore(stores.sources, (state) => state.loaded);
  const query = useStore(stores.sources, (state) => state.query);
  const filtered = useStore(stores.sources, (state) => state.filtered);
  const openSource = stores.view.getState().openSource;
  // Roving focus: one row is in the tab order; the arrow keys move between rows.
  const [activeId, setActiveId] = useState<string | null>(null);
  const body = useRef<HTMLTableSectionElement>(null);

  const rows = useMemo(() => {
    const passing = filtered ? new Set(filtered) : null;
    const visible = (matches ?? ids).flatMap((id) =>
      byId[id] && (!passing || passing.has(id)) ? [byId[id]] : [],
    );
    return sort ? sortSources(visible, sort) : visible;
  }, [byId, ids, matches, filtered, sort]);

  // The view (<main>) scrolls; the table starts below the header and filters, which the virtualizer must know.
  const virtual = rows.length > RENDER_ALL;
  const [scrollMargin, setScrollMargin] = useState(0);
  const scroller = () => body.current?.closest('main') ?? null;
  useLayoutEffect(() => {
    const main = scroller();
    if (!virtual || !main || !body.current) return;
    const measure = () =>
      setScrollMargin(
        body.current!.getBoundingClientRect().top - main.getBoundingClientRect().top + main.scrollTop,
      );
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(main.firstElementChild ?? main);
    return () => observer.disconnect();
  }, [virtual]);
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: scroller,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 15,
    scrollMargin,
  });
  const items = virtualizer.getVirtualItems();
  const shown = virtual ? items.map((item) => ({ source: rows[item.index]!, index: item.index })) : null;
  const padTop = virtual && items.length ? items[0]!.start - scrollMargin : 0;
  const padBottom =
    virtual && items.length ? virtualizer.getTotalSize() - (items.at(-1)!.end - scrollMargin) : 0;

  const focusRow = (index: number) => {
    const at = Math.max(0, Math.min(rows.length - 1, index));
    const row = rows[at];
    if (!row) return;
    setActiveId(row.id);
    const focus = () =>
      body.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(row.id)}"]`)?.focus();
    if (!virtual) return focus();
    // A row out of view is rendered once scrolled to: focus it on the next frame.
    virtualizer.scrollToIndex(at, { align: 'auto' });
    requestAnimationFrame(() => requestAnimationFrame(focus));
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, source: SourceSummary, index: number) => {
    // Keys on the row's own buttons are theirs: Enter on "Edit details" must not open the reader.
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter') openSource(source.id);
    else if (event.key === 'ArrowDown') focusRow(index + 1);
    else if (event.key === 'ArrowUp') focusRow(index - 1);
    else if (event.key === 'Home') focusRow(0);
    else if (event.key === 'End') focusRow(rows.length - 1);
    else return;
    event.preventDefault();
  };

  const tabbableId = rows.some((row) => row.id === activeId) ? activeId : (rows[0]?.id ?? null);

  return (
    <>
      <table className="sources">
        <caption className="visually-hidden">
          Sources{matches ? ` matching “${query}”` : ''}
          {filtered ? ', filtered' : ''}: press Enter on a row to open it in the Reader.
        </caption>
        <thead>
          <tr>
            {COLUMNS.map(({ column, label, className }) => {
              const direction = sort?.column === column ? sort.direction : undefined;
              return (
                <th key={column} scope="col" aria-sort={direction ?? 'none'} className={className}>
                  <button type="button" onClick={() => stores.sources.getState().sortBy(column)}>
                    {label}
                    <span className="sort-indicator" aria-hidden="true">
                      {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : ''}
                    </span>
                  </button>
                </th>
              );
            })}
            <th scope="col" className="col-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody ref={body}>
          {padTop > 0 && <tr aria-hidden="true" className="spacer" style={{ height: padTop }} />}
          {(shown ?? rows.map((source, index) => ({ source, index }))).map(({ source, index }) => (
            <tr
              key={source.id}
              data-id={source.id}
              data-index={index}
              ref={virtual ? virtualizer.measureElement : undefined}
              tabIndex={source.id === tabbableId ? 0 : -1}
              onFocus={() => setActiveId(source.id)}
              onDoubleClick={() => openSource(source.id)}
              onKeyDown={(event) => onRowKeyDown(event, source, index)}
            >
              <td className="col-title">
                {source.title}
                <RepeatBadges source={source} />
              </td>
              <td>{source.outlet ?? ''}</td>
              <td className="nowrap">
                {source.publishedAt ? (
                  <time dateTime={source.publishedAt}>{formatDay(source.publishedAt)}</time>
                ) : (
                  ''
                )}
              </td>
              <td className="number">{source.claimCount}</td>
              <td>
                {source.tags.map((tag) => (
                  <span key={tag} className="chip">
                    {tag}
                  </span>
                ))}
              </td>
              <td title={source.reliability ? RELIABILITY[source.reliability] : undefined}>
                {source.reliability ?? ''}
              </td>
              <td className="col-actions">
                <button
                  type="button"
                  className="link"
                  aria-label={`Edit details of “${source.title}”`}
                  onClick={() => onEdit(source.id)}
                  onDoubleClick={(event) => event.stopPropagation()}
                >
                  Edit details
                </button>
              </td>
            </tr>
          ))}
          {padBottom > 0 && <tr aria-hidden="true" className="spacer" style={{ height: padBottom }} />}
        </tbody>
      </table>
      {loaded && rows.length === 0 && (
        <p className="empty">
          {matches && filtered
            ? `No source matches “${query}” and the filters.`
            : matches
              ? `No source matches “${query}”.`
              : filtered
                ? 'No source matches the filters.'
                : 'No sources yet. Import news reports (text, Markdown, HTML, PDF or Word files) with “Import files…”, or drop them here.'}
        </p>
      )}
    </>
  );
}
