// The codebook as the views need it now: tags by path, for highlight colors.
import { createStore } from 'zustand/vanilla';
import type { Tag } from '../../electron/contract/index.ts';
import type { ApiClient } from '../api/client.ts';
import { latest } from './latest.ts';
import type { Report } from './noticesStore.ts';

export interface TagsState {
  byPath: Record<string, Tag>;
  load(): Promise<void>;
}

export function createTagsStore(client: ApiClient, report: Report) {
  const request = latest();
  return createStore<TagsState>()((set) => ({
    byPath: {},
    async load() {
      const isCurrent = request();
      try {
        const tags = await client.call('tag.list', {});
        if (isCurrent()) set({ byPath: Object.fromEntries(tags.map((tag) => [tag.path, tag])) });
      } catch (error) {
        report(error);
      }
    },
  }));
}
