// The library's filters: a codebook tag, an outlet, a publication window; applied by the engine through source.list.
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../stores/StoresProvider.tsx';
import { hasFilters, NO_FILTERS } from './sourceDetails.ts';

export function LibraryFilters() {
  const stores = useStores();
  const filters = useStore(stores.sources, (state) => state.filters);
  const outlets = useStore(stores.sources, (state) => state.outlets);
  const tagsByPath = useStore(stores.tags, (state) => state.byPath);
  const tagPaths = useMemo(() => Object.keys(tagsByPath).sort((a, b) => a.localeCompare(b)), [tagsByPath]);
  const setFilters = stores.sources.getState().setFilters;

  return (
    <div className="library-filters" role="group" aria-label="Filter sources">
      <label>
        Tag
        <select
          aria-label="Filter by tag"
          value={filters.tag}
          onChange={(event) => void setFilters({ tag: event.target.value })}
        >
          <option value="">Any tag</option>
          {/* A tag filtered on and since deleted stays choosable, so the select shows what is applied. */}
          {filters.tag && !tagPaths.includes(filters.tag) && (
            <option value={filters.tag}>{filters.tag}</option>
          )}
          {tagPaths.map((path) => (
            <option key={path} value={path}>
              {path}
            </option>
          ))}
        </select>
      </label>
      <label>
        Outlet
        <select
          aria-label="Filter by outlet"
          value={filters.outlet}
          onChange={(event) => void setFilters({ outlet: event.target.value })}
        >
          <option value="">Any outlet</option>
          {filters.outlet && !outlets.includes(filters.outlet) && (
            <option value={filters.outlet}>{filters.outlet}</option>
          )}
          {outlets.map((outlet) => (
            <option key={outlet} value={outlet}>
              {outlet}
            </option>
          ))}
        </select>
      </label>
      <label>
        Published from
        <input
          type="date"
          aria-label="Published from"
          value={filters.from}
          max={filters.to || undefined}
          onChange={(event) => void setFilters({ from: event.target.value })}
        />
      </label>
      <label>
        to
        <input
          type="date"
          aria-label="Published to"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(event) => void setFilters({ to: event.target.value })}
        />
      </label>
      <button type="button" disabled={!hasFilters(filters)} onClick={() => void setFilters(NO_FILTERS)}>
        Clear filters
      </button>
    </div>
  );
}
