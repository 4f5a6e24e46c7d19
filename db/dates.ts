// Event dates as EDTF (https://www.loc.gov/standards/datetime/): validated with the `edtf` package and reduced
// to the earliest and latest day they can mean, so range queries need no EDTF parsing.
import edtf from 'edtf';
import { badInput } from './errors.ts';

export interface EventDate {
  /** The EDTF text as the analyst gave it. */
  date: string;
  /** 'YYYY-MM-DD', or null for an open start ("../2025-01-01"). */
  earliest: string | null;
  /** 'YYYY-MM-DD', or null for an open end ("2025-01-26/.."). */
  latest: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const toDay = (ms: number): string | null => {
  if (!Number.isFinite(ms)) return null;
  const iso = new Date(ms).toISOString();
  return /^\d{4}-/.test(iso) ? iso.slice(0, 10) : null;
};

// The edtf package builds a parser per call (~0.5 ms); a case repeats few distinct dates, so keep the answers.
const cache = new Map<string, EventDate>();
const CACHE_SIZE = 20_000;

const lastDayOf = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Plain calendar dates (YYYY, YYYY-MM, YYYY-MM-DD) without the parser; null for anything else. */
function plainDate(date: string): EventDate | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1) return null;
  if (match[2] === undefined) return { date, earliest: `${match[1]}-01-01`, latest: `${match[1]}-12-31` };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  const last = lastDayOf(year, month);
  if (match[3] === undefined) {
    return { date, earliest: `${match[1]}-${match[2]}-01`, latest: `${match[1]}-${match[2]}-${pad(last)}` };
  }
  const day = Number(match[3]);
  if (day < 1 || day > last) return null;
  return { date, earliest: date, latest: date };
}

const QUALIFIERS = new Set(['?', '~', '%']);

/**
 * The other forms a bulk entry mostly uses, without the parser (a case holds thousands of distinct ones, and
 * each parse costs ~0.5 ms): a plain date with one qualifier (uncertain ?, approximate ~, both %), which keeps
 * the date's bounds, and an interval of two plain dates, the second starting after the first ends. null for
 * anything else, which the parser decides (an impossible day, an interval in the wrong order, open ends...).
 * test/db/ids.test.ts checks these against the parser.
 */
function commonEdtf(date: string): EventDate | null {
  if (QUALIFIERS.has(date.at(-1)!)) {
    const plain = plainDate(date.slice(0, -1));
    return plain && { date, earliest: plain.earliest, latest: plain.latest };
  }
  const slash = date.indexOf('/');
  if (slash < 0) return null;
  const from = plainDate(date.slice(0, slash));
  const to = plainDate(date.slice(slash + 1));
  if (!from || !to || from.latest! >= to.earliest!) return null;
  return { date, earliest: from.earliest, latest: to.latest };
}

export function parseEventDate(text: string): EventDate {
  const date = text.trim();
  const known = cache.get(date);
  if (known) return known;
  // The edtf package rolls impossible days over (2025-02-29 becomes 1 March): plain dates are checked here.
  const parsed =
    plainDate(date) ??
    (/^\d{4}(-\d{2}){0,2}$/.test(date) ? impossible(date) : (commonEdtf(date) ?? parseEdtf(date)));
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(date, parsed);
  return parsed;
}

function impossible(date: string): never {
  throw badInput(`"${date}" is not a valid EDTF date: that day does not exist.`);
}

function parseEdtf(date: string): EventDate {
  const example = 'like 2025-01-27, 2025-02~ (about February 2025) or 2025-01-26/2025-01-28';
  if (date === '') throw badInput(`An event date cannot be empty; leave it out instead.`);
  let parsed: { min: number; max: number };
  try {
    parsed = edtf(date) as { min: number; max: number };
  } catch {
    throw badInput(`"${date.slice(0, 60)}" is not a valid EDTF date; write it ${example}.`);
  }
  const earliest = toDay(parsed.min);
  const latest = toDay(parsed.max);
  if (earliest === null && latest === null) {
    throw badInput(`"${date}" has no bounds Attest can place on a timeline; write it ${example}.`);
  }
  if ((earliest && earliest < '0001-01-01') || (latest && latest > '9999-12-31')) {
    throw badInput(`"${date}" is outside the years 1 to 9999.`);
  }
  return { date, earliest, latest };
}

/** A calendar day 'YYYY-MM-DD' as used in filters; throws a clear message otherwise. */
export function parseDay(text: string, what: string): string {
  const day = text.trim();
  if (
    !DAY.test(day) ||
    Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ||
    toDay(Date.parse(`${day}T00:00:00Z`)) !== day
  ) {
    throw badInput(`${what} must be a day written YYYY-MM-DD, like 2025-01-27 (got "${text.slice(0, 40)}").`);
  }
  return day;
}
