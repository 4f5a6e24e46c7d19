// The Claims view's filters: text, tag (type-ahead from the codebook), status, claimant, source, date window.
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { ClaimStatus } from '../../../electron/contract/index.ts';
import { useStores } from '../../stores/StoresProvider.tsx';
import { CLAIM_STATUSES, EMPTY_FILTER, isFiltered, type ClaimsFilter } from './claimsTable.ts';

/** Typing pauses this long before a text or claimant filter runs. */
const TYPING_DELAY_MS = 200;

/** A text field that sends its value once typing pauses, and follows the filter when it changes elsewhere. */
const anyValue = () => true;

function useDraft(key: 'text' | 'claimant' | 'tag', accept: (value: string) => boolean = anyValue) {
  const stores = useStores();
  const stored = useStore(stores.claimsTable, (state) => state.filter[key]);
  const [draft, setDraft] = useState(stored);
  useEffect(() => setDraft(stored), [stored]);
  useEffect(() => {
    if (draft === stores.claimsTable.getState().filter[key] || !accept(draft)) return;
    const timer = setTimeout(
      () => void stores.claimsTable.getState().setFilter({ [key]: draft }),
      TYPING_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [draft, key, stores, accept]);
  return [draft, setDraft] as const;
}

export function ClaimsFilters() {
  const stores = useStores();
  const table = stores.claimsTable;
  const filter = useStore(table, (state) => state.filter);
  const tagsByPath = useStore(stores.tags, (state) => state.byPath);
  const sourcesById = useStore(stores.sources, (state) => state.byId);
  const sourceIds = useStore(stores.sources, (state) => state.ids);
  const tagListId = useId();
  const [text, setText] = useDraft('text');
  const [claimant, setClaimant] = useDraft('claimant');
  // A tag filters once it names a tag of the codebook (or is cleared): half-typed paths would find nothing.
  const isTagOrBlank = useCallback(
    (value: string) => value.trim() === '' || value.trim() in tagsByPath,
    [tagsByPath],
  );
  const [tag, setTag] = useDraft('tag', isTagOrBlank);
  const sources = useMemo(
    () =>
      sourceIds
        .flatMap((id) => (sourcesById[id] ? [sourcesById[id]] : []))
        .sort((a, b) => a.title.localeCompare(b.title)),
    [sourceIds, sourcesById],
  );

  const set = (patch: Partial<ClaimsFilter>) => void table.getState().setFilter(patch);
  const unknownTag = tag.trim() !== '' && !(tag.trim() in tagsByPath);

  return (
    <form className="claims-filters" aria-label="Filter claims" onSubmit={(event) => event.preventDefault()}>
      <label>
        Text
        <input
          type="search"
          placeholder="Statement or quote"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <label>
        Tag
        <input
          list={tagListId}
          placeholder="Any tag"
          value={tag}
          aria-invalid={unknownTag || undefined}
          onChange={(event) => setTag(event.target.value)}
        />
        <datalist id={tagListId}>
          {Object.keys(tagsByPath).map((path) => (
            <option key={path} value={path} />
          ))}
        </datalist>
      </label>
      <label>
        Status
        <select
          value={filter.status}
          onChange={(event) => set({ status: event.target.value as ClaimStatus | '' })}
        >
          <option value="">Any status</option>
          {CLAIM_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
      <label>
        Claimant
        <input placeholder="Anyone" value={claimant} onChange={(event) => setClaimant(event.target.value)} />
      </label>
      <label>
        Source
        <select value={filter.sourceId} onChange={(event) => set({ sourceId: event.target.value })}>
          <option value="">Any source</option>
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {source.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="date" value={filter.from} onChange={(event) => set({ from: event.target.value })} />
      </label>
      <label>
        To
        <input type="date" value={filter.to} onChange={(event) => set({ to: event.target.value })} />
      </label>
      <button type="button" disabled={!isFiltered(filter)} onClick={() => set(EMPTY_FILTER)}>
        Clear filters
      </button>
    </form>
  );
}
