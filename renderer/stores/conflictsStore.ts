// Merging another case and what it left: the last merge's summary and the open conflicts, and settling one.
import { createStore } from 'zustand/vanilla';
import { MAX_MERGE_BYTES, type Conflict, type MergeSummary } from '../../electron/contract/index.ts';
import type { ApiClient } from '../api/client.ts';
import { bytesToBase64 } from '../lib/importFiles.ts';
import { latest } from './latest.ts';
import type { Report } from './noticesStore.ts';

export interface ConflictsState {
  conflicts: Conflict[];
  loaded: boolean;
  merging: boolean;
  /** The last merge in this window (or from the desktop menu), for the summary table. */
  summary: MergeSummary | null;
  load(): Promise<void>;
  /** Merges a case file or JSON export the analyst picked; false when it was refused (reported). */
  merge(file: { name: string; size: number; bytes(): Promise<Uint8Array> }): Promise<boolean>;
  merged(summary: MergeSummary): void;
  settle(conflict: Conflict, value: unknown): Promise<boolean>;
}

export function createConflictsStore(client: ApiClient, report: Report) {
  const request = latest();
  return createStore<ConflictsState>()((set, get) => ({
    conflicts: [],
    loaded: false,
    merging: false,
    summary: null,
    async load() {
      const isCurrent = request();
      try {
        const conflicts = await client.call('conflict.list', {});
        if (isCurrent()) set({ conflicts, loaded: true });
      } catch (error) {
        if (isCurrent()) report(error);
      }
    },
    async merge(file) {
      if (file.size > MAX_MERGE_BYTES) {
        report(
          new Error(
            `${file.name} is larger than ${MAX_MERGE_BYTES / 1024 / 1024} MiB: merge it from the desktop app's File menu or with \`attest merge\`.`,
          ),
        );
        return false;
      }
      set({ merging: true });
      try {
        const dataBase64 = bytesToBase64(await file.bytes());
        const summary = await client.call('case.merge', { fileName: file.name, dataBase64 });
        set({ summary });
        await get().load();
        return true;
      } catch (error) {
        report(error);
        return false;
      } finally {
        set({ merging: false });
      }
    },
    merged(summary) {
      set({ summary });
      void get().load();
    },
    async settle(conflict, value) {
      try {
        await client.call('conflict.settle', {
          entityId: conflict.entityId,
          field: conflict.field,
          baseHlc: conflict.baseHlc,
          value: value as never,
        });
        await get().load();
        return true;
      } catch (error) {
        report(error);
        return false;
      }
    },
  }));
}
