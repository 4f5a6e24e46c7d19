// The claim form's fields: turned into a claim.create input, or diffed against a stored claim for claim.update.
import type { Claim, ClaimStatus, MethodInput } from '../../electron/contract/index.ts';

export interface ClaimDraft {
  statement: string;
  claimant: string;
  date: string;
  place: string;
  /** Comma-separated names, like "Ruzizi Front, the army". */
  actors: string;
  eventType: string;
  /** '' when not judged yet, else '1'…'6' on the Admiralty scale. */
  credibility: string;
  status: ClaimStatus;
  note: string;
  /** Tag paths, like "Actors/M23"; new paths are added to the codebook. */
  tags: string[];
}

/** The Admiralty (NATO AJP-2.1) scale for the credibility of information. */
export const CREDIBILITY: readonly { value: number; label: string }[] = [
  { value: 1, label: 'Confirmed' },
  { value: 2, label: 'Probably true' },
  { value: 3, label: 'Possibly true' },
  { value: 4, label: 'Doubtful' },
  { value: 5, label: 'Improbable' },
  { value: 6, label: 'Cannot be judged' },
];

export const emptyDraft = (): ClaimDraft => ({
  statement: '',
  claimant: '',
  date: '',
  place: '',
  actors: '',
  eventType: '',
  credibility: '',
  status: 'draft',
  note: '',
  tags: [],
});

/** The form prefilled with a stored claim, for editing it. */
export const draftFromClaim = (claim: Claim): ClaimDraft => ({
  statement: claim.statement,
  claimant: claim.claimant ?? '',
  date: claim.date ?? '',
  place: claim.place ?? '',
  actors: claim.actors.join(', '),
  eventType: claim.eventType ?? '',
  credibility: claim.credibility === null ? '' : String(claim.credibility),
  status: claim.status,
  note: claim.note ?? '',
  tags: [...claim.tags],
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

/** Actor names from comma-separated text: trimmed, empty ones dropped, each name once. */
export function parseActors(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
}

const credibilityOf = (text: string): number | null => (text === '' ? null : Number(text));

export function claimInput(
  sourceId: string,
  span: { start: number; end: number },
  draft: ClaimDraft,
): MethodInput<'claim.create'> {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const tags = parseTagList(draft.tags.join(','));
  const actors = parseActors(draft.actors);
  const credibility = credibilityOf(draft.credibility);
  return {
    sourceId,
    start: span.start,
    end: span.end,
    statement: draft.statement.trim(),
    claimant: optional(draft.claimant),
    date: optional(draft.date),
    place: optional(draft.place),
    ...(actors.length ? { actors } : {}),
    eventType: optional(draft.eventType),
    ...(credibility !== null ? { credibility } : {}),
    status: draft.status,
    note: optional(draft.note),
    ...(tags.length ? { tags } : {}),
  };
}

type ClaimUpdate = MethodInput<'claim.update'>;
const TEXT_FIELDS = ['claimant', 'date', 'place', 'eventType', 'note'] as const;

/**
 * What claim.update needs to turn `claim` into `draft`: only the changed fields, an emptied optional field as
 * null, tags added as `tags` and removed as `untag`. Null when nothing changed.
 */
export function claimUpdate(claim: Claim, draft: ClaimDraft): ClaimUpdate | null {
  const changes: Omit<ClaimUpdate, 'id'> = {};
  const statement = draft.statement.trim();
  if (statement !== claim.statement) changes.statement = statement;
  for (const name of TEXT_FIELDS) {
    const value = draft[name].trim() || null;
    if (value !== claim[name]) changes[name] = value;
  }
  const actors = parseActors(draft.actors);
  if (actors.join('\n') !== claim.actors.join('\n')) changes.actors = actors;
  const credibility = credibilityOf(draft.credibility);
  if (credibility !== claim.credibility) changes.credibility = credibility;
  if (draft.status !== claim.status) changes.status = draft.status;
  const tags = parseTagList(draft.tags.join(','));
  const added = tags.filter((tag) => !claim.tags.includes(tag));
  const removed = claim.tags.filter((tag) => !tags.includes(tag));
  if (added.length) changes.tags = added;
  if (removed.length) changes.untag = removed;
  return Object.keys(changes).length ? { id: claim.id, ...changes } : null;
}
