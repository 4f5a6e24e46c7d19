// Importing files: reading them, sending them in batches, the progress bar and the per-file outcome.
import { createStore } from 'zustand/vanilla';
import type { NearCopy } from '../../electron/contract/index.ts';
import type { ApiClient } from '../api/client.ts';
import { batchFiles, bytesToBase64, refusalBeforeReading, type FileToImport } from '../lib/importFiles.ts';
import type { Report } from './noticesStore.ts';

/** A file as the import needs it: a DOM File adapted by the component, a plain object in tests. */
export interface PickedFile {
  name: string;
  size: number;
  bytes(): Promise<Uint8Array>;
}

export type ImportOutcome =
  | {
      fileName: string;
      outcome: 'imported';
      sourceId: string;
      title: string;
      /** Sources already in the case with nearly the same text: offered as "repeats". */
      repeats: NearCopy[];
      /** Of those, the ones the analyst has marked this source as repeating. */
      marked: string[];
    }
  | { fileName: string; outcome: 'duplicate'; sourceId: string; title: string }
  | { fileName: string; outcome: 'refused'; reason: string };

export interface ImportsState {
  running: boolean;
  /** Files sent and read by the engine so far, of `total`. */
  done: number;
  total: number;
  outcomes: ImportOutcome[];
  importFiles(files: readonly PickedFile[]): Promise<void>;
  /** Marks an imported source as a repeat of one of its near-copies. */
  markRepeat(sourceId: string, repeatsId: string): Promise<void>;
  /** The engine's `import.progressed` for the batch being sent. */
  progressed(progress: { done: number; total: number }): void;
  clear(): void;
}

export function createImportsStore(client: ApiClient, report: Report) {
  // Files finished in earlier batches: the engine counts each batch from zero.
  let finishedBefore = 0;
  return createStore<ImportsState>()((set, get) => ({
    running: false,
    done: 0,
    total: 0,
    outcomes: [],
    progressed({ done }) {
      if (get().running) set({ done: Math.min(get().total, finishedBefore + done) });
    },
    async markRepeat(sourceId, repeatsId) {
      try {
        const source = await client.call('source.markRepeat', { sourceId, repeatsId });
        set((state) => ({
          outcomes: state.outcomes.map((o) =>
            o.outcome === 'imported' && o.sourceId === sourceId ? { ...o, marked: source.repeats } : o,
          ),
        }));
      } catch (error) {
        report(error);
      }
    },
    clear() {
      if (!get().running) set({ outcomes: [], done: 0, total: 0 });
    },
    async importFiles(files) {
      if (get().running || files.length === 0) return;
      finishedBefore = 0;
      set({ running: true, done: 0, total: files.length, outcomes: [] });
      const outcomes: ImportOutcome[] = [];
      const ready: FileToImport[] = [];
      try {
        for (const file of files) {
          const reason = refusalBeforeReading(file);
          if (reason) outcomes.push({ fileName: file.name, outcome: 'refused', reason });
          else ready.push({ fileName: file.name, dataBase64: bytesToBase64(await file.bytes()) });
        }
        finishedBefore = outcomes.length;
        set({ done: finishedBefore, outcomes: [...outcomes] });
        for (const batch of batchFiles(ready)) {
          const results = await client.call('source.import', { files: batch });
          for (const result of results) {
            outcomes.push(
              !result.ok
                ? { fileName: result.fileName, outcome: 'refused', reason: result.error }
                : result.duplicate
                  ? {
                      fileName: result.fileName,
                      outcome: 'duplicate',
                      sourceId: result.id,
                      title: result.title,
                    }
                  : {
                      fileName: result.fileName,
                      outcome: 'imported',
                      sourceId: result.id,
                      title: result.title,
                      repeats: result.repeats,
                      marked: [],
                    },
            );
          }
          finishedBefore += batch.length;
          set({ done: finishedBefore, outcomes: [...outcomes] });
        }
      } catch (error) {
        report(error);
      } finally {
        set({ running: false, outcomes: [...outcomes] });
      }
    },
  }));
}
