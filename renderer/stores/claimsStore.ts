// Claims by id, and which claims each loaded source has, for the reader; creating, editing and deleting them.
import { createStore } from 'zustand/vanilla';
import type { Claim, MethodInput } from '../../electron/contract/index.ts';
import type { ApiClient } from '../api/client.ts';
import { latest } from './latest.ts';
import type { Report } from './noticesStore.ts';

export interface ClaimsState {
  byId: Record<string, Claim>;
  /** Claim ids per source, in text order; a source is absent until its claims are loaded. */
  idsBySource: Record<string, string[]>;
  loadForSource(sourceId: string): Promise<void>;
  /** Reloads the given source's claims and forgets the others', which reload when next opened. */
  refresh(keepSourceId: string | null): Promise<void>;
  /** The new claim, or null when it was refused (the reason is reported). */
  create(input: MethodInput<'claim.create'>): Promise<Claim | null>;
  /** The edited claim, or null when the edit was refused (the reason is reported). */
  update(input: MethodInput<'claim.update'>): Promise<Claim | null>;
  remove(id: string): Promise<boolean>;
}

const byPosition = (a: Claim, b: Claim) =>
  a.start - b.start || b.end - a.end || a.createdAt.localeCompare(b.createdAt);

export function createClaimsStore(client: ApiClient, report: Report) {
  const requests = new Map<string, () => () => boolean>();
  const requestFor = (sourceId: string) => {
    let next = requests.get(sourceId);
    if (!next) requests.set(sourceId, (next = latest()));
    return next();
  };

  return createStore<ClaimsState>()((set, get) => {
    /** Replaces one source's claims, keeping every other source's. */
    function replaceSource(sourceId: string, claims: Claim[]): void {
      set((state) => {
        const byId = { ...state.byId };
        for (const id of state.idsBySource[sourceId] ?? []) delete byId[id];
        for (const claim of claims) byId[claim.id] = claim;
        return {
          byId,
          idsBySource: {
            ...state.idsBySource,
            [sourceId]: [...claims].sort(byPosition).map((claim) => claim.id),
          },
        };
      });
    }

    return {
      byId: {},
      idsBySource: {},
      async loadForSource(sourceId) {
        const isCurrent = requestFor(sourceId);
        try {
          const claims = await client.call('claim.list', { sourceId, limit: 100_000 });
          if (isCurrent()) replaceSource(sourceId, claims);
        } catch (error) {
          if (isCurrent()) report(error);
        }
      },
      async refresh(keepSourceId) {
        set((state) => {
          const keep = keepSourceId === null ? [] : (state.idsBySource[keepSourceId] ?? []);
          return {
            byId: Object.fromEntries(keep.flatMap((id) => (state.byId[id] ? [[id, state.byId[id]]] : []))),
            idsBySource:
              keepSourceId !== null && state.idsBySource[keepSourceId] ? { [keepSourceId]: keep } : {},
          };
        });
        if (keepSourceId !== null) await get().loadForSource(keepSourceId);
      },
      async create(input) {
        try {
          const claim = await client.call('claim.create', input);
          // Shown at once; the `case.changed` refresh that follows brings the same row.
          const ids = get().idsBySource[claim.sourceId];
          if (ids) replaceSource(claim.sourceId, [...ids.map((id) => get().byId[id]!), claim]);
          return claim;
        } catch (error) {
          report(error);
          return null;
        }
      },
      async update(input) {
        try {
          const claim = await client.call('claim.update', input);
          const ids = get().idsBySource[claim.sourceId];
          if (ids) {
            replaceSource(
              claim.sourceId,
              ids.map((id) => (id === claim.id ? claim : get().byId[id]!)),
            );
          }
          return claim;
        } catch (error) {
          report(error);
          return null;
        }
      },
      async remove(id) {
        try {
          await client.call('claim.delete', { id });
          set((state) => {
            const claim = state.byId[id];
            if (!claim) return state;
            const byId = { ...state.byId };
            delete byId[id];
            const ids = state.idsBySource[claim.sourceId] ?? [];
            return {
              byId,
              idsBySource: { ...state.idsBySource, [claim.sourceId]: ids.filter((each) => each !== id) },
            };
          });
          return true;
        } catch (error) {
          report(error);
          return false;
        }
      },
    };
  });
}
