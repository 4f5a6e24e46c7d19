// Pure helpers of the claims table: the filter sent to the engine, paging, multi-selection and cell text.
import type { ClaimStatus, MethodInput } from '../../../electron/contract/index.ts';

export const CLAIM_STATUSES: readonly ClaimStatus[] = ['draft', 'verified', 'disputed', 'rejected'];

/** What the analyst filters by; empty strings mean "any". */
export interface ClaimsFilter {
  text: string;
  tag: string;
  status: ClaimStatus | '';
  claimant: string;
  sourceId: string;
  from: string;
  to: string;
}

export const EMPTY_FILTER: ClaimsFilter = {
  text: '',
  tag: '',
  status: '',
  claimant: '',
  sourceId: '',
  from: '',
  to: '',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The engine's filter for claim.count, claim.list and search.query: blank fields left out, dates only when whole days. */
export function toEngineFilter(filter: ClaimsFilter): MethodInput<'claim.count'> {
  const out: MethodInput<'claim.count'> = {};
  if (filter.tag.trim()) out.tag = filter.tag.trim();
  if (filter.status) out.status = filter.status;
  if (filter.claimant.trim()) out.claimant = filter.claimant.trim();
  if (filter.sourceId) out.sourceId = filter.sourceId;
  if (DAY.test(filter.from)) out.from = filter.from;
  if (DAY.test(filter.to)) out.to = filter.to;
  return out;
}

export const isFiltered = (filter: ClaimsFilter): boolean =>
  Object.values(filter).some((value) => value.trim() !== '');

/** The page numbers that hold rows first..last (inclusive), for pages of `size` rows. */
export function pagesForRange(first: number, last: number, size: number): number[] {
  if (last < first || last < 0) return [];
  const pages: number[] = [];
  for (let page = Math.floor(Math.max(first, 0) / size); page <= Math.floor(last / size); page++)
    pages.push(page);
  return pages;
}

/** How a click (or Space) chooses rows: plain selects only it, Ctrl/Cmd toggles it, Shift selects a range. */
export interface ClickModifiers {
  shift?: boolean;
  toggle?: boolean;
}

/**
 * The selected claim ids after a click on the claim `clickedId`. A shift-click passes the ids of the rows from the
 * anchor to the clicked row (`rangeIds`); with Ctrl/Cmd too, the range is added to what was selected.
 */
export function clickRow(
  selected: ReadonlySet<string>,
  clickedId: string,
  modifiers: ClickModifiers,
  rangeIds?: readonly string[],
): Set<string> {
  if (modifiers.shift && rangeIds) {
    return new Set(modifiers.toggle ? [...selected, ...rangeIds] : rangeIds);
  }
  if (modifiers.toggle) {
    const next = new Set(selected);
    if (next.has(clickedId)) next.delete(clickedId);
    else next.add(clickedId);
    return next;
  }
  return new Set([clickedId]);
}

/** The anchor of the next shift-range: a shift-click keeps it, any other click moves it to the clicked row. */
export const nextAnchor = (anchor: number | null, index: number, modifiers: ClickModifiers): number =>
  modifiers.shift && anchor !== null ? anchor : index;

/** A short excerpt for a cell; the whole text goes in its title. */
export const shorten = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
