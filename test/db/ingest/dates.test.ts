// Tests of publication-date reading: the accepted formats, UTC conversion, and what is not a date.
import { describe, expect, it } from 'vitest';
import { matchDateAt, parseDate } from '../../../db/ingest/dates.ts';

describe('parseDate', () => {
  it.each([
    ['2025-02-22', '2025-02-22'],
    ['2025/02/22', '2025-02-22'],
    ['2025/2/2', '2025-02-02'],
    ['22 February 2025', '2025-02-22'],
    ['22nd Feb. 2025', '2025-02-22'],
    ['February 22, 2025', '2025-02-22'],
    ['Sept 3 2025', '2025-09-03'],
    ['2025-02-22T10:30:00Z', '2025-02-22T10:30:00Z'],
    ['2025-02-22T10:30:00.250Z', '2025-02-22T10:30:00Z'],
    ['2025-02-22T00:30:00+01:00', '2025-02-21T23:30:00Z'],
    ['2025-02-22 14:30 -0500', '2025-02-22T19:30:00Z'],
    ['2025-02-22 14:30 UTC', '2025-02-22T14:30:00Z'],
    // Without a zone the instant is unknown; the printed day is still the publication date.
    ['2025-02-22T10:30:00', '2025-02-22'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each(['2025-02-30', '2025-13-01', '30 Febtember 2025', 'February 2025', '22/02/2025', 'Friday', ''])(
    'refuses %j',
    (input) => {
      expect(parseDate(input)).toBeUndefined();
    },
  );

  it('refuses a date with anything after it', () => {
    expect(parseDate('2025-02-22 and more')).toBeUndefined();
  });
});

describe('matchDateAt', () => {
  it('reads a date at the start and says how long it is', () => {
    expect(matchDateAt('22 February 2025 PORT CALDER — ...')).toEqual({ value: '2025-02-22', length: 16 });
  });

  it('needs a boundary after the date', () => {
    expect(matchDateAt('2025-02-2234')).toBeUndefined();
    expect(matchDateAt('2025-02-22, Port Calder')).toEqual({ value: '2025-02-22', length: 10 });
  });
});
