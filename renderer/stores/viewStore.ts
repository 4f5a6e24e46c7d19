// Where the analyst is: the view shown, the source open in the reader, the claim selected and the one flashing.
import { createStore } from 'zustand/vanilla';
import type { ViewName } from '../../electron/contract/index.ts';

/** Every view the app has a name for; renderer/app/views.tsx lists those that are built. */
export type { ViewName };

export interface ViewState {
  view: ViewName;
  sourceId: string | null;
  selectedClaimId: string | null;
  /** The claim whose words flash; `nonce` restarts the flash when the same claim is chosen again. */
  flash: { claimId: string; nonce: number } | null;
  show(view: ViewName): void;
  openSource(sourceId: string): void;
  selectClaim(claimId: string | null, options?: { flash?: boolean }): void;
}

export function createViewStore() {
  let nonce = 0;
  return createStore<ViewState>()((set, get) => ({
    view: 'library',
    sourceId: null,
    selectedClaimId: null,
    flash: null,
    show: (view) => set({ view }),
    openSource(sourceId) {
      const same = get().sourceId === sourceId;
      set({
        view: 'reader',
        sourceId,
        selectedClaimId: same ? get().selectedClaimId : null,
        flash: same ? get().flash : null,
      });
    },
    selectClaim(claimId, options) {
      set({
        selectedClaimId: claimId,
        flash: claimId && options?.flash ? { claimId, nonce: ++nonce } : get().flash,
      });
    },
  }));
}
