// The Claims view: every claim of the case in one virtual table, its filters, and bulk tagging and status.
import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import type { Claim, ClaimStatus } from '../../../electron/contract/index.ts';
import { useStores } from '../../stores/StoresProvider.tsx';
import { ClaimsGrid } from './ClaimsGrid.tsx';
import { CLAIM_STATUSES, isFiltered } from './claimsTable.ts';
import { ClaimsFilters } from './ClaimsFilters.tsx';

export function ClaimsView() {
  const stores = useStores();
  const table = stores.claimsTable;
  const total = useStore(table, (state) => state.total);
  const filter = useStore(table, (state) => state.filter);
  const selectedCount = useStore(table, (state) => state.selected.size);
  const busy = useStore(table, (state) => state.busy);
  const activeClaim = useStore(table, (state) => state.claimAt(state.active));
  const tagPaths = useStore(stores.tags, (state) => state.byPath);
  const [tagToAdd, setTagToAdd] = useState('');
  const [status, setStatus] = useState<ClaimStatus>('verified');
  const [outcome, setOutcome] = useState('');
  const tagListId = useId();

  // The first visit counts the claims; later ones keep the filter and the selection held by the table's store.
  useEffect(() => {
    void table.getState().start();
  }, [table]);

  const open = (claim: Claim) => {
    stores.view.getState().openSource(claim.sourceId);
    stores.view.getState().selectClaim(claim.id, { flash: true });
  };

  const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

  return (
    <section className="claims-view" aria-labelledby="claims-heading">
      <div className="view-header">
        <div>
          <h2 id="claims-heading">Claims</h2>
          <p className="hint" aria-live="polite">
            {total === null
              ? 'Counting…'
              : `${plural(total, 'claim')}${isFiltered(filter) ? ' match the filters' : ' in this case'}${
                  filter.text.trim() && total >= 500 ? ' (the 500 best text matches)' : ''
                }`}
          </p>
        </div>
      </div>
      <ClaimsFilters />
      <div className="claims-bulk" role="toolbar" aria-label="Selected claims">
        <span aria-live="polite">
          {selectedCount === 0 ? 'No claims selected' : `${plural(selectedCount, 'claim')} selected`}
        </span>
        <form
          className="toolbar"
          onSubmit={(event) => {
            event.preventDefault();
            const path = tagToAdd.trim();
            void table
              .getState()
              .tagSelected(path)
              .then((n) => setOutcome(n ? `Tagged ${plural(n, 'claim')} “${path}”.` : ''));
          }}
        >
          <input
            className="claims-tag-input"
            aria-label="Tag to add to selected claims"
            placeholder="Tag, like Actors/M23"
            list={tagListId}
            value={tagToAdd}
            onChange={(event) => setTagToAdd(event.target.value)}
          />
          <datalist id={tagListId}>
            {Object.keys(tagPaths).map((path) => (
              <option key={path} value={path} />
            ))}
          </datalist>
          <button type="submit" disabled={busy || selectedCount === 0 || !tagToAdd.trim()}>
            Add tag
          </button>
        </form>
        <div className="toolbar">
          <select
            aria-label="Status for selected claims"
            value={status}
            onChange={(event) => setStatus(event.target.value as ClaimStatus)}
          >
            {CLAIM_STATUSES.map((each) => (
              <option key={each} value={each}>
                {each}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={busy || selectedCount === 0}
            onClick={() =>
              void table
                .getState()
                .setStatusOfSelected(status)
                .then((n) => setOutcome(n ? `Set ${plural(n, 'claim')} to ${status}.` : ''))
            }
          >
            Set status
          </button>
        </div>
        <button
          type="button"
          disabled={selectedCount === 0}
          onClick={() => table.getState().clearSelection()}
        >
          Clear selection
        </button>
        <button
          type="button"
          className="primary"
          disabled={!activeClaim}
          onClick={() => activeClaim && open(activeClaim)}
        >
          Open in reader
        </button>
        <span className="hint" role="status">
          {outcome}
        </span>
      </div>
      <ClaimsGrid onOpen={open} />
      {total === 0 && (
        <p className="empty">
          {isFiltered(filter)
            ? 'No claim matches these filters.'
            : 'No claims yet. Open a source in the Reader, select words and make a claim.'}
        </p>
      )}
    </section>
  );
}
