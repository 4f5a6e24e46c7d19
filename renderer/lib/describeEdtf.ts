// describeEdtf: an EDTF event date in plain words ("2025-02~" -> "about February 2025") for the claim form's preview.
// The package ships no types, and db/types/edtf.d.ts (in the root program that type-checks the tests) declares only
// its default export: this reference brings the declaration of parse() wherever this module goes.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module cannot be imported
/// <reference path="../types/edtf.d.ts" />
import { parse } from 'edtf';

// The grammar is the `edtf` package's, the same one the engine validates with (db/dates.ts), so the preview says
// "not a date" exactly when saving would be refused for the syntax. https://www.loc.gov/standards/datetime/
type Node = ReturnType<typeof parse>;
type Point = Extract<Node, { type: 'Date' | 'Year' | 'Season' }>;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** EDTF season and sub-year codes (level 1: 21-24; level 2: 25-41). */
const SEASONS: Record<number, string> = {
  21: 'spring',
  22: 'summer',
  23: 'autumn',
  24: 'winter',
  25: 'northern spring',
  26: 'northern summer',
  27: 'northern autumn',
  28: 'northern winter',
  29: 'southern spring',
  30: 'southern summer',
  31: 'southern autumn',
  32: 'southern winter',
  33: 'first quarter of',
  34: 'second quarter of',
  35: 'third quarter of',
  36: 'fourth quarter of',
  37: 'first third of',
  38: 'second third of',
  39: 'third third of',
  40: 'first half of',
  41: 'second half of',
};

// Bits of the `unspecified` mask (one per digit of YYYY-MM-DD).
const YEAR_DIGITS = 0b1111;
const MONTH_DIGITS = 0b11_0000;
const DAY_DIGITS = 0b1100_0000;

const year = (value: number): string => (value < 0 ? `year ${value}` : String(value));

/** The date without its qualifiers, and the precision it has: 1 year, 2 month, 3 day. */
function plainPoint(point: Point): { words: string; precision: number } {
  const [y = 0, month, day, hours, minutes] = point.values;
  if (point.type === 'Season') {
    const season = SEASONS[point.values[1]] ?? `season ${point.values[1]} of`;
    return { words: `${season} ${year(y)}`, precision: 2 };
  }
  if (point.type === 'Year') return { words: `year ${y}`, precision: 1 };
  const unspecified = point.unspecified ?? 0;
  if (unspecified & YEAR_DIGITS) {
    const digits = unspecified & YEAR_DIGITS;
    // 202X is a decade, 19XX a century: "the 2020s", "the 1900s".
    if (digits === 0b1000 || digits === 0b1100) return { words: `the ${y}s`, precision: 1 };
    const masked = String(y)
      .padStart(4, '0')
      .split('')
      .map((digit, index) => (digits & (1 << index) ? 'X' : digit))
      .join('');
    return { words: `some year ${masked}`, precision: 1 };
  }
  if (unspecified & MONTH_DIGITS)
    return { words: `some ${day === undefined ? 'month' : 'day'} in ${year(y)}`, precision: 1 };
  const monthName = month === undefined ? undefined : MONTHS[month];
  if (monthName === undefined) return { words: year(y), precision: 1 };
  if (unspecified & DAY_DIGITS) return { words: `some day in ${monthName} ${year(y)}`, precision: 2 };
  if (day === undefined) return { words: `${monthName} ${year(y)}`, precision: 2 };
  const time =
    hours === undefined ? '' : `, ${String(hours).padStart(2, '0')}:${String(minutes ?? 0).padStart(2, '0')}`;
  return { words: `${day} ${monthName} ${year(y)}${time}`, precision: 3 };
}

/** "about" and "uncertain" apply to the whole date in the preview, even when EDTF level 2 qualifies one part. */
function describePoint(point: Point): string {
  const { words } = plainPoint(point);
  const approximate = Boolean(point.approximate);
  const uncertain = Boolean(point.uncertain);
  return `${approximate ? 'about ' : ''}${words}${uncertain ? ', uncertain' : ''}`;
}

const isQualified = (point: Point) => Boolean(point.approximate) || Boolean(point.uncertain);

/** "26–28 January 2025", "26 January – 3 February 2025", or the two ends in full. */
function describeRange(from: Point, to: Point): string {
  if (from.type === 'Date' && to.type === 'Date' && !isQualified(from) && !isQualified(to)) {
    const a = plainPoint(from);
    const b = plainPoint(to);
    const [fromYear, fromMonth, fromDay] = from.values;
    const [toYear, toMonth, toDay] = to.values;
    const plain = !from.unspecified && !to.unspecified && from.values.length <= 3 && to.values.length <= 3;
    if (plain && a.precision === b.precision && fromYear === toYear && fromYear !== undefined) {
      const y = year(fromYear);
      if (a.precision === 3 && fromMonth === toMonth) return `${fromDay}–${toDay} ${MONTHS[fromMonth!]} ${y}`;
      if (a.precision === 3) return `${fromDay} ${MONTHS[fromMonth!]} – ${toDay} ${MONTHS[toMonth!]} ${y}`;
      if (a.precision === 2) return `${MONTHS[fromMonth!]}–${MONTHS[toMonth!]} ${y}`;
    }
    return `${a.words} – ${b.words}`;
  }
  return `${describePoint(from)} – ${describePoint(to)}`;
}

function describeNode(node: Node): string {
  switch (node.type) {
    case 'Date':
    case 'Year':
    case 'Season':
      return describePoint(node);
    case 'Interval': {
      // An end is a date, ±Infinity when open ("..": it goes on) or null when unknown ("").
      const [from, to] = node.values;
      const fromDate = typeof from === 'object' ? from : null;
      const toDate = typeof to === 'object' ? to : null;
      if (fromDate && toDate) return describeRange(fromDate, toDate);
      if (fromDate)
        return typeof to === 'number'
          ? `from ${describePoint(fromDate)} on`
          : `from ${describePoint(fromDate)}, end unknown`;
      if (toDate)
        return typeof from === 'number'
          ? `until ${describePoint(toDate)}`
          : `until ${describePoint(toDate)}, start unknown`;
      return 'an unknown period';
    }
    case 'Set':
    case 'List': {
      const parts = node.values.map((value) =>
        Array.isArray(value) ? describeRange(value[0], value[1]) : describePoint(value),
      );
      return `${node.type === 'Set' ? 'one of' : 'all of'}: ${parts.join('; ')}`;
    }
  }
}

/** Plain words for an EDTF date, or null when the text is not EDTF. */
export function describeEdtf(text: string): string | null {
  const source = text.trim();
  if (source === '') return null;
  let node: Node;
  try {
    node = parse(source);
  } catch {
    return null;
  }
  return describeNode(node);
}
