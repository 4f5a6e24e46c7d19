// Pure helpers of the library's filters and metadata form: what to ask source.list, what to send source.update.
import type { Reliability, SourceSummary } from '../../../electron/contract/index.ts';

/** The Admiralty scale's source reliability grades (NATO AJP-2.1), from A, reliable, to F, cannot be judged. */
export const RELIABILITY: Record<Reliability, string> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
};

/** The library's filters as the form holds them: an empty string is "any". */
export interface SourceFilters {
  tag: string;
  outlet: string;
  from: string;
  to: string;
}

export const NO_FILTERS: SourceFilters = { tag: '', outlet: '', from: '', to: '' };

/** The source.list input for the filters: only the ones set. */
export function listInput(filters: SourceFilters): {
  tag?: string;
  outlet?: string;
  from?: string;
  to?: string;
} {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value.trim() !== ''));
}

export const hasFilters = (filters: SourceFilters): boolean => Object.keys(listInput(filters)).length > 0;

/** The outlets present among the sources, each once, in alphabetical order, for the outlet filter. */
export function outletsOf(sources: readonly SourceSummary[]): string[] {
  const outlets = new Set(sources.flatMap((source) => (source.outlet ? [source.outlet] : [])));
  return [...outlets].sort((a, b) => a.localeCompare(b));
}

/** The metadata form's fields, all text: an empty field clears the value. */
export interface DetailsDraft {
  title: string;
  outlet: string;
  author: string;
  url: string;
  publishedAt: string;
  language: string;
  reliability: '' | Reliability;
  note: string;
  tags: string[];
}

const NULLABLE = ['outlet', 'author', 'url', 'publishedAt', 'language', 'note'] as const;

export function draftOf(source: SourceSummary): DetailsDraft {
  return {
    title: source.title,
    outlet: source.outlet ?? '',
    author: source.author ?? '',
    url: source.url ?? '',
    publishedAt: source.publishedAt ?? '',
    language: source.language ?? '',
    reliability: source.reliability ?? '',
    note: source.note ?? '',
    tags: [...source.tags],
  };
}

export interface DetailsPatch {
  title?: string;
  outlet?: string | null;
  author?: string | null;
  url?: string | null;
  publishedAt?: string | null;
  language?: string | null;
  reliability?: Reliability | null;
  note?: string | null;
  tags?: string[];
  untag?: string[];
}

/**
 * The source.update input for what the analyst changed, and only that: an untouched field is not sent, so a
 * save never rewrites a value the engine normalized. Tags are the difference between the source's and the draft's.
 */
export function detailsPatch(source: SourceSummary, draft: DetailsDraft): DetailsPatch {
  const patch: DetailsPatch = {};
  if (draft.title.trim() !== source.title) patch.title = draft.title.trim();
  for (const field of NULLABLE) {
    const value = draft[field].trim() === '' ? null : draft[field].trim();
    if (value !== source[field]) patch[field] = value;
  }
  const reliability = draft.reliability === '' ? null : draft.reliability;
  if (reliability !== source.reliability) patch.reliability = reliability;
  const added = draft.tags.filter((tag) => !source.tags.includes(tag));
  const removed = source.tags.filter((tag) => !draft.tags.includes(tag));
  if (added.length) patch.tags = added;
  if (removed.length) patch.untag = removed;
  return patch;
}
