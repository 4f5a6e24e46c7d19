// The left navigation: one button per view that exists (renderer/app/views.tsx).
import { useStore } from 'zustand';
import { useStores } from '../stores/StoresProvider.tsx';
import { VIEWS } from './views.tsx';

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
