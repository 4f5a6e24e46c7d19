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

export function parseEventDate(text: string): EventDate {
  const date = text.trim();
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
