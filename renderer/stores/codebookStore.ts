// The Codebook view's edits: add, recolor, rename, move, merge and delete tags. The tag list itself is the tags
// store's, refreshed through `case.changed` after each edit.
import { createStore } from 'zustand/vanilla';
import type { MethodInput, TagKind } from '../../electron/contract/index.ts';
import type { ApiClient } from '../api/client.ts';
import type { Report } from './noticesStore.ts';

export interface CodebookState {
  /** The tag whose row is expanded for editing; null when none is. */
  editing: string | null;
  setEditing(path: string | null): void;
  /** Each edit resolves true when the engine took it; a refusal is reported and resolves false. */
  add(path: string, kind: TagKind): Promise<boolean>;
  update(input: MethodInput<'tag.update'>): Promise<boolean>;
  rename(path: string, newPath: string): Promise<boolean>;
  merge(from: string, into: string): Promise<boolean>;
  remove(path: string): Promise<boolean>;
}

export function createCodebookStore(client: ApiClient, report: Report) {
  const attempt = async (work: () => Promise<unknown>): Promise<boolean> => {
    try {
      await work();
      return true;
    } catch (error) {
      report(error);
      return false;
    }
  };
  return createStore<CodebookState>()((set) => ({
    editing: null,
    setEditing: (path) => set({ editing: path }),
    add: (path, kind) => attempt(() => client.call('tag.add', { path: path.trim(), kind })),
    update: (input) => attempt(() => client.call('tag.update', input)),
    async rename(path, newPath) {
      const ok = await attempt(() => client.call('tag.rename', { path, newPath: newPath.trim() }));
      if (ok) set({ editing: null });
      return ok;
    },
    async merge(from, into) {
      const ok = await attempt(() => client.call('tag.merge', { from, into }));
      if (ok) set({ editing: null });
      return ok;
    },
    async remove(path) {
      const ok = await attempt(() => client.call('tag.delete', { path }));
      if (ok) set({ editing: null });
      return ok;
    },
  }));
}
