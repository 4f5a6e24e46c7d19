// The top bar: which case is open and who is working on it, with Undo and Redo for the whole case.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../stores/StoresProvider.tsx';

export function TopBar() {
  const stores = useStores();
  const info = useStore(stores.case, (state) => state.info);
  const history = useStore(stores.case, (state) => state.history);
  const closedBecause = useStore(stores.case, (state) => state.closedBecause);
  const { undo, redo } = stores.case.getState();
  // The window's title names the case, for the task bar and the window switcher.
  useEffect(() => {
    document.title = info ? `${info.title} — Attest` : 'Attest';
  }, [info]);
  return (
    <header className="top-bar">
      <div className="case-title">
        <span className="app-name" aria-hidden="true">
          Attest
        </span>
        <h1>{info?.title ?? (closedBecause ? 'No case open' : 'Opening case…')}</h1>
        {info && <span className="case-file">{info.fileName}</span>}
        {info?.checking && (
          <span className="case-status" role="status">
            Checking the file…
          </span>
        )}
      </div>
      <div className="top-actions">
        <button
          type="button"
          onClick={() => void undo()}
          disabled={!history.undo}
          title={history.undo ? `Undo “${history.undo}” (Ctrl+Z)` : 'Nothing to undo'}
        >
          Undo
        </button>
        <button
          type="button"
          onClick={() => void redo()}
          disabled={!history.redo}
          title={history.redo ? `Redo “${history.redo}” (Ctrl+Shift+Z)` : 'Nothing to redo'}
        >
          Redo
        </button>
        {info && (
          <span className="analyst">
            <span className="label">Analyst</span> {info.analyst}
          </span>
        )}
      </div>
    </header>
  );
}
