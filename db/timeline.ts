// Timeline queries: the claims whose event dates meet a window, and counts per bucket for dense windows,
// so a view loads only what is visible.
import type { CaseFile } from './caseFile.ts';
import { claimConditions, type ClaimFilter } from './claims.ts';
import { parseDay } from './dates.ts';
import { badInput } from './errors.ts';
import { tagPathsOf } from './tags.ts';

export interface TimelineItem {
  id: string;
  sourceId: string;
  statement: string;
  date: string;
  earliest: string;
  /** null for an open-ended date ("2025-01-26/.."). */
  latest: string | null;
  /** true when the date is a single, certain day; ranges and uncertain dates are drawn differently. */
  exact: boolean;
  status: string;
  claimant: string | null;
  /** Tag paths and actors, so a timeline can group its claims by them without asking for each claim. */
  tags: string[];
  actors: string[];
}

export type BucketUnit = 'day' | 'week' | 'month' | 'year';
export const BUCKET_UNITS: readonly BucketUnit[] = ['day', 'week', 'month', 'year'];

export interface Bucket {
  /** First day of the bucket (weeks start on Monday). */
  start: string;
  count: number;
}

type Window = Omit<ClaimFilter, 'from' | 'to' | 'limit' | 'offset'> & { from: string; to: string };

function checkWindow(window: Window): void {
  parseDay(window.from, 'The start of the window');
  parseDay(window.to, 'The end of the window');
  if (window.from > window.to)
    throw badInput(`The window starts (${window.from}) after it ends (${window.to}).`);
}

/** Claims in the window, earliest first; `truncated` says the limit cut the list (ask for buckets then). */
export function timelineWindow(
  c: CaseFile,
  window: Window & { limit?: number },
): { items: TimelineItem[]; truncated: boolean } {
  checkWindow(window);
  const limit = Math.min(Math.max(window.limit ?? 2000, 1), 20_000);
  const { where, params } = claimConditions(c, window);
  const rows = c.db
    .prepare(
      `SELECT c.id, c.source_id AS sourceId, c.statement, c.event_date AS date, c.earliest, c.latest,
         c.status, c.claimant, c.actors
       FROM claims c WHERE ${where.join(' AND ')} ORDER BY c.earliest, c.id LIMIT :limit`,
    )
    .all({ ...params, limit: limit + 1 }) as (Omit<TimelineItem, 'exact' | 'tags' | 'actors'> & {
    actors: string;
  })[];
  const shown = rows.slice(0, limit);
  const tags = tagPathsOf(
    c,
    'claim',
    shown.map((r) => r.id),
  );
  const items = shown.map((r) => ({
    ...r,
    exact: r.earliest === r.latest && /^\d{4}-\d{2}-\d{2}$/.test(r.date),
    tags: tags.get(r.id) ?? [],
    actors: JSON.parse(r.actors) as string[],
  }));
  return { items, truncated: rows.length > limit };
}

const BUCKET_START: Record<BucketUnit, string> = {
  day: 'd',
  // 'weekday 1' moves forward to a Monday unless on one: from six days back, that is this week's Monday.
  week: `date(d, '-6 days', 'weekday 1')`,
  month: `substr(d, 1, 7) || '-01'`,
  year: `substr(d, 1, 4) || '-01-01'`,
};

/** How many claims fall in each bucket of the window; a claim counts where it begins (or at the window's start). */
export function timelineBuckets(c: CaseFile, window: Window & { unit: BucketUnit }): Bucket[] {
  checkWindow(window);
  if (!BUCKET_UNITS.includes(window.unit)) throw badInput(`A bucket is one of ${BUCKET_UNITS.join(', ')}.`);
  const { where, params } = claimConditions(c, window);
  const start = BUCKET_START[window.unit];
  return c.db
    .prepare(
      `SELECT ${start} AS start, count(*) AS count
       FROM (SELECT max(c.earliest, :from) AS d FROM claims c WHERE ${where.join(' AND ')})
       GROUP BY start ORDER BY start`,
    )
    .all({ ...params }) as Bucket[];
}

/** Claims that have no event date yet: counted and listed beside the timeline. */
export function undatedClaims(
  c: CaseFile,
  filter: Omit<ClaimFilter, 'from' | 'to'> = {},
): { count: number; ids: string[] } {
  const { where, params } = claimConditions(c, filter);
  const ids = c.db
    .prepare(
      `SELECT c.id FROM claims c WHERE ${where.join(' AND ')} AND c.earliest IS NULL ORDER BY c.created_at LIMIT 1000`,
    )
    .pluck()
    .all(params) as string[];
  const count = c.db
    .prepare(`SELECT count(*) FROM claims c WHERE ${where.join(' AND ')} AND c.earliest IS NULL`)
    .pluck()
    .get(params) as number;
  return { count, ids };
}
