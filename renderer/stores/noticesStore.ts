// Messages for the analyst: every error a store catches lands here and is shown in the app's alert region.
import { createStore } from 'zustand/vanilla';
import { ApiError, errorMessage } from '../api/client.ts';

export interface Notice {
  id: number;
  text: string;
}

export interface NoticesState {
  notices: Notice[];
  /** Shows an error; never throws, so a store can report and carry on. */
  report(error: unknown): void;
  dismiss(id: number): void;
}

export type Report = (error: unknown) => void;

/** The three newest: older ones scroll away rather than pile up. */
const KEEP = 3;

export function createNoticesStore() {
  let nextId = 1;
  return createStore<NoticesState>()((set) => ({
    notices: [],
    report(error) {
      const text = errorMessage(error);
      // Outside the UI's own errors, keep the details where a developer can find them.
      if (!(error instanceof ApiError)) console.error(error);
      set((state) => ({ notices: [...state.notices, { id: nextId++, text }].slice(-KEEP) }));
    },
    dismiss(id) {
      set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
    },
  }));
}
