// Event dates of news expressions: table-driven over publication dates, year boundaries and running references.
import { describe, expect, it } from 'vitest';
import { parseEventDate } from '../../../db/dates.ts';
import { createDateReader, publicationDay, resolveDate } from '../../../db/suggest/eventDate.ts';

// [expression, publication date, reference (the date the text last mentioned), expected EDTF, precision]
type Row = [string, string | null, string | undefined, string | null, string | null];

// 2025-01-29 is a Wednesday; 2025-01-27 a Monday; 2025-01-02 a Thursday; 2025-03-15 a Saturday.
const TABLE: Row[] = [
  ['on Friday', '2025-01-29', undefined, '2025-01-24', 'day'],
  ['last Sunday', '2025-01-29', undefined, '2025-01-26', 'day'],
  ['on Monday', '2025-01-27', undefined, '2025-01-27', 'day'],
  ['last Monday', '2025-01-27', undefined, '2025-01-20', 'day'],
  ['on Wednesday', '2025-01-29', undefined, '2025-01-29', 'day'],
  ['yesterday', '2025-01-29', undefined, '2025-01-28', 'day'],
  ['yesterday', '2025-01-01', undefined, '2024-12-31', 'day'],
  ['two weeks ago', '2025-01-29', undefined, '2025-01-15', 'day'],
  ['last week', '2025-01-29', undefined, '2025-01-20/2025-01-26', 'week'],
  ['last week', '2025-01-02', undefined, '2024-12-23/2024-12-29', 'week'],
  ['earlier this week', '2025-01-29', undefined, '2025-01-27/2025-01-29', 'week'],
  ['this month', '2025-01-29', undefined, '2025-01', 'month'],
  ['last month', '2025-01-02', undefined, '2024-12', 'month'],
  ['earlier this month', '2025-03-15', undefined, '2025-03', 'month'],
  ['earlier this year', '2025-03-15', undefined, '2025-01/2025-03~', 'range'],
  ['earlier this year', '2025-01-29', undefined, '2025-01', 'month'],
  ['last year', '2025-01-29', undefined, '2024', 'year'],
  ['in March', '2025-03-15', undefined, '2025-03', 'month'],
  ['in April', '2025-03-15', undefined, '2024-04', 'month'],
  ['in December', '2025-01-02', undefined, '2024-12', 'month'],
  ['2 February', '2025-03-15', undefined, '2025-02-02', 'day'],
  ['2 February', '2025-01-29', undefined, '2024-02-02', 'day'],
  ['on Dec. 30', '2025-01-02', undefined, '2024-12-30', 'day'],
  ['on Friday', '2025-01-02', undefined, '2024-12-27', 'day'],
  ['on 3 February 2024', '2025-01-29', undefined, '2024-02-03', 'day'],
  ['in 2023', '2025-01-29', undefined, '2023', 'year'],
  ['last Sunday', '2025-02-22T09:30:00Z', undefined, '2025-02-16', 'day'],
  ['last Sunday', '2025-02-23', undefined, '2025-02-16', 'day'],
  ['a day earlier', '2025-02-22', '2025-02-16', '2025-02-15', 'day'],
  ['two days later', '2025-02-22', '2025-02-16', '2025-02-18', 'day'],
  ['the next morning', '2025-01-02', '2024-12-31', '2025-01-01', 'day'],
  ['the day before', '2025-01-02', '2025-01-01', '2024-12-31', 'day'],
  ['on Friday', null, undefined, null, null],
  ['on 3 February 2024', null, undefined, '2024-02-03', 'day'],
  ['the city is calm', '2025-01-29', undefined, null, null],
  ['a protest march', '2025-01-29', undefined, null, null],
];

describe('resolveDate', () => {
  it.each(TABLE)(
    '%s published %s (reference %s) -> %s',
    (expression, published, reference, date, precision) => {
      const resolved = resolveDate(expression, published, reference);
      expect(resolved?.date ?? null).toBe(date);
      expect(resolved?.precision ?? null).toBe(precision);
      // Every date it gives is EDTF the case file accepts.
      if (resolved) expect(parseEventDate(resolved.date).date).toBe(resolved.date);
    },
  );

  it('gives where in the text the words were', () => {
    const text = 'Fighting resumed on Friday near the airport.';
    const resolved = resolveDate(text, '2025-01-29')!;
    expect(text.slice(resolved.start, resolved.end)).toBe('on Friday');
  });
});

describe('createDateReader', () => {
  it('counts "a day earlier" from the date the text last mentioned, not from publication', () => {
    const read = createDateReader('2025-02-22');
    expect(read('Fighters entered Goma last Sunday after heavy shelling.')?.date).toBe('2025-02-16');
    expect(read('A day earlier, fighting had closed the airport.')?.date).toBe('2025-02-15');
    expect(read('Clashes resumed on 3 February near Sake.')?.date).toBe('2025-02-03');
    expect(read('Two days later, the rebels withdrew from the town.')?.date).toBe('2025-02-05');
    expect(read('The town was quiet.')).toBeNull();
    expect(read('The next morning, shops reopened.')?.date).toBe('2025-02-06');
  });

  it('takes the event, not the day it was reported ("..., the ministry said on Saturday")', () => {
    const read = createDateReader('2025-02-22');
    const date = read('Rebels pushed into Goma on Friday, the health ministry said on Saturday.');
    expect(date).toMatchObject({ date: '2025-02-21', text: 'on Friday' });
    // The reference is now Saturday, the last date mentioned.
    expect(read('A day earlier the airport was shelled.')?.date).toBe('2025-02-21');
  });

  it('keeps a month a month: a count of days from "this month" is never a made-up day', () => {
    const read = createDateReader('2025-03-15');
    expect(read('Prices doubled this month in the markets of Goma.')?.date).toBe('2025-03');
    expect(read('Two days later, fuel ran out.')).toMatchObject({ date: '2025-03', precision: 'month' });
  });
});

describe('publicationDay', () => {
  it('reads a day or an ISO date-time and refuses anything else', () => {
    expect(publicationDay('2025-02-22')).toBe(Date.UTC(2025, 1, 22));
    expect(publicationDay('2025-02-22T23:30:00+01:00')).toBe(Date.UTC(2025, 1, 22));
    expect(publicationDay('2025-02-30')).toBeNull();
    expect(publicationDay('February 2025')).toBeNull();
    expect(publicationDay(null)).toBeNull();
  });
});
