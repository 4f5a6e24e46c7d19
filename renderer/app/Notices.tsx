// The alert region: errors from the engine or the UI, shown until dismissed, never swallowed.
import { useStore } from 'zustand';
import { useStores } from '../stores/StoresProvider.tsx';

export function Notices() {
  const store = useStores().notices;
  const notices = useStore(store, (state) => state.notices);
  // The region is always in the page, so screen readers pick up a message as it is added. Polite: it waits for
  // the analyst to finish what they are doing rather than cutting them off mid-sentence.
  return (
    <div className="notices" role="alert" aria-live="polite">
      {notices.map((notice) => (
        <p key={notice.id} className="notice">
          <span>{notice.text}</span>
          <button
            type="button"
            onClick={() => store.getState().dismiss(notice.id)}
            aria-label="Dismiss message"
          >
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
