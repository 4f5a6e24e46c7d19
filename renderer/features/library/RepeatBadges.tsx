// "Repeat of <title>" beside a source marked as a copy of another, with a way to take the mark back.
import { useStore } from 'zustand';
import type { SourceSummary } from '../../../electron/contract/index.ts';
import { useStores } from '../../stores/StoresProvider.tsx';

export function RepeatBadges({ source }: { source: SourceSummary }) {
  const stores = useStores();
  const byId = useStore(stores.sources, (state) => state.byId);
  if (source.repeats.length === 0) return null;
  return (
    <span className="repeat-badges">
      {source.repeats.map((id) => {
        // A marked source may since have been deleted; the mark stays (undo brings the source back).
        const title = byId[id]?.title ?? 'a deleted source';
        return (
          <span key={id} className="repeat-badge" title="Not independent corroboration: the same story">
            Repeat of “{title}”
            <button
              type="button"
              className="chip-remove"
              aria-label={`Unmark “${source.title}” as a repeat of “${title}”`}
              onClick={(event) => {
                event.stopPropagation();
                void stores.sources.getState().unmarkRepeat(source.id, id);
              }}
              onDoubleClick={(event) => event.stopPropagation()}
            >
              ×
            </button>
          </span>
        );
      })}
    </span>
  );
}
