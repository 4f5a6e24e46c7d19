// The review queue: claims in the order a reviewer takes them (broken, stale, unreviewed, reviewed), the claim
// under review with its earlier verdicts, and giving a verdict, which moves on to the next claim.
import { createStore } from 'zustand/vanilla';
import type { Review, ReviewQueue, ReviewQueueItem, Verdict } from '../../electron/contract/index.ts';
import type { ApiClient } from '../api/client.ts';
import { latest } from './latest.ts';
import type { Report } from './noticesStore.ts';

export interface ReviewState {
  items: ReviewQueueItem[];
  progress: ReviewQueue['progress'];
  loaded: boolean;
  /** The claim under review; null when the queue is empty. */
  currentId: string | null;
  /** The current claim's verdicts, oldest first. */
  history: Review[];
  /** Reloads the queue, staying on the current claim while it is in it. */
  load(): Promise<void>;
  /** Moves through the queue: 1 skips to the next claim, -1 goes back to the previous one. */
  go(step: 1 | -1): void;
  show(claimId: string): void;
  /** Stores a verdict on the current claim and moves to the next; false when it was refused (reported). */
  submit(verdict: Verdict, comment?: string): Promise<boolean>;
}

export function createReviewStore(client: ApiClient, report: Report) {
  const queueRequest = latest();
  const historyRequest = latest();
  return createStore<ReviewState>()((set, get) => {
    async function loadHistory(claimId: string | null): Promise<void> {
      const isCurrent = historyRequest();
      if (!claimId) return set({ history: [] });
      try {
        const history = await client.call('review.list', { claimId });
        if (isCurrent() && get().currentId === claimId) set({ history });
      } catch (error) {
        if (isCurrent()) report(error);
      }
    }

    /** Stays on the claim current when the answer comes (the reviewer may have moved on meanwhile). */
    async function loadQueue(): Promise<void> {
      const isCurrent = queueRequest();
      try {
        const queue = await client.call('review.queue', {});
        if (!isCurrent()) return;
        const has = (id: string | null) => id !== null && queue.items.some((item) => item.claim.id === id);
        const prefer = get().currentId;
        const currentId = has(prefer) ? prefer : (queue.items[0]?.claim.id ?? null);
        const changed = currentId !== get().currentId;
        set({ items: queue.items, progress: queue.progress, loaded: true, currentId });
        if (changed) set({ history: [] });
        await loadHistory(currentId);
      } catch (error) {
        if (isCurrent()) report(error);
      }
    }

    const indexOf = (claimId: string | null) => get().items.findIndex((item) => item.claim.id === claimId);

    return {
      items: [],
      progress: { total: 0, reviewed: 0, stale: 0, broken: 0 },
      loaded: false,
      currentId: null,
      history: [],
      load: () => loadQueue(),
      go(step) {
        const { items, currentId } = get();
        const next = items[indexOf(currentId) + step];
        if (next) get().show(next.claim.id);
      },
      show(claimId) {
        if (claimId === get().currentId) return;
        set({ currentId: claimId, history: [] });
        void loadHistory(claimId);
      },
      async submit(verdict, comment) {
        const { items, currentId } = get();
        if (!currentId) return false;
        const trimmed = comment?.trim();
        try {
          await client.call('review.add', {
            claimId: currentId,
            verdict,
            ...(trimmed ? { comment: trimmed } : {}),
          });
        } catch (error) {
          report(error);
          return false;
        }
        // The next claim is the one after this in the queue as it was: the reviewed claim moves down it.
        // Shown at once: a reload that `case.changed` starts meanwhile then stays on it too.
        const next = items[indexOf(currentId) + 1]?.claim.id ?? currentId;
        if (next !== currentId) set({ currentId: next, history: [] });
        await loadQueue();
        return true;
      },
    };
  });
}
