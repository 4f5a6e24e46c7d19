// describeEdtf: EDTF event dates in plain words for the claim form's preview, null for what is not EDTF.
import { describe, expect, it } from 'vitest';
import { describeEdtf } from '../../renderer/lib/describeEdtf.ts';

describe('describeEdtf', () => {
  it.each([
    ['2025-01-27', '27 January 2025'],
    ['2025-02~', 'about February 2025'],
    ['2025?', '2025, uncertain'],
    ['2025-01-27%', 'about 27 January 2025, uncertain'],
    ['2025-01-26/2025-01-28', '26–28 January 2025'],
    ['2025-01-26/2025-02-03', '26 January – 3 February 2025'],
    ['2024-12-30/2025-01-02', '30 December 2024 – 2 January 2025'],
    ['2025-01/2025-03', 'January–March 2025'],
    ['2025-01~/2025-03', 'about January 2025 – March 2025'],
    ['2025-01-26/..', 'from 26 January 2025 on'],
    ['2025-01-26/', 'from 26 January 2025, end unknown'],
    ['../2025-01-01', 'until 1 January 2025'],
    ['/2025-01-01', 'until 1 January 2025, start unknown'],
    ['2025-21', 'spring 2025'],
    ['2025-XX', 'some month in 2025'],
    ['2025-01-XX', 'some day in January 2025'],
    ['202X', 'the 2020s'],
    ['2025-01-27T10:30:00Z', '27 January 2025, 10:30'],
    ['{2025-01-26,2025-01-28}', 'all of: 26 January 2025; 28 January 2025'],
    ['[2025-01-26..2025-01-28]', 'one of: 26–28 January 2025'],
    ['  2025-01-27  ', '27 January 2025'],
  ])('%s -> %s', (text, words) => {
    expect(describeEdtf(text)).toBe(words);
  });

  it.each(['', 'last Sunday', '27/01/2025', '2025-13', '2025-02-31'])('gives null for %j', (text) => {
    expect(describeEdtf(text)).toBeNull();
  });
});
