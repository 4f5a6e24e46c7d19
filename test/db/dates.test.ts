// Event dates: the forms read without the edtf parser give exactly the bounds the parser gives.
import edtf from 'edtf';
import { describe, expect, it } from 'vitest';
import { parseEventDate } from '../../db/dates.ts';

const toDay = (ms: number): string | null =>
  Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : null;

/** The edtf package's answer: [earliest, latest], or 'refused'. */
function byParser(date: string): [string | null, string | null] | 'refused' {
  try {
    const parsed = edtf(date) as { min: number; max: number };
    return [toDay(parsed.min), toDay(parsed.max)];
  } catch {
    return 'refused';
  }
}

function ours(date: string): [string | null, string | null] | 'refused' {
  try {
    const parsed = parseEventDate(date);
    return [parsed.earliest, parsed.latest];
  } catch {
    return 'refused';
  }
}

describe('event dates', () => {
  // Days, months and years, valid and not, marked uncertain (?), approximate (~), both (%) or not at all.
  const single: string[] = [];
  for (const year of ['2024', '2025'])
    for (const month of ['00', '02', '12'])
      for (const day of ['01', '29', '31', '32'])
        for (const mark of ['', '?', '~', '%', '?~'])
          single.push(`${year}${mark}`, `${year}-${month}${mark}`, `${year}-${month}-${day}${mark}`);
  const intervals = single.flatMap((from, i) =>
    i % 4 === 0 ? single.filter((_, j) => j % 9 === 0).map((to) => `${from}/${to}`) : [],
  );

  it('gives the parser’s bounds for qualified dates and intervals (impossible plain days aside)', () => {
    const differ = [...single, ...intervals]
      // A plain impossible day is refused here, where the parser rolls it over into the next month.
      .filter((date) => !/^\d{4}-02-(29|30|31)$/.test(date) || date.startsWith('2024-02-29'))
      .filter((date) => JSON.stringify(ours(date)) !== JSON.stringify(byParser(date)));
    expect(intervals.length).toBeGreaterThan(500);
    expect(differ).toEqual([]);
  });

  it('refuses a plain impossible day that the parser would roll over', () => {
    expect(byParser('2025-02-29')).toEqual(['2025-03-01', '2025-03-01']);
    expect(() => parseEventDate('2025-02-29')).toThrow(/that day does not exist/);
  });

  it('keeps open ends and intervals in reverse to the parser', () => {
    expect(ours('2025-01-26/..')).toEqual(['2025-01-26', null]);
    expect(ours('2025-01-28/2025-01-26')).toBe('refused');
    expect(ours('2025-01-26/2025-01-26')).toBe(byParser('2025-01-26/2025-01-26'));
  });
});
