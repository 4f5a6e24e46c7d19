// The open case: its title and counts, the analyst, whether its file is still being checked, and what Undo and Redo
// would do; or why it was closed.
import { createStore } from 'zustand/vanilla';
import type { CaseSummary, UndoState } from '../../electron/contract/index.ts';
import { ApiError, type ApiClient } from '../api/client.ts';
import { latest } from './latest.ts';
import type { Report } from './noticesStore.ts';

export interface CaseState {
  info: CaseSummary | null;
  history: UndoState;
  /** Why the case was closed after opening (its file was found damaged); null while a case is open. */
  closedBecause: string | null;
  load(): Promise<void>;
  /** The desktop closed the case: nothing of it is shown any more. */
  closed(problem: string): void;
  /** Another case was opened. */
  opened(): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

/** While the file is being checked, how often to ask again: its verdict event may come before this page listens. */
const CHECKING_POLL_MS = 1000;

export function createCaseStore(client: ApiClient, report: Report) {
  const infoRequest = latest();
  const historyRequest = latest();
  let poll: ReturnType<typeof setTimeout> | undefined;
  return createStore<CaseState>()((set, get) => ({
    info: null,
    history: { undo: null, redo: null },
    closedBecause: null,
    closed(problem) {
      clearTimeout(poll);
      infoRequest();
      historyRequest();
      set({ info: null, history: { undo: null, redo: null }, closedBecause: problem });
    },
    opened() {
      set({ closedBecause: null });
    },
    async load() {
      clearTimeout(poll);
      const isCurrentInfo = infoRequest();
      const isCurrentHistory = historyRequest();
      try {
        const [info, history] = await Promise.all([
          client.call('case.info', {}),
          client.call('history.state', {}),
        ]);
        if (isCurrentInfo()) {
          set({ info });
          if (info.checking) poll = setTimeout(() => void get().load(), CHECKING_POLL_MS);
        }
        if (isCurrentHistory()) set({ history });
      } catch (error) {
        // Browser mode refuses every call with 'corrupt' once the case's deferred check found it damaged: a page
        // loaded after that says so as one that saw it happen does.
        if (error instanceof ApiError && error.code === 'corrupt' && isCurrentInfo()) {
          set({ info: null, history: { undo: null, redo: null }, closedBecause: error.message });
        } else report(error);
      }
    },
    // The views refresh through `case.changed`; the undo state is set at once so the buttons never lag.
    async undo() {
      const isCurrent = historyRequest();
      try {
        const { undo, redo } = await client.call('history.undo', {});
        if (isCurrent()) set({ history: { undo, redo } });
      } catch (error) {
        report(error);
      }
    },
    async redo() {
      const isCurrent = historyRequest();
      try {
        const { undo, redo } = await client.call('history.redo', {});
        if (isCurrent()) set({ history: { undo, redo } });
      } catch (error) {
        report(error);
      }
    },
  }));
}
