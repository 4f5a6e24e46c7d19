// The left navigation: only the views that exist (Library, Reader); the others join when they are built.
import { useStore } from 'zustand';
import { useStores } from '../stores/StoresProvider.tsx';
import type { ViewName } from '../stores/viewStore.ts';

const VIEWS: { name: ViewName; label: string; hint: string }[] = [
  { name: 'library', label: 'Library', hint: 'Sources in this case' },
  { name: 'reader', label: 'Reader', hint: 'Read a source and make claims' },
];

export function Nav({ onNavigate }: { onNavigate: () => void }) {
  const stores = useStores();
  const current = useStore(stores.view, (state) => state.view);
  return (
    <nav className="nav" aria-label="Views">
      <ul>
        {VIEWS.map((view) => (
          <li key={view.name}>
            <button
              type="button"
              aria-current={current === view.name ? 'page' : undefined}
              title={view.hint}
              onClick={() => {
                stores.view.getState().show(view.name);
                onNavigate();
              }}
            >
              {view.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
