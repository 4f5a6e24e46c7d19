// Words for merge results and conflicts: record kinds, field names, and values as a person reads them.
import type { EntityKind, MergeSummary } from '../../../electron/contract/index.ts';
import { describeEdtf } from '../../lib/describeEdtf.ts';

export const KIND_LABELS: Record<EntityKind, string> = {
  source: 'Sources',
  claim: 'Claims',
  tag: 'Tags',
  claimTag: 'Tags on claims',
  sourceTag: 'Tags on sources',
  link: 'Links',
  review: 'Reviews',
};

const FIELD_LABELS: Record<string, string> = {
  date: 'event date',
  eventType: 'event type',
  publishedAt: 'publication date',
  parentId: 'parent tag',
  deleted: 'deleted',
};

export const fieldLabel = (field: string): string => FIELD_LABELS[field] ?? field;

/** A value as text: none for empty, lists joined, an EDTF date with its reading ("about January 2025"). */
export function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'boolean') return field === 'deleted' ? (value ? 'deleted' : 'kept') : String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(String).join(', ');
  if (field === 'date' && typeof value === 'string') {
    const reading = describeEdtf(value);
    return reading && reading !== value ? `${value} (${reading})` : value;
  }
  return String(value);
}

/** One line for the last merge: what came in and what is left to settle. */
export function mergeHeadline(summary: MergeSummary): string {
  const added = Object.values(summary.kinds).reduce((sum, kind) => sum + kind.added, 0);
  const updated = Object.values(summary.kinds).reduce((sum, kind) => sum + kind.updated, 0);
  if (summary.changes === 0) return `Merged ${summary.name}: nothing new, this case already had all of it.`;
  const conflicts =
    summary.openConflicts === 0
      ? 'no conflicts'
      : `${summary.openConflicts} open conflict${summary.openConflicts === 1 ? '' : 's'}`;
  return `Merged ${summary.name}: ${added} record${added === 1 ? '' : 's'} added, ${updated} updated, ${conflicts}.`;
}
