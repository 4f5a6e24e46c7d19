// The app shell: top bar, navigation, the alert region and the current view; the case-wide keyboard shortcuts.
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../stores/StoresProvider.tsx';
import { isEditable, isTyping } from './keyboard.ts';
import { Nav } from './Nav.tsx';
import { Notices } from './Notices.tsx';
import { TopBar } from './TopBar.tsx';
import { viewEntry, VIEWS } from './views.tsx';

export function App() {
  const stores = useStores();
  const view = useStore(stores.view, (state) => state.view);
  const closedBecause = useStore(stores.case, (state) => state.closedBecause);
  const main = useRef<HTMLElement>(null);
  const Current = (viewEntry(view) ?? VIEWS[0]!).component;

  // Undo and Redo act on the case from anywhere, except inside a text field, where they edit the text.
  // In the desktop app the Edit menu owns these keys (and sends menu.command below), so one press is one undo.
  useEffect(() => {
    if ('attest' in window) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event) || !(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        void stores.case.getState().undo();
      } else if ((key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey)) {
        event.preventDefault();
        void stores.case.getState().redo();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [stores]);

  // The desktop menu's commands. Undo and Redo come here (not straight to the case) so that, in a text field,
  // they undo typing; a view that is not built is ignored.
  useEffect(
    () =>
      stores.on('menu.command', (command) => {
        const editing = document.activeElement instanceof HTMLElement && isEditable(document.activeElement);
        if (command.command === 'undo' || command.command === 'redo') {
          if (editing) document.execCommand(command.command);
          else void stores.case.getState()[command.command]();
        } else if (command.command === 'view') {
          const entry = viewEntry(command.view);
          if (entry) stores.view.getState().show(entry.name);
        } else if (command.command === 'find') {
          stores.view.getState().show('library');
          requestAnimationFrame(() =>
            document.querySelector<HTMLInputElement>('input[type="search"]')?.focus(),
          );
        }
      }),
    [stores],
  );

  // A file dropped outside the library's drop zone must not make the window navigate to it.
  useEffect(() => {
    const stop = (event: DragEvent) => event.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={() => main.current?.focus()}>
        Skip to content
      </a>
      <TopBar />
      <Nav onNavigate={() => main.current?.focus()} />
      <main id="main" ref={main} tabIndex={-1} className="view">
        <Notices />
        {closedBecause ? (
          // The case was closed after opening, its file found damaged: none of it is shown any more.
          <section className="closed-case" aria-label="Case closed">
            <h2>The case was closed</h2>
            <p>{closedBecause}</p>
            <p>
              {'attest' in window
                ? 'Open another case from the File menu.'
                : 'Serve another case file to go on working.'}
            </p>
          </section>
        ) : (
          <Current />
        )}
      </main>
    </div>
  );
}
