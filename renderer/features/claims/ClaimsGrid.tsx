// The claims grid: every claim matching the filter in a virtual scroller; only the rows in view exist in the DOM,
// and their pages load as they scroll in. Click, Shift-click, Ctrl-click and the keyboard select rows.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useStore } from 'zustand';
import type { Claim, Tag } from '../../../electron/contract/index.ts';
import { describeEdtf } from '../../lib/describeEdtf.ts';
import { PAGE_SIZE } from '../../stores/claimsTableStore.ts';
import { useStores } from '../../stores/StoresProvider.tsx';
import { shorten } from './claimsTable.ts';

/** Every row is one line high, so positions are known without measuring. */
const ROW_HEIGHT = 36;
/** Rows rendered beyond the visible ones, so a short scroll shows rows at once. */
const OVERSCAN = 12;

const COLUMNS = ['Statement', 'Quote', 'Claimant', 'Date', 'Status', 'Tags', 'Source'] as const;

export const rowId = (index: number) => `claims-row-${index}`;

export function ClaimsGrid({ onOpen }: { onOpen: (claim: Claim) => void }) {
  const stores = useStores();
  const table = stores.claimsTable;
  const total = useStore(table, (state) => state.total);
  const pages = useStore(table, (state) => state.pages);
  const byId = useStore(table, (state) => state.byId);
  const selected = useStore(table, (state) => state.selected);
  const active = useStore(table, (state) => state.active);
  const version = useStore(table, (state) => state.version);
  const sources = useStore(stores.sources, (state) => state.byId);
  const tags = useStore(stores.tags, (state) => state.byPath);
  const scroller = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const count = total ?? 0;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= 0) void table.getState().ensureRows(first, last);
  }, [table, first, last, version]);

  const claimAt = (index: number): Claim | undefined => {
    const id = pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
    return id ? byId[id] : undefined;
  };

  const moveTo = (index: number, event: KeyboardEvent) => {
    const target = Math.max(0, Math.min(count - 1, index));
    virtualizer.scrollToIndex(target, { align: 'auto' });
    if (event.ctrlKey || event.metaKey) table.getState().setActive(target);
    else void table.getState().click(target, { shift: event.shiftKey });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (count === 0) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 360) / ROW_HEIGHT) - 1);
    switch (event.key) {
      case 'ArrowDown':
        moveTo(active + 1, event);
        break;
      case 'ArrowUp':
        moveTo(active - 1, event);
        break;
      case 'PageDown':
        moveTo(active + page, event);
        break;
      case 'PageUp':
        moveTo(active - page, event);
        break;
      case 'Home':
        moveTo(0, event);
        break;
      case 'End':
        moveTo(count - 1, event);
        break;
      case ' ':
        void table.getState().click(active, { toggle: true });
        break;
      case 'Enter': {
        const claim = claimAt(active);
        if (claim) onOpen(claim);
        break;
      }
      case 'Escape':
        table.getState().clearSelection();
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const onRowClick = (event: MouseEvent, index: number) => {
    // Shift-click selects text in most tables; here it selects rows.
    if (event.shiftKey) window.getSelection()?.removeAllRanges();
    void table.getState().click(index, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey });
    grid.current?.focus();
  };

  return (
    <div
      ref={grid}
      role="grid"
      className="claims-grid"
      aria-label="Claims"
      aria-rowcount={count + 1}
      aria-colcount={COLUMNS.length}
      aria-multiselectable="true"
      aria-activedescendant={
        count > 0 && items.some((item) => item.index === active) ? rowId(active) : undefined
      }
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="claims-grid-head">
        <div role="row" aria-rowindex={1} className="claims-grid-row">
          {COLUMNS.map((label, column) => (
            <div key={label} role="columnheader" aria-colindex={column + 1}>
              {label}
            </div>
          ))}
        </div>
      </div>
      <div ref={scroller} className="claims-grid-scroller" role="presentation">
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const claim = claimAt(item.index);
            const isSelected = claim ? selected.has(claim.id) : false;
            return (
              <div
                key={item.key}
                id={rowId(item.index)}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                className={`claims-grid-row${isSelected ? ' selected' : ''}${item.index === active ? ' active' : ''}`}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={(event) => onRowClick(event, item.index)}
                onDoubleClick={() => claim && onOpen(claim)}
              >
                {claim ? (
                  <ClaimCells claim={claim} sourceTitle={sources[claim.sourceId]?.title ?? ''} tags={tags} />
                ) : (
                  <div role="gridcell" aria-colindex={1} className="loading-cell">
                    Loading…
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function ClaimCells({
  claim,
  sourceTitle,
  tags,
}: {
  claim: Claim;
  sourceTitle: string;
  tags: Record<string, Tag>;
}) {
  const readable = claim.date ? (describeEdtf(claim.date) ?? claim.date) : undefined;
  return (
    <>
      <div role="gridcell" aria-colindex={1} title={claim.statement}>
        {shorten(claim.statement, 160)}
      </div>
      <div role="gridcell" aria-colindex={2} className="claims-quote" title={claim.quote}>
        “{shorten(claim.quote, 90)}”
      </div>
      <div role="gridcell" aria-colindex={3}>
        {claim.claimant ?? ''}
      </div>
      <div role="gridcell" aria-colindex={4} title={readable}>
        {claim.date ?? ''}
      </div>
      <div role="gridcell" aria-colindex={5} className={`status status-${claim.status}`}>
        {claim.status}
      </div>
      <div role="gridcell" aria-colindex={6} title={claim.tags.join(', ')}>
        {claim.tags.map((path) => {
          const color = tags[path]?.color;
          return (
            <span key={path} className="chip" style={color ? { borderColor: color } : undefined}>
              {path}
            </span>
          );
        })}
      </div>
      <div role="gridcell" aria-colindex={7} title={sourceTitle}>
        {sourceTitle}
      </div>
    </>
  );
}
