// Compare: two sources side by side, the claims of each, the claim chosen on each side, and the links between
// the two sources' claims; linking the chosen claims, and flashing both ends of a link.
import { createStore } from 'zustand/vanilla';
import type { Claim, Link, LinkRelation } from '../../electron/contract/index.ts';
import type { ApiClient } from '../api/client.ts';
import { latest } from './latest.ts';
import type { Report } from './noticesStore.ts';

export type Side = 'left' | 'right';

export interface Flash {
  claimId: string;
  nonce: number;
}

export interface CompareState {
  sourceIds: Record<Side, string | null>;
  /** Each side's claims in text order. */
  claims: Record<Side, Claim[]>;
  selected: Record<Side, string | null>;
  flash: Record<Side, Flash | null>;
  /** Links with one end on each side. */
  links: Link[];
  pick(side: Side, sourceId: string | null): Promise<void>;
  select(side: Side, claimId: string | null): void;
  /** Reloads both sides' claims and the links between them (after any change to the case). */
  reload(): Promise<void>;
  /** Links the claims chosen on each side (left to right); the new link, or null when refused or incomplete. */
  link(relation: LinkRelation): Promise<Link | null>;
  unlink(id: string): Promise<void>;
  /** Flashes both ends of a link. */
  show(link: Link): void;
}

const byPosition = (a: Claim, b: Claim) => a.start - b.start || b.end - a.end || a.id.localeCompare(b.id);

/** Links with one end among the left claims and the other among the right claims. */
export function linksAcross(links: readonly Link[], left: readonly Claim[], right: readonly Claim[]): Link[] {
  const leftIds = new Set(left.map((claim) => claim.id));
  const rightIds = new Set(right.map((claim) => claim.id));
  return links.filter(
    (link) =>
      (leftIds.has(link.fromClaimId) && rightIds.has(link.toClaimId)) ||
      (rightIds.has(link.fromClaimId) && leftIds.has(link.toClaimId)),
  );
}

export function createCompareStore(client: ApiClient, report: Report) {
  const reloadRequest = latest();
  let nonce = 0;
  return createStore<CompareState>()((set, get) => {
    const claimsOf = async (sourceId: string | null) =>
      sourceId ? (await client.call('claim.list', { sourceId, limit: 100_000 })).sort(byPosition) : [];

    return {
      sourceIds: { left: null, right: null },
      claims: { left: [], right: [] },
      selected: { left: null, right: null },
      flash: { left: null, right: null },
      links: [],
      async pick(side, sourceId) {
        set((state) => ({
          sourceIds: { ...state.sourceIds, [side]: sourceId },
          claims: { ...state.claims, [side]: [] },
          selected: { ...state.selected, [side]: null },
          flash: { ...state.flash, [side]: null },
        }));
        await get().reload();
      },
      select(side, claimId) {
        set((state) => ({ selected: { ...state.selected, [side]: claimId } }));
      },
      async reload() {
        const isCurrent = reloadRequest();
        const { sourceIds } = get();
        try {
          const [left, right, links] = await Promise.all([
            claimsOf(sourceIds.left),
            claimsOf(sourceIds.right),
            sourceIds.left && sourceIds.right ? client.call('link.list', {}) : Promise.resolve([]),
          ]);
          if (!isCurrent()) return;
          const keep = (id: string | null, claims: Claim[]) =>
            id !== null && claims.some((claim) => claim.id === id) ? id : null;
          set((state) => ({
            claims: { left, right },
            selected: { left: keep(state.selected.left, left), right: keep(state.selected.right, right) },
            links: linksAcross(links, left, right),
          }));
        } catch (error) {
          if (isCurrent()) report(error);
        }
      },
      async link(relation) {
        const { left, right } = get().selected;
        if (!left || !right) return null;
        try {
          const link = await client.call('link.create', { fromClaimId: left, toClaimId: right, relation });
          await get().reload();
          return link;
        } catch (error) {
          report(error);
          return null;
        }
      },
      async unlink(id) {
        try {
          await client.call('link.delete', { id });
          set((state) => ({ links: state.links.filter((link) => link.id !== id) }));
        } catch (error) {
          report(error);
        }
      },
      show(link) {
        const { claims } = get();
        const onLeft = claims.left.some((claim) => claim.id === link.fromClaimId);
        const [left, right] = onLeft
          ? [link.fromClaimId, link.toClaimId]
          : [link.toClaimId, link.fromClaimId];
        nonce += 1;
        set({
          selected: { left, right },
          flash: { left: { claimId: left, nonce }, right: { claimId: right, nonce } },
        });
      },
    };
  });
}
