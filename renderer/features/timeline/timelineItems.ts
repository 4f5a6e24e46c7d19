// Pure mapping for the timeline: claims and bucket counts to vis-timeline items, days to dates and back, the
// bucket unit that suits a window, and how a date's certainty is drawn.
import type { Bucket, TimelineItem } from '../../../electron/contract/index.ts';

export type BucketUnit = 'day' | 'week' | 'month' | 'year';
export type GroupBy = 'none' | 'claimant' | 'source' | 'tag' | 'actor';

/** A window of days, both ends inclusive, as the contract writes them (YYYY-MM-DD). */
export interface DayWindow {
  from: string;
  to: string;
}

/** The subset of vis-timeline's DataItem this view produces (kept here so the mapping needs no DOM). */
export interface VisItem {
  id: string;
  content: string;
  start: Date;
  end?: Date;
  type: 'box' | 'point' | 'range' | 'background';
  group?: string;
  className: string;
  title: string;
  /** Inline style: only the bar height of a bucket (the CSP allows inline styles, not scripts). */
  style?: string;
}

export interface VisGroup {
  id: string;
  content: string;
}

const MS_PER_DAY = 86_400_000;
/** Longer statements are cut on the axis; the whole statement is in the item's title. */
const CONTENT_LENGTH = 60;
/** Windows wider than this show counts, whatever their density: a year of items is unreadable anyway. */
export const WIDE_WINDOW_DAYS = 400;
/**
 * Claims asked for per window; past this the window is too dense to draw item by item. vis-timeline measures
 * every item it draws (2–4 ms an item in a full page, stacking included): 80 keeps a window of claims near
 * 300 ms (test/bench/renderer.ts); a denser one shows counts per day.
 */
export const WINDOW_LIMIT = 80;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * A contract day as a Date at local midnight: vis-timeline draws its axis in local time, so local midnights
 * put a claim exactly under its day's label.
 */
export function dayToDate(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const result = new Date(year, month - 1, date);
  // new Date() maps years 0–99 to 1900–1999.
  result.setFullYear(year);
  return result;
}

/** The local day a Date falls on, clamped to the years the contract accepts (0001–9999). */
export function dateToDay(date: Date): string {
  const year = date.getFullYear();
  if (year < 1) return '0001-01-01';
  if (year > 9999) return '9999-12-31';
  return `${pad(year, 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The day after: ranges end at the start of the day after their last day, so one day is one day wide. */
export function nextDay(day: string): Date {
  const date = dayToDate(day);
  date.setDate(date.getDate() + 1);
  return date;
}

/** The days a visible range covers (the start's day to the day the end falls in). */
export function windowOf(start: Date, end: Date): DayWindow {
  // The end instant is exclusive: a window ending at midnight does not show the day that begins there.
  return { from: dateToDay(start), to: dateToDay(new Date(end.getTime() - 1)) };
}

/** Days in a window, counting both ends. */
export function windowDays(window: DayWindow): number {
  return Math.round((nextDay(window.to).getTime() - dayToDate(window.from).getTime()) / MS_PER_DAY);
}

/** The bucket unit that gives a window a readable number of bars (from about 15 to 120). */
export function bucketUnitFor(days: number): BucketUnit {
  if (days <= 120) return 'day';
  if (days <= 2 * 366) return 'week';
  if (days <= 10 * 366) return 'month';
  return 'year';
}

/**
 * About how many claims a window holds, from the month counts of the whole case: each month's count shared out
 * evenly over its days. Good enough to skip asking for the claims of a window that will surely be counted.
 */
export function estimateCount(months: readonly Bucket[], window: DayWindow): number {
  const from = dayToDate(window.from).getTime();
  const to = nextDay(window.to).getTime();
  let total = 0;
  for (const month of months) {
    const start = dayToDate(month.start).getTime();
    const end = bucketEnd(month.start, 'month').getTime();
    const overlap = Math.min(end, to) - Math.max(start, from);
    if (overlap > 0) total += (month.count * overlap) / (end - start);
  }
  return total;
}

/** Whether a window is drawn as counts before asking for its claims. */
export const isWideWindow = (window: DayWindow): boolean => windowDays(window) > WIDE_WINDOW_DAYS;

/** The first day after a bucket. */
export function bucketEnd(start: string, unit: BucketUnit): Date {
  const date = dayToDate(start);
  if (unit === 'day') date.setDate(date.getDate() + 1);
  else if (unit === 'week') date.setDate(date.getDate() + 7);
  else if (unit === 'month') date.setMonth(date.getMonth() + 1);
  else date.setFullYear(date.getFullYear() + 1);
  return date;
}

/** vis-timeline writes content and titles as HTML: every text of ours is escaped first. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const shorten = (text: string) =>
  text.length > CONTENT_LENGTH ? `${text.slice(0, CONTENT_LENGTH - 1).trimEnd()}…` : text;

export type Certainty = 'exact' | 'uncertain' | 'open';

/**
 * How a claim's date is drawn: an exact day as a box on its day; anything else (uncertain or approximate
 * days, months, years, intervals) as a range from its earliest to its latest day, hatched; an open end as a
 * range of its first day, faded toward the open side.
 */
export function certaintyOf(item: Pick<TimelineItem, 'exact' | 'latest'>): Certainty {
  if (item.exact) return 'exact';
  return item.latest === null ? 'open' : 'uncertain';
}

export const NO_CLAIMANT = 'No claimant';
export const NO_TAG = 'No tag';
export const NO_ACTOR = 'No actor';

/** Between a claim's id and its group's in an item id: a claim with three tags is drawn once in each tag's row. */
const GROUP_SEPARATOR = '|';

/** The claim an item stands for (a UUID never holds the separator). */
export const claimIdOf = (itemId: string): string => itemId.split(GROUP_SEPARATOR)[0]!;

const named = (kind: string, name: string): VisGroup => ({
  id: `${kind}:${name}`,
  content: escapeHtml(shorten(name)),
});

/** The groups a claim falls in (none when ungrouped; one row per tag or actor it has); sourceTitles names sources. */
export function groupsOf(
  item: Pick<TimelineItem, 'claimant' | 'sourceId' | 'tags' | 'actors'>,
  groupBy: GroupBy,
  sourceTitles: Record<string, string> = {},
): VisGroup[] {
  switch (groupBy) {
    case 'none':
      return [];
    case 'claimant':
      return [named('claimant', item.claimant?.trim() || NO_CLAIMANT)];
    case 'source':
      return [
        {
          id: `source:${item.sourceId}`,
          content: escapeHtml(shorten(sourceTitles[item.sourceId] ?? item.sourceId)),
        },
      ];
    case 'tag':
      return item.tags.length ? item.tags.map((tag) => named('tag', tag)) : [named('tag', NO_TAG)];
    case 'actor':
      return item.actors.length
        ? item.actors.map((actor) => named('actor', actor))
        : [named('actor', NO_ACTOR)];
  }
}

/** One claim as a vis-timeline item, in one group (or none). */
export function claimToItem(item: TimelineItem, group?: VisGroup): VisItem {
  const certainty = certaintyOf(item);
  // The EDTF as written, and the days it spans: parsing it again to describe it costs a millisecond an item.
  const when =
    certainty === 'exact' ? item.date : `${item.date} (${item.earliest} to ${item.latest ?? 'open end'})`;
  const title = escapeHtml(`${item.statement}\n${when}${item.claimant ? ` · ${item.claimant}` : ''}`);
  const base = {
    id: group ? `${item.id}${GROUP_SEPARATOR}${group.id}` : item.id,
    content: escapeHtml(shorten(item.statement)),
    start: dayToDate(item.earliest),
    group: group?.id,
    title,
  };
  const status = `timeline-status-${item.status}`;
  if (certainty === 'exact') return { ...base, type: 'box', className: `timeline-exact ${status}` };
  return {
    ...base,
    end: nextDay(item.latest ?? item.earliest),
    type: 'range',
    className: `timeline-${certainty} ${status}`,
  };
}

/** The claims as items and, when grouped, their groups sorted by name. */
export function claimsToTimeline(
  items: readonly TimelineItem[],
  groupBy: GroupBy,
  sourceTitles: Record<string, string> = {},
): { items: VisItem[]; groups: VisGroup[] | null } {
  if (groupBy === 'none') return { items: items.map((item) => claimToItem(item)), groups: null };
  const groups = new Map<string, VisGroup>();
  const mapped: VisItem[] = [];
  for (const item of items) {
    for (const group of groupsOf(item, groupBy, sourceTitles)) {
      if (!groups.has(group.id)) groups.set(group.id, group);
      mapped.push(claimToItem(item, group));
    }
  }
  const sorted = [...groups.values()].sort((a, b) => a.content.localeCompare(b.content));
  return { items: mapped, groups: sorted };
}

/** The density class of a bucket: five steps of shade from its count against the window's largest. */
export function densityLevel(count: number, max: number): number {
  if (max <= 0 || count <= 0) return 0;
  return Math.min(5, Math.max(1, Math.ceil((count / max) * 5)));
}

const countFormat = new Intl.NumberFormat('en');

/** How much of its box a bucket's bar fills: its share of the window's largest bucket, never invisible. */
export function barPercent(count: number, max: number): number {
  if (max <= 0 || count <= 0) return 0;
  return Math.max(4, Math.round((count / max) * 100));
}

/** Bucket counts as background boxes holding a bar as high as their count, shaded by density and labelled. */
export function bucketsToItems(buckets: readonly Bucket[], unit: BucketUnit): VisItem[] {
  const max = buckets.reduce((top, bucket) => Math.max(top, bucket.count), 0);
  return buckets.map((bucket) => {
    const label = `${countFormat.format(bucket.count)} ${bucket.count === 1 ? 'claim' : 'claims'}`;
    return {
      id: `bucket:${bucket.start}`,
      content: countFormat.format(bucket.count),
      start: dayToDate(bucket.start),
      end: bucketEnd(bucket.start, unit),
      type: 'background',
      className: `timeline-bucket timeline-density-${densityLevel(bucket.count, max)}`,
      style: `--bar: ${barPercent(bucket.count, max)}%`,
      title: escapeHtml(`${label} in the ${unit} from ${bucket.start}`),
    };
  });
}

/** The window that shows every bucket of an overview, with a little room each side. */
export function extentOf(buckets: readonly Bucket[], unit: BucketUnit): { start: Date; end: Date } | null {
  const first = buckets[0];
  const last = buckets.at(-1);
  if (!first || !last) return null;
  const start = dayToDate(first.start);
  const end = bucketEnd(last.start, unit);
  const margin = (end.getTime() - start.getTime()) * 0.03;
  return { start: new Date(start.getTime() - margin), end: new Date(end.getTime() + margin) };
}
