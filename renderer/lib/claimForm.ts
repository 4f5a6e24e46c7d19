// The claim form's text fields turned into a claim.create input: empty fields left out, tags split on commas.
import type { ClaimStatus, MethodInput } from '../../electron/contract/index.ts';

export interface ClaimDraft {
  statement: string;
  claimant: string;
  date: string;
  place: string;
  status: ClaimStatus;
  /** Comma-separated tag paths, like "Actors/M23, Places/Goma". */
  tags: string;
}

export const emptyDraft = (): ClaimDraft => ({
  statement: '',
  claimant: '',
  date: '',
  place: '',
  status: 'draft',
  tags: '',
});

/** Tag paths from comma-separated text: trimmed, empty ones dropped, each path once. */
export function parseTagList(text: string): string[] {
  const paths = text
    .split(',')
    .map((path) =>
      path
        .split('/')
        .map((part) => part.trim())
        .filter(Boolean)
        .join('/'),
    )
    .filter(Boolean);
  return [...new Set(paths)];
}

export function claimInput(
  sourceId: string,
  span: { start: number; end: number },
  draft: ClaimDraft,
): MethodInput<'claim.create'> {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const tags = parseTagList(draft.tags);
  return {
    sourceId,
    start: span.start,
    end: span.end,
    statement: draft.statement.trim(),
    claimant: optional(draft.claimant),
    date: optional(draft.date),
    place: optional(draft.place),
    status: draft.status,
    ...(tags.length ? { tags } : {}),
  };
}
