// Claim suggestions of the source open in the reader: loaded on demand, dismissed for good (suggestion.dismiss).
import { createStore } from 'zustand/vanilla';
import type { Suggestion } from '../../electron/contract/index.ts';
import type { ApiClient } from '../api/client.ts';
import { latest } from './latest.ts';
import type { Report } from './noticesStore.ts';

export interface SuggestionsState {
  /** The source whose suggestions are held, and them (null until loaded). */
  sourceId: string | null;
  suggestions: Suggestion[] | null;
  load(sourceId: string): Promise<void>;
  /** Reloads when the held source is the one given (a claim made or undone changes what is claimed). */
  refresh(sourceId: string | null): Promise<void>;
  /** Removes the suggestion at once and keeps it dismissed; false when the engine refused (reported). */
  dismiss(sourceId: string, start: number, end: number): Promise<boolean>;
}

export function createSuggestionsStore(client: ApiClient, report: Report) {
  const request = latest();
  return createStore<SuggestionsState>()((set, get) => ({
    sourceId: null,
    suggestions: null,
    async load(sourceId) {
      const isCurrent = request();
      if (get().sourceId !== sourceId) set({ sourceId, suggestions: null });
      try {
        const suggestions = await client.call('suggestion.list', { sourceId });
        if (isCurrent()) set({ sourceId, suggestions });
      } catch (error) {
        if (isCurrent()) report(error);
      }
    },
    async refresh(sourceId) {
      if (sourceId !== null && get().sourceId === sourceId && get().suggestions !== null)
        await get().load(sourceId);
    },
    async dismiss(sourceId, start, end) {
      const before = get().suggestions;
      if (get().sourceId === sourceId && before) {
        set({ suggestions: before.filter((s) => s.start !== start || s.end !== end) });
      }
      try {
        await client.call('suggestion.dismiss', { sourceId, start, end });
        return true;
      } catch (error) {
        if (get().sourceId === sourceId) set({ suggestions: before });
        report(error);
        return false;
      }
    },
  }));
}
