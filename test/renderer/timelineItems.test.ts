// The timeline's pure mapping: days and dates, bucket units for a window, claims and counts as vis-timeline items.
import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '../../electron/contract/index.ts';
import {
  barPercent,
  bucketEnd,
  bucketsToItems,
  bucketUnitFor,
  certaintyOf,
  claimsToTimeline,
  claimToItem,
  dateToDay,
  dayToDate,
  densityLevel,
  escapeHtml,
  estimateCount,
  extentOf,
  isWideWindow,
  claimIdOf,
  NO_ACTOR,
  NO_CLAIMANT,
  NO_TAG,
  nextDay,
  windowDays,
  windowOf,
} from '../../renderer/features/timeline/timelineItems.ts';

const claim = (fields: Partial<TimelineItem>): TimelineItem => ({
  id: 'c1',
  sourceId: 's1',
  statement: 'Rebels entered Goma',
  date: '2025-01-27',
  earliest: '2025-01-27',
  latest: '2025-01-27',
  exact: true,
  status: 'draft',
  claimant: 'the governor',
  tags: [],
  actors: [],
  ...fields,
});

describe('days and dates', () => {
  it('round-trips a day through a local date', () => {
    for (const day of ['2025-01-27', '2024-02-29', '0099-12-31', '1999-03-28', '2025-10-26'])
      expect(dateToDay(dayToDate(day))).toBe(day);
  });

  it('gives the next day across months, years and DST changes', () => {
    expect(dateToDay(nextDay('2025-01-31'))).toBe('2025-02-01');
    expect(dateToDay(nextDay('2024-12-31'))).toBe('2025-01-01');
    expect(dateToDay(nextDay('2025-03-30'))).toBe('2025-03-31');
  });

  it('clamps to the years the contract accepts', () => {
    const early = new Date(0, 0, 1);
    early.setFullYear(-5);
    expect(dateToDay(early)).toBe('0001-01-01');
    expect(dateToDay(new Date(12000, 0, 1))).toBe('9999-12-31');
  });

  it('reads a visible range as the days it shows, its end exclusive', () => {
    expect(windowOf(dayToDate('2025-02-01'), dayToDate('2025-03-01'))).toEqual({
      from: '2025-02-01',
      to: '2025-02-28',
    });
    expect(windowDays({ from: '2025-02-01', to: '2025-02-28' })).toBe(28);
    expect(windowDays({ from: '2025-02-01', to: '2025-02-01' })).toBe(1);
  });
});

describe('bucket units', () => {
  it('picks a unit that keeps the number of bars readable', () => {
    expect(bucketUnitFor(7)).toBe('day');
    expect(bucketUnitFor(120)).toBe('day');
    expect(bucketUnitFor(121)).toBe('week');
    expect(bucketUnitFor(700)).toBe('week');
    expect(bucketUnitFor(800)).toBe('month');
    expect(bucketUnitFor(3660)).toBe('month');
    expect(bucketUnitFor(20_000)).toBe('year');
  });

  it('calls a window wide past 400 days', () => {
    expect(isWideWindow({ from: '2025-01-01', to: '2025-12-31' })).toBe(false);
    expect(isWideWindow({ from: '2024-01-01', to: '2025-12-31' })).toBe(true);
  });

  it('ends each bucket at the start of the next', () => {
    expect(dateToDay(bucketEnd('2025-01-27', 'day'))).toBe('2025-01-28');
    expect(dateToDay(bucketEnd('2025-01-27', 'week'))).toBe('2025-02-03');
    expect(dateToDay(bucketEnd('2025-01-01', 'month'))).toBe('2025-02-01');
    expect(dateToDay(bucketEnd('2025-01-01', 'year'))).toBe('2026-01-01');
  });
});

describe('claims as items', () => {
  it('draws an exact day as a box on its day', () => {
    const item = claimToItem(claim({}));
    expect(item).toMatchObject({ id: 'c1', type: 'box', content: 'Rebels entered Goma' });
    expect(item.className).toMatch(/timeline-exact/);
    expect(item.end).toBeUndefined();
    expect(dateToDay(item.start)).toBe('2025-01-27');
  });

  it('draws uncertain, approximate and interval dates as ranges over every day they may be', () => {
    const interval = claimToItem(
      claim({ date: '2025-01-26/2025-01-28', earliest: '2025-01-26', latest: '2025-01-28', exact: false }),
    );
    expect(interval.type).toBe('range');
    expect(interval.className).toMatch(/timeline-uncertain/);
    expect(dateToDay(interval.start)).toBe('2025-01-26');
    expect(dateToDay(interval.end!)).toBe('2025-01-29');
    // A single day with a question mark is not exact: one day wide, but hatched.
    const doubtful = claimToItem(claim({ date: '2025-01-27?', exact: false }));
    expect(doubtful.type).toBe('range');
    expect(certaintyOf({ exact: false, latest: '2025-01-27' })).toBe('uncertain');
  });

  it('draws an open end as a fading range of its first day', () => {
    const open = claimToItem(
      claim({ date: '2025-01-26/..', earliest: '2025-01-26', latest: null, exact: false }),
    );
    expect(open.className).toMatch(/timeline-open/);
    expect(dateToDay(open.end!)).toBe('2025-01-27');
  });

  it('titles an item with its statement, its EDTF date and claimant; marks its status', () => {
    const item = claimToItem(
      claim({
        date: '2025-02~',
        earliest: '2025-02-01',
        latest: '2025-02-28',
        exact: false,
        status: 'disputed',
      }),
    );
    expect(item.title).toContain('Rebels entered Goma');
    expect(item.title).toContain('2025-02~');
    expect(item.title).toContain('the governor');
    expect(item.className).toMatch(/timeline-status-disputed/);
  });

  it('escapes every text vis-timeline would read as HTML, and shortens long statements', () => {
    const item = claimToItem(claim({ statement: '<img src=x onerror=alert(1)> & "more"' }));
    expect(item.content).not.toContain('<');
    expect(item.content).toContain('&#60;img');
    expect(escapeHtml(`<b>'&"</b>`)).toBe('&#60;b&#62;&#39;&#38;&#34;&#60;/b&#62;');
    const long = claimToItem(claim({ statement: 'word '.repeat(40) }));
    expect(long.content.length).toBeLessThanOrEqual(60);
    expect(long.content.endsWith('…')).toBe(true);
  });

  it('groups by claimant or source, names the groups and sorts them', () => {
    const items = [
      claim({ id: 'a', claimant: 'UN experts', sourceId: 's2' }),
      claim({ id: 'b', claimant: 'health ministry' }),
      claim({ id: 'c', claimant: null }),
      claim({ id: 'd', claimant: 'health ministry', sourceId: 's2' }),
    ];
    const byClaimant = claimsToTimeline(items, 'claimant');
    expect(byClaimant.groups!.map((group) => group.content)).toEqual([
      'health ministry',
      NO_CLAIMANT,
      'UN experts',
    ]);
    expect(byClaimant.items.map((item) => item.group)).toEqual([
      'claimant:UN experts',
      'claimant:health ministry',
      `claimant:${NO_CLAIMANT}`,
      'claimant:health ministry',
    ]);
    const bySource = claimsToTimeline(items, 'source', { s1: 'Goma report', s2: 'A <b> wire' });
    expect(bySource.groups!.map((group) => group.content)).toEqual(['A &#60;b&#62; wire', 'Goma report']);
    expect(claimsToTimeline(items, 'none').groups).toBeNull();
    expect(claimsToTimeline(items, 'none').items.map((item) => item.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(claimsToTimeline(items, 'none').items[0]!.group).toBeUndefined();
  });
});

describe('counts as items', () => {
  it('draws each bucket as a background box over its period with a bar as high as its count', () => {
    const items = bucketsToItems(
      [
        { start: '2025-01-01', count: 10 },
        { start: '2025-02-01', count: 1234 },
      ],
      'month',
    );
    expect(items.map((item) => item.type)).toEqual(['background', 'background']);
    expect(items[1]).toMatchObject({ id: 'bucket:2025-02-01', content: '1,234', style: '--bar: 100%' });
    expect(items[0]!.style).toBe('--bar: 4%');
    expect(dateToDay(items[0]!.end!)).toBe('2025-02-01');
    expect(items[1]!.className).toMatch(/timeline-density-5/);
    expect(items[0]!.title).toContain('10 claims');
  });

  it('shades by density and never hides a bucket that has claims', () => {
    expect(densityLevel(0, 10)).toBe(0);
    expect(densityLevel(1, 1000)).toBe(1);
    expect(densityLevel(1000, 1000)).toBe(5);
    expect(barPercent(1, 1000)).toBe(4);
    expect(barPercent(500, 1000)).toBe(50);
    expect(barPercent(0, 0)).toBe(0);
  });

  it('frames an overview with a little room each side', () => {
    expect(extentOf([], 'month')).toBeNull();
    const extent = extentOf(
      [
        { start: '2025-01-01', count: 3 },
        { start: '2025-03-01', count: 4 },
      ],
      'month',
    )!;
    expect(extent.start.getTime()).toBeLessThan(dayToDate('2025-01-01').getTime());
    expect(extent.end.getTime()).toBeGreaterThan(dayToDate('2025-04-01').getTime());
  });

  it('draws a claim once in each of its tags or actors, and names the rows of claims without', () => {
    const items = [
      claim({ id: 'a', tags: ['Places/Goma', 'Actors/M23'], actors: ['M23'] }),
      claim({ id: 'b', tags: [], actors: ['FARDC', 'M23'] }),
    ];
    const byTag = claimsToTimeline(items, 'tag');
    expect(byTag.groups!.map((group) => group.content)).toEqual(['Actors/M23', NO_TAG, 'Places/Goma']);
    expect(byTag.items.map((item) => [item.id, item.group])).toEqual([
      ['a|tag:Places/Goma', 'tag:Places/Goma'],
      ['a|tag:Actors/M23', 'tag:Actors/M23'],
      [`b|tag:${NO_TAG}`, `tag:${NO_TAG}`],
    ]);
    expect(byTag.items.map((item) => claimIdOf(item.id))).toEqual(['a', 'a', 'b']);
    const byActor = claimsToTimeline([...items, claim({ id: 'c' })], 'actor');
    expect(byActor.groups!.map((group) => group.content)).toEqual(['FARDC', 'M23', NO_ACTOR]);
    expect(byActor.items).toHaveLength(4);
  });
});

describe('estimates', () => {
  it('shares each month out over its days to estimate a window', () => {
    const months = [
      { start: '2025-01-01', count: 310 },
      { start: '2025-02-01', count: 28 },
    ];
    expect(estimateCount(months, { from: '2025-01-01', to: '2025-01-31' })).toBeCloseTo(310);
    expect(estimateCount(months, { from: '2025-01-01', to: '2025-01-10' })).toBeCloseTo(100);
    expect(estimateCount(months, { from: '2025-01-31', to: '2025-02-02' })).toBeCloseTo(12);
    expect(estimateCount(months, { from: '2025-03-01', to: '2025-03-31' })).toBe(0);
  });
});
