// The import's progress bar and what became of each file: imported (and any near-copies of it already in the case),
// already in the case, or refused and why.
import { useStore } from 'zustand';
import { useStores } from '../../stores/StoresProvider.tsx';
import type { ImportOutcome } from '../../stores/importsStore.ts';
import { NearCopies } from './NearCopies.tsx';

const describe = (outcome: ImportOutcome): string => {
  switch (outcome.outcome) {
    case 'imported':
      return `imported as “${outcome.title}”`;
    case 'duplicate':
      return `already in the case as “${outcome.title}”`;
    case 'refused':
      return `refused: ${outcome.reason}`;
  }
};

export function ImportPanel() {
  const store = useStores().imports;
  const running = useStore(store, (state) => state.running);
  const done = useStore(store, (state) => state.done);
  const total = useStore(store, (state) => state.total);
  const outcomes = useStore(store, (state) => state.outcomes);
  const openSource = useStores().view.getState().openSource;
  if (!running && outcomes.length === 0) return null;
  const counts = {
    imported: outcomes.filter((o) => o.outcome === 'imported').length,
    duplicate: outcomes.filter((o) => o.outcome === 'duplicate').length,
    refused: outcomes.filter((o) => o.outcome === 'refused').length,
  };
  return (
    <section className="import-panel" aria-label="Import">
      <div className="import-status">
        <progress aria-label="Import progress" max={Math.max(total, 1)} value={done} />
        <span aria-live="polite">
          {running
            ? `Importing ${done} of ${total} file${total === 1 ? '' : 's'}…`
            : `${counts.imported} imported, ${counts.duplicate} already in the case, ${counts.refused} refused.`}
        </span>
        {!running && (
          <button type="button" onClick={() => store.getState().clear()}>
            Clear
          </button>
        )}
      </div>
      {outcomes.length > 0 && (
        <ul className="import-results" aria-label="Import results">
          {outcomes.map((outcome, index) => (
            <li key={`${index}-${outcome.fileName}`} className={`outcome-${outcome.outcome}`}>
              <span className="file-name">{outcome.fileName}</span> <span>{describe(outcome)}</span>
              {outcome.outcome !== 'refused' && (
                <button
                  type="button"
                  className="link"
                  onClick={() => openSource(outcome.sourceId)}
                  aria-label={`Open ${outcome.fileName} in the Reader`}
                >
                  Open
                </button>
              )}
              {outcome.outcome === 'imported' && outcome.repeats.length > 0 && (
                <NearCopies
                  fileName={outcome.fileName}
                  sourceId={outcome.sourceId}
                  copies={outcome.repeats}
                  marked={outcome.marked}
                  onMark={(repeatsId) => store.getState().markRepeat(outcome.sourceId, repeatsId)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
